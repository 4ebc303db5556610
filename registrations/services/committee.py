"""The review committee's acts: review, decide, record attendance."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import emails
from ..errors import ErrorCode, FieldError, RegistrationError, RegistrationValidationError
from ..lifecycle import Act, Status, allowed_targets
from ..models import Application, AuditEntry, Review
from ..normalize import clean_text
from ._common import after_commit, audit, lock, move, require_permission

REVIEWABLE_STATUSES = frozenset({Status.UNDER_REVIEW, Status.WAITLISTED})
DECISIONS = (Status.ACCEPTED, Status.REJECTED, Status.WAITLISTED)
MAX_MESSAGE_LENGTH = 4000


def add_review(
    application: Application,
    *,
    reviewer: Any,
    score: int | None,
    recommendation: str,
    comment: str = "",
    conflict_of_interest: bool = False,
) -> Review:
    """Record one committee member's review; a declared conflict of interest is a recusal.

    With ``conflict_of_interest`` the reviewer gives no score and no recommendation (they are
    ignored), so the declaration can never hide a vote.
    """
    if reviewer is None:
        raise RegistrationError(ErrorCode.PERMISSION_DENIED)
    require_permission(reviewer, "review_application")
    comment = clean_text(comment)
    if conflict_of_interest:
        score, recommendation = None, ""
    else:
        errors = []
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            errors.append(
                FieldError("score", ErrorCode.INVALID_INPUT, _("Give a score from 1 to 5."))
            )
        if recommendation not in Review.Recommendation.values:
            errors.append(
                FieldError(
                    "recommendation",
                    ErrorCode.INVALID_CHOICE,
                    _("Recommend accept, waitlist or reject."),
                )
            )
        if errors:
            raise RegistrationValidationError(errors)
    if len(comment) > MAX_MESSAGE_LENGTH:
        raise RegistrationError(ErrorCode.TOO_LONG, field="comment")
    with transaction.atomic():
        application = lock(application)
        if application.status not in REVIEWABLE_STATUSES:
            raise RegistrationError(
                ErrorCode.ILLEGAL_TRANSITION,
                _("Only applications under review or on the waitlist can be reviewed."),
            )
        if Review.objects.filter(application=application, reviewer=reviewer).exists():
            raise RegistrationError(ErrorCode.ALREADY_REVIEWED)
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    application=application,
                    reviewer=reviewer,
                    score=score,
                    recommendation=recommendation,
                    comment=comment,
                    conflict_of_interest=conflict_of_interest,
                )
        except IntegrityError as exc:
            raise RegistrationError(ErrorCode.ALREADY_REVIEWED) from exc
        audit(
            action=AuditEntry.Action.REVIEW,
            application=application,
            by=reviewer,
            from_status=application.status,
            to_status=application.status,
            note="conflict of interest declared" if conflict_of_interest else "",
        )
    return review


def decide(
    application: Application,
    *,
    decision: str,
    by: Any,
    public_message: str = "",
    internal_reason: str = "",
    public_message_translations: dict[str, str] | None = None,
) -> Application:
    """Accept, reject or waitlist; the applicant is told (with ``public_message``) by email.

    ``public_message`` is in the default language (Persian); ``public_message_translations``
    maps other content languages to the same message in them. The email uses the applicant's
    language and falls back to Persian with a notice. ``internal_reason`` stays with the
    committee and is never shown to the applicant.
    """
    require_permission(by, "decide_application")
    if decision not in DECISIONS:
        raise RegistrationError(ErrorCode.INVALID_CHOICE, field="decision")
    public_message, internal_reason = clean_text(public_message), clean_text(internal_reason)
    translations = _clean_translations(public_message_translations or {})
    for name, value in (
        ("public_message", public_message),
        ("internal_reason", internal_reason),
        *((f"public_message_{code}", text) for code, text in translations.items()),
    ):
        if len(value) > MAX_MESSAGE_LENGTH:
            raise RegistrationError(ErrorCode.TOO_LONG, field=name)
    with transaction.atomic():
        application = lock(application)
        now = timezone.now()
        application.public_message = public_message
        application.public_message_translations = translations
        application.internal_reason = internal_reason
        application.decided_at = now
        fields = ["public_message", "public_message_translations", "internal_reason", "decided_at"]
        if decision == Status.WAITLISTED:
            application.waitlisted_at = now
            fields.append("waitlisted_at")
        move(application, Act.DECIDE, decision, by=by, extra_fields=tuple(fields))
        after_commit(
            emails.send_decision, application, decision, public_message, dict(translations)
        )
    return application


def _clean_translations(translations: dict[str, str]) -> dict[str, str]:
    """Only configured languages other than the default, only non-empty texts."""
    codes = {code for code, _name in settings.LANGUAGES} - {settings.DEFAULT_CONTENT_LANGUAGE}
    cleaned = {}
    for code, text in translations.items():
        if code not in codes:
            raise RegistrationError(ErrorCode.INVALID_LOCALE, field=f"public_message_{code}")
        if text := clean_text(text):
            cleaned[code] = text
    return cleaned


def record_attendance(application: Application, *, attended: bool, by: Any) -> Application:
    """After the session: a confirmed participant attended (a *citizen diplomat*) or not."""
    require_permission(by, "record_attendance")
    with transaction.atomic():
        application = lock(application)
        target = Status.ATTENDED if attended else Status.NO_SHOW
        if target in allowed_targets(application.status, Act.RECORD_ATTENDANCE):
            session = application.session.source_page if application.session else None
            if session is None or session.starts_at > timezone.now():
                raise RegistrationError(
                    ErrorCode.ILLEGAL_TRANSITION,
                    _("Attendance can be recorded only once the session has started."),
                )
        move(application, Act.RECORD_ATTENDANCE, target, by=by)
    return application
