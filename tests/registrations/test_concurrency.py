"""Capacity under real concurrency: threads with their own PostgreSQL connections.

SQLite serialises every write on one file lock and ignores ``SELECT … FOR UPDATE``, so these
tests prove nothing there and are skipped; CI runs them on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from registrations import services
from registrations.errors import RegistrationError
from registrations.lifecycle import Status
from registrations.models import Application, AuditEntry, Invitation
from registrations.selectors import confirmed_seat_counts

from . import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

CONFIRMATIONS = 60
SEATS = 20


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks and serialises writers, so concurrent "
            "confirmations cannot race there"
        )


def _in_threads(count: int, work) -> list[object]:
    """Run ``work(i)`` in ``count`` threads released together; each uses its own connection."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = work(i)
        except RegistrationError as exc:
            results[i] = exc.code.value
        except Exception as exc:  # noqa: BLE001 - recorded and asserted on below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a confirmation hung"
    return results


def _invited(session, count: int) -> list[tuple[Application, str]]:
    return [factories.invited(session) for _ in range(count)]


def test_sixty_concurrent_confirmations_fill_exactly_twenty_seats():
    factories.minimal_programme()
    session = factories.make_session(capacity=SEATS)
    invited = _invited(session, CONFIRMATIONS)

    results = _in_threads(
        CONFIRMATIONS,
        lambda i: services.respond_to_invitation(invited[i][1], accept=True).status,
    )

    outcomes = Counter(r if isinstance(r, str) else repr(r) for r in results)
    assert outcomes == {Invitation.Status.ACCEPTED: SEATS, "SESSION_FULL": CONFIRMATIONS - SEATS}
    invitations = Counter(
        Invitation.objects.filter(session=session).values_list("status", flat=True)
    )
    assert invitations == {
        Invitation.Status.ACCEPTED: SEATS,
        Invitation.Status.PENDING: CONFIRMATIONS - SEATS,
    }
    statuses = Counter(Application.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == {Status.CONFIRMED: SEATS, Status.INVITED: CONFIRMATIONS - SEATS}
    assert confirmed_seat_counts([session.pk]) == {session.pk: SEATS}
    assert (
        AuditEntry.objects.filter(application__session=session, to_status=Status.CONFIRMED).count()
        == SEATS
    )


def test_concurrent_declines_invite_the_waitlist_in_order_without_overbooking():
    factories.minimal_programme()
    seats = 5
    session = factories.make_session(capacity=seats)
    invited = _invited(session, seats)
    waiting = []
    for rank in range(8):
        application = factories.decided(Status.WAITLISTED, session=session.slug)
        Application.objects.filter(pk=application.pk).update(
            waitlisted_at=timezone.now() - timedelta(hours=100 - rank)
        )
        waiting.append(application.pk)

    results = _in_threads(
        seats, lambda i: services.respond_to_invitation(invited[i][1], accept=False).status
    )

    assert results == [Invitation.Status.DECLINED] * seats
    newly_invited = set(
        Invitation.objects.filter(session=session, from_waitlist=True).values_list(
            "application_id", flat=True
        )
    )
    assert newly_invited == set(waiting[:seats])
    assert (
        Invitation.objects.filter(session=session, status=Invitation.Status.PENDING).count()
        == seats
    )
    assert set(
        Application.objects.filter(pk__in=waiting[seats:]).values_list("status", flat=True)
    ) == {Status.WAITLISTED}
