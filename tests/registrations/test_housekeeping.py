"""expire_unconfirmed and apply_retention in set-based batches: bulk, idempotent, interruptible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from registrations import services
from registrations.lifecycle import Status
from registrations.models import Applicant, Application, AuditEntry

from . import factories

pytestmark = pytest.mark.django_db


def _unconfirmed(count: int) -> list[Application]:
    applications = [factories.submitted()[0] for _ in range(count)]
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=100)
    )
    return applications


def _old_rejected(count: int) -> list[Application]:
    applications = [factories.decided(Status.REJECTED) for _ in range(count)]
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        status_changed_at=timezone.now() - timedelta(days=5000)
    )
    return applications


def test_expiry_works_in_batches_with_one_audit_entry_per_application():
    applications = _unconfirmed(5)
    progress = []
    assert (
        services.expire_unconfirmed(batch_size=2, on_progress=lambda d, t: progress.append((d, t)))
        == 5
    )
    assert progress == [(2, 5), (4, 5), (5, 5)]
    ids = [a.pk for a in applications]
    assert set(Application.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        Status.EXPIRED
    }
    assert not Application.objects.filter(pk__in=ids, confirmation_token_hash__isnull=False)
    entries = AuditEntry.objects.filter(application_id__in=ids, to_status=Status.EXPIRED)
    assert entries.count() == 5
    assert {e.applicant_id for e in entries} == {a.applicant_id for a in applications}
    assert services.expire_unconfirmed() == 0


def test_expiry_costs_the_same_queries_for_many_rows(django_assert_max_num_queries):
    _unconfirmed(25)
    with django_assert_max_num_queries(12):
        assert services.expire_unconfirmed() == 25


def test_an_interrupted_expiry_keeps_finished_batches_and_the_next_run_carries_on():
    _unconfirmed(5)

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.expire_unconfirmed(batch_size=2, on_progress=interrupt)
    assert Application.objects.filter(status=Status.EXPIRED).count() == 2
    assert services.expire_unconfirmed(batch_size=2) == 3
    assert AuditEntry.objects.filter(to_status=Status.EXPIRED).count() == 5


def test_retention_works_in_batches_and_erases_applicants_left_without_data():
    applications = _old_rejected(5)
    keeper = factories.decided(Status.REJECTED, email="keeps@example.org")
    factories.under_review(email="keeps@example.org", city="xian")
    Application.objects.filter(pk=keeper.pk).update(
        status_changed_at=timezone.now() - timedelta(days=5000)
    )
    assert services.apply_retention(batch_size=2) == 6
    erased = Application.objects.filter(erased_at__isnull=False)
    assert set(erased.values_list("pk", flat=True)) == {a.pk for a in applications} | {keeper.pk}
    assert set(erased.values_list("motivation", flat=True)) == {""}
    gone = Applicant.objects.filter(pk__in=[a.applicant_id for a in applications])
    assert set(gone.values_list("full_name", flat=True)) == {""}
    assert all(a.erased_at for a in gone) and set(gone.values_list("search_name", flat=True)) == {
        ""
    }
    assert Applicant.objects.get(pk=keeper.applicant_id).erased_at is None
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ERASURE, application__isnull=False
        ).count()
        == 6
    )
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ERASURE, application__isnull=True
        ).count()
        == 5
    )
    assert services.apply_retention() == 0


def test_retention_costs_the_same_queries_for_many_rows(django_assert_max_num_queries):
    _old_rejected(20)
    with django_assert_max_num_queries(20):
        assert services.apply_retention() == 20


def test_commands_show_progress_and_totals(capsys):
    _unconfirmed(3)
    _old_rejected(2)
    call_command("expire_unconfirmed")
    call_command("apply_retention", "--days", "100")
    out = capsys.readouterr().out
    assert "3/3 expired" in out and "Expired 3 unconfirmed" in out
    assert "2/2 erased" in out and "rows/s" in out
