"""Personal data: logging who looks at it, exporting it, erasing it, and retention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.delivery import forget_recipient

from ..lifecycle import LIVE_STATUSES, RETAINED_STATUSES, Act, Status
from ..models import Applicant, Application, AuditEntry, Invitation, Review
from ._common import audit, move, require_permission

# Personal fields of an applicant and what erasure leaves in them. Category, country of
# residence and preferred language stay: they feed the programme's statistics and do not
# identify anyone on their own.
ERASED_APPLICANT_VALUES: dict[str, Any] = {
    "full_name": "",
    "email": "",
    "phone": "",
    "residence_city": "",
    "organisation": "",
    "languages": [],
    "expertise": "",
    "channels": "",
    "roster_opt_in": False,
}
ERASED_APPLICATION_VALUES: dict[str, Any] = {
    "motivation": "",
    "public_message": "",
    "internal_reason": "",
    "status_token_hash": None,
    "confirmation_token_hash": None,
    "submission_fingerprint": "",
}


def log_personal_data_view(
    applicant: Applicant, *, by: Any, application: Application | None = None, note: str = ""
) -> AuditEntry:
    """Staff looked at an applicant's personal data (the admin's detail view calls this).

    Refused without ``view_personal_data``: whoever may not see the data must not be shown it,
    and the refusal is the admin's signal to show the application without personal fields.
    """
    require_permission(by, "view_personal_data")
    return audit(
        action=AuditEntry.Action.PERSONAL_DATA_VIEWED,
        application=application,
        applicant=applicant,
        by=by,
        note=note,
    )


def _history(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "at": entry.created_at.isoformat(),
            "action": entry.action,
            "from": entry.from_status,
            "to": entry.to_status,
        }
        for entry in application.audit_entries.all()
        if entry.action in (AuditEntry.Action.TRANSITION, AuditEntry.Action.INVITATION)
    ]


def _application_export(application: Application) -> dict[str, Any]:
    session = application.session
    return {
        "reference": application.reference,
        "status": application.status,
        "city": {"slug": application.city.slug, "title": application.city.title},
        "session": {"slug": session.slug, "title": session.title} if session else None,
        "topics": [topic.slug for topic in application.topics.all()],
        "motivation": application.motivation,
        "language": application.language,
        "submitted_at": application.submitted_at.isoformat(),
        "email_confirmed_at": (
            application.email_confirmed_at.isoformat() if application.email_confirmed_at else None
        ),
        "public_message": application.public_message,
        "consents": [
            {"text_version": c.text_version, "given_at": c.given_at.isoformat()}
            for c in application.consents.all()
        ],
        # Opinions about the applicant are their data too; who gave them is not.
        "reviews": [
            {
                "score": r.score,
                "recommendation": r.recommendation,
                "comment": r.comment,
                "conflict_of_interest": r.conflict_of_interest,
                "at": r.created_at.isoformat(),
            }
            for r in application.reviews.all()
        ],
        "invitations": [
            {
                "session": inv.session.slug,
                "status": inv.status,
                "respond_by": inv.respond_by.isoformat() if inv.respond_by else None,
                "invited_at": inv.created_at.isoformat(),
                "answered_at": inv.responded_at.isoformat() if inv.responded_at else None,
            }
            for inv in application.invitations.all()
        ],
        "history": _history(application),
    }


def export_applicant(applicant: Applicant, *, by: Any = None) -> dict[str, Any]:
    """Everything stored about the applicant, JSON-serialisable (a subject access request)."""
    require_permission(by, "erase_applicant")
    applications = (
        applicant.applications.select_related("city", "session")
        .prefetch_related("topics", "consents", "reviews", "invitations__session", "audit_entries")
        .order_by("submitted_at")
    )
    data = {
        "applicant": {
            "full_name": applicant.full_name,
            "email": applicant.email,
            "phone": applicant.phone,
            "residence_country": str(applicant.residence_country or ""),
            "residence_city": applicant.residence_city,
            "organisation": applicant.organisation,
            "languages": list(applicant.languages or []),
            "category": applicant.category,
            "expertise": applicant.expertise,
            "channels": applicant.channels,
            "preferred_language": applicant.preferred_language,
            "roster_opt_in": applicant.roster_opt_in,
            "created_at": applicant.created_at.isoformat(),
            "erased_at": applicant.erased_at.isoformat() if applicant.erased_at else None,
        },
        "applications": [_application_export(a) for a in applications],
        "exported_at": timezone.now().isoformat(),
    }
    audit(action=AuditEntry.Action.EXPORT, applicant=applicant, by=by)
    return data


def _erase_application(application: Application, *, by: Any, now: datetime) -> None:
    if application.status in LIVE_STATUSES:
        # Nobody can be invited or reviewed without their data: end the application first.
        from .seats import release_seat

        previous = application.status
        move(application, Act.WITHDRAW, Status.WITHDRAWN, by=by, note="withdrawn by erasure")
        if previous in (Status.INVITED, Status.CONFIRMED):
            release_seat(application, by=by)
    for name, value in ERASED_APPLICATION_VALUES.items():
        setattr(application, name, value)
    application.erased_at = now
    application.save(update_fields=[*ERASED_APPLICATION_VALUES, "erased_at", "updated_at"])
    Review.objects.filter(application=application).update(comment="")
    Invitation.objects.filter(application=application).update(rsvp_token_hash=None)
    AuditEntry.objects.filter(application=application).update(note="")


def erase_applicant(applicant: Applicant, *, by: Any = None) -> None:
    """Anonymise the applicant and all their applications; statistics and the audit stay.

    Live applications are withdrawn first (their seats go to the waitlist). What remains is
    the skeleton: category, country, statuses, dates and the audit trail without notes.
    """
    require_permission(by, "erase_applicant")
    now = timezone.now()
    with transaction.atomic():
        applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
        if applicant.erased_at is not None:
            return
        for application in applicant.applications.select_for_update(of=("self",)).filter(
            erased_at__isnull=True
        ):
            application.applicant = applicant
            _erase_application(application, by=by, now=now)
        forget_recipient(applicant.email)  # unsent and failed mail in the outbox
        _anonymise(applicant, now)
        AuditEntry.objects.filter(applicant=applicant, application__isnull=True).update(note="")
        audit(action=AuditEntry.Action.ERASURE, applicant=applicant, by=by)


def _anonymise(applicant: Applicant, now: datetime) -> None:
    for name, value in ERASED_APPLICANT_VALUES.items():
        setattr(applicant, name, value)
    applicant.erased_at = now
    applicant.save()


def apply_retention(
    older_than_days: int | None = None,
    now: datetime | None = None,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Erase rejected, withdrawn and expired applications older than the retention period.

    Age counts from the application's last status change. An applicant is erased as a whole
    once none of their applications is kept any more. Returns the number of applications
    erased; ``on_progress(done, total)`` is called after each one (the command's progress).
    """
    days = settings.REGISTRATION_RETENTION_DAYS if older_than_days is None else older_than_days
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    due = list(
        Application.objects.filter(
            status__in=RETAINED_STATUSES, erased_at__isnull=True, status_changed_at__lt=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for done, pk in enumerate(due, start=1):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("applicant")
                .get(pk=pk)
            )
            _erase_application(application, by=None, now=now)
            audit(
                action=AuditEntry.Action.ERASURE,
                application=application,
                note=f"retention: older than {days} days",
            )
            applicant = application.applicant
            if (
                applicant.erased_at is None
                and not applicant.applications.filter(erased_at__isnull=True).exists()
            ):
                _anonymise(applicant, now)
                audit(action=AuditEntry.Action.ERASURE, applicant=applicant, note="retention")
        if on_progress:
            on_progress(done, len(due))
    return len(due)
