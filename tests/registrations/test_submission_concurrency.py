"""Identical submissions at the same moment, with real PostgreSQL connections.

The issue measured 100 identical concurrent submissions: one application, but 99 of the 100
status tokens already invalid and 100 emails. Here they must all get the same application and
a token that works, and one email goes out. SQLite serialises writers, so this runs only on
PostgreSQL (CI).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from registrations import services
from registrations.models import Application, UnsolicitedMail
from registrations.selectors import application_status

from . import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

# Each thread holds a connection of the shared server; 30 is enough to race and stays polite.
SUBMISSIONS = 30


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so submissions cannot race")


def _in_threads(count: int, work) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - recorded and asserted on below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    return results


def test_identical_concurrent_submissions_share_one_application_one_token_and_one_mail(
    mailoutbox,
):
    factories.minimal_programme()
    data = factories.application_input(email="burst@example.org")

    results = _in_threads(SUBMISSIONS, lambda _i: services.submit_application(data, language="fa"))

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert {r.application.pk for r in results} == {Application.objects.get().pk}
    assert len({r.status_token for r in results}) == 1
    reference = results[0].application.reference
    assert application_status(reference, results[0].status_token) is not None
    assert len(mailoutbox) == 1
    assert UnsolicitedMail.objects.count() == 1


def test_concurrent_submissions_for_one_address_respect_its_mail_limit(mailoutbox, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "3/24h"
    factories.minimal_programme()

    results = _in_threads(
        12,
        lambda i: services.submit_application(
            factories.application_input(email="flooded@example.org", motivation=f"Try {i}"),
            language="fa",
        ),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Application.objects.filter(applicant__email="flooded@example.org").count() == 12
    assert len(mailoutbox) == 3
