"""Housekeeping in bulk: expiring unconfirmed applications and erasing old ones.

Both work in set-based batches: each batch is one transaction that locks up to
``BATCH_SIZE`` rows (``SKIP LOCKED``, so a citizen confirming at that moment is not kept
waiting and is simply left for the next run), changes them with a few ``UPDATE … WHERE pk IN``
statements and writes their audit entries with one ``bulk_create``. A run can be interrupted at
any point: finished batches stay done, the running one rolls back, and the next run carries on
(rows already handled no longer match), so running twice changes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..lifecycle import RETAINED_STATUSES, Act, Status, check_transition
from ..models import Applicant, Application, AuditEntry, Invitation, Review
from .privacy import ERASED_APPLICANT_VALUES, ERASED_APPLICATION_VALUES

BATCH_SIZE = 1000

Progress = Callable[[int, int], None] | None


def _locked_batch(queryset, fields: tuple[str, ...], size: int, after: int) -> list[tuple]:
    """The next ``size`` rows after primary key ``after`` (keyset: no rescanning done rows)."""
    return list(
        queryset.filter(pk__gt=after)
        .select_for_update(skip_locked=True)
        .order_by("pk")
        .values_list(*fields)[:size]
    )


def expire_unconfirmed(
    now: datetime | None = None, *, batch_size: int = BATCH_SIZE, on_progress: Progress = None
) -> int:
    """Expire applications whose confirmation link was never used in time; returns how many."""
    now = now or timezone.now()
    check_transition(Status.SUBMITTED, Act.EXPIRE, Status.EXPIRED)
    cutoff = now - timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)
    due = Application.objects.filter(status=Status.SUBMITTED, confirmation_sent_at__lt=cutoff)
    total = due.count() if on_progress else 0
    done = after = 0
    while True:
        with transaction.atomic():
            batch = _locked_batch(due, ("pk", "applicant_id"), batch_size, after)
            if not batch:
                break
            after = batch[-1][0]
            Application.objects.filter(pk__in=[pk for pk, _a in batch]).update(
                status=Status.EXPIRED,
                status_changed_at=now,
                confirmation_token_hash=None,
                updated_at=now,
            )
            AuditEntry.objects.bulk_create(
                AuditEntry(
                    application_id=pk,
                    applicant_id=applicant_id,
                    actor_kind=AuditEntry.ActorKind.SYSTEM,
                    action=AuditEntry.Action.TRANSITION,
                    from_status=Status.SUBMITTED,
                    to_status=Status.EXPIRED,
                    note="email address not confirmed in time",
                )
                for pk, applicant_id in batch
            )
        done += len(batch)
        if on_progress:
            on_progress(done, max(total, done))
    return done


def apply_retention(
    older_than_days: int | None = None,
    now: datetime | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress = None,
) -> int:
    """Erase rejected, withdrawn and expired applications older than the retention period.

    Age counts from the application's last status change. An applicant is erased as a whole
    once none of their applications is kept any more. Returns the number of applications
    erased; ``on_progress(done, total)`` is called after each batch (the command's progress).
    """
    days = settings.REGISTRATION_RETENTION_DAYS if older_than_days is None else older_than_days
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    due = Application.objects.filter(
        status__in=RETAINED_STATUSES, erased_at__isnull=True, status_changed_at__lt=cutoff
    )
    total = due.count() if on_progress else 0
    done = after = 0
    while True:
        with transaction.atomic():
            batch = _locked_batch(due, ("pk", "applicant_id"), batch_size, after)
            if not batch:
                break
            after = batch[-1][0]
            ids = [pk for pk, _a in batch]
            Application.objects.filter(pk__in=ids).update(
                **ERASED_APPLICATION_VALUES, erased_at=now, updated_at=now
            )
            Review.objects.filter(application_id__in=ids).update(comment="")
            Invitation.objects.filter(application_id__in=ids).update(rsvp_token_hash=None)
            AuditEntry.objects.filter(application_id__in=ids).update(note="")
            note = f"retention: older than {days} days"
            entries = [
                AuditEntry(
                    application_id=pk,
                    applicant_id=applicant_id,
                    actor_kind=AuditEntry.ActorKind.SYSTEM,
                    action=AuditEntry.Action.ERASURE,
                    note=note,
                )
                for pk, applicant_id in batch
            ]
            entries += _erase_applicants_left_without_data({a for _pk, a in batch}, now)
            AuditEntry.objects.bulk_create(entries)
        done += len(batch)
        if on_progress:
            on_progress(done, max(total, done))
    return done


def _erase_applicants_left_without_data(applicant_ids: set[int], now: datetime) -> list:
    finished = list(
        Applicant.objects.filter(pk__in=applicant_ids, erased_at__isnull=True)
        .exclude(applications__erased_at__isnull=True)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if not finished:
        return []
    Applicant.objects.filter(pk__in=finished).update(
        **ERASED_APPLICANT_VALUES, search_name="", erased_at=now, updated_at=now
    )
    AuditEntry.objects.filter(applicant_id__in=finished, application__isnull=True).update(note="")
    return [
        AuditEntry(
            applicant_id=pk,
            actor_kind=AuditEntry.ActorKind.SYSTEM,
            action=AuditEntry.Action.ERASURE,
            note="retention",
        )
        for pk in finished
    ]
