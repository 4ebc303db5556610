"""The applicant's side: submit, confirm the email address, withdraw; expiring the unconfirmed."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cms.prepared_queries import PreparedQuery

from .. import emails
from ..consent import CONSENT_VERSION
from ..errors import ErrorCode, RegistrationError
from ..inputs import ApplicationInput, SubmissionResult
from ..lifecycle import LIVE_STATUSES, Act, Status
from ..models import (
    Applicant,
    Application,
    AuditEntry,
    ConsentRecord,
    ReferenceSequence,
    UnsolicitedMail,
)
from ..normalize import clean_line, to_ascii_digits
from ..tokens import (
    hash_token,
    looks_like_token,
    submission_confirm_token,
    submission_status_code,
)
from ..validation import CleanedApplication, session_registration_error, validate_application
from ._common import after_commit, audit, lock, move, require_permission
from .mail_limit import reserve_unsolicited_mail
from .seats import release_seat

REPEAT_RESEND_AFTER = timedelta(minutes=15)


def submit_application(data: ApplicationInput, *, language: str) -> SubmissionResult:
    """Register a citizen facilitator for one sister city (optionally one of its sessions).

    The application starts ``submitted`` and enters review only once the emailed link is used
    (double opt-in). Anyone can type anyone's address, so what a submission does for an
    address that already has an applicant is shaped by that:

    - It never changes the applicant's details: they stay on the new application
      (``submitted_profile``) until the address is confirmed through it.
    - If the address already has a live application for the city, the answer looks exactly
      like a new application's (a reference, a working status token, status ``submitted``):
      telling the caller would reveal who applied. The application is kept apart
      (``duplicate_of``), can never be confirmed, expires like any unconfirmed one, and the
      address's owner is emailed that they already applied, with a link to their status.
    - An *identical* repeat of an unconfirmed submission (a double click, a retried request,
      a hundred at once) returns the same application and the same working status token,
      and re-sends the link at most once per ``REPEAT_RESEND_AFTER``.
    - Emails it causes count towards the address's limit (``services.mail_limit``); beyond
      it the submission still succeeds and the application records that no mail was sent.
    """
    cleaned = validate_application(data, language=language)
    try:
        return _store_submission(cleaned, language)
    except IntegrityError:
        # A concurrent submission with the same email won the race to create the applicant;
        # the second attempt locks its row and answers accordingly.
        return _store_submission(cleaned, language)


# Every submission looks its address up, under a row lock: compiled once (cms.prepared_queries).
_LOCKED_APPLICANT = PreparedQuery(
    lambda email: (
        Applicant.objects.select_for_update()
        .filter(email=email, erased_at__isnull=True)
        .order_by("pk")[:1]
    )
)


def _store_submission(cleaned: CleanedApplication, language: str) -> SubmissionResult:
    fingerprint = cleaned.fingerprint()
    with transaction.atomic():
        found = _LOCKED_APPLICANT(cleaned.email)
        applicant = found[0] if found else None
        if applicant is None:
            applicant = Applicant.objects.create(**cleaned.profile())
            if cleaned.session is not None:
                _recheck_session(cleaned)
            return _create_application(applicant, cleaned, fingerprint, language)
        live = list(
            applicant.applications.select_for_update(of=("self",))
            .filter(city=cleaned.city, status__in=LIVE_STATUSES)
            .order_by("pk")
        )
        for existing in live:
            if (
                existing.status == Status.SUBMITTED
                and existing.submission_fingerprint == fingerprint
            ):
                return _repeat_submission(existing)
        if cleaned.session is not None:
            _recheck_session(cleaned)
        owned = next((a for a in live if a.duplicate_of_id is None), None)
        return _create_application(
            applicant,
            cleaned,
            fingerprint,
            language,
            submitted_profile=_profile_json(cleaned),
            duplicate_of=owned,
        )


def _profile_json(cleaned: CleanedApplication) -> dict[str, Any]:
    profile = cleaned.profile()
    profile.pop("email")
    profile["residence_country"] = str(profile["residence_country"] or "")
    return profile


def _repeat_submission(existing: Application) -> SubmissionResult:
    status_token, status_hash = submission_status_code(
        existing.reference, existing.submission_fingerprint
    )
    if status_hash != existing.status_token_hash:
        # Issued before tokens were derived, or SECRET_KEY has changed since: a new one.
        existing.status_token_hash = status_hash
        existing.save(update_fields=["status_token_hash", "updated_at"])
    last_mail = existing.confirmation_sent_at or existing.submitted_at
    if timezone.now() - last_mail >= REPEAT_RESEND_AFTER:
        _send_submission_mail(existing, resend=True)
    return SubmissionResult(existing, status_token, created=False)


def _send_submission_mail(application: Application, *, resend: bool = False) -> None:
    """The confirmation link, or for a duplicate the owner's notice, within the limit."""
    now = timezone.now()
    if not reserve_unsolicited_mail(application.applicant.email, _mail_kind(application)):
        if application.mail_withheld_at is None:
            application.mail_withheld_at = now
            application.save(update_fields=["mail_withheld_at", "updated_at"])
        return
    application.confirmation_sent_at = now
    application.mail_withheld_at = None
    application.save(update_fields=["confirmation_sent_at", "mail_withheld_at", "updated_at"])
    if resend:
        audit(
            action=AuditEntry.Action.TRANSITION,
            application=application,
            by_applicant=True,
            from_status=application.status,
            to_status=application.status,
            note="repeated identical submission: email sent again",
        )
    _queue_submission_mail(application)


def _mail_kind(application: Application) -> str:
    if application.duplicate_of_id is not None:
        return UnsolicitedMail.Kind.ALREADY_APPLIED
    return UnsolicitedMail.Kind.RECEIVED


def _queue_submission_mail(application: Application) -> None:
    """The owner's notice for a duplicate, else the confirmation link: queued in this
    transaction, composed and sent by the worker (``emails.queue_received``)."""
    owned = application.duplicate_of
    if owned is not None:
        after_commit(emails.queue_already_applied, owned)
    else:
        after_commit(emails.queue_received, application)


def _recheck_session(cleaned: CleanedApplication) -> None:
    """Validation looked at the session before the transaction; look again inside it."""
    assert cleaned.session is not None
    code = session_registration_error(cleaned.session)
    if code is not None:
        raise RegistrationError(code, field="session")


def next_reference(now: datetime | None = None) -> str:
    """``ISF-2026-00042``: a per-year counter, incremented under the counter row's lock.

    One ``UPDATE … RETURNING`` (PostgreSQL, SQLite ≥ 3.35) takes the next number; the row is
    created the first time a year is used.
    """
    year = timezone.localtime(now or timezone.now()).year
    number = _increment_reference(year)
    if number is None:
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(year=year, last_number=1)
            number = 1
        except IntegrityError:
            number = _increment_reference(year)
    return f"ISF-{year}-{number:05d}"


def _increment_reference(year: int) -> int | None:
    table = connection.ops.quote_name(ReferenceSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 WHERE year = %s"  # noqa: S608
            " RETURNING last_number",
            [year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _create_application(
    applicant: Applicant,
    cleaned: CleanedApplication,
    fingerprint: str,
    language: str,
    *,
    submitted_profile: dict[str, Any] | None = None,
    duplicate_of: Application | None = None,
) -> SubmissionResult:
    now = timezone.now()
    kind = UnsolicitedMail.Kind.ALREADY_APPLIED if duplicate_of else UnsolicitedMail.Kind.RECEIVED
    mail_allowed = reserve_unsolicited_mail(applicant.email, kind, now)
    application = Application.objects.create(
        applicant=applicant,
        city=cleaned.city,
        session=cleaned.session,
        motivation=cleaned.motivation,
        reference=_provisional_reference(),
        language=language,
        status=Status.SUBMITTED,
        confirmation_sent_at=now,
        mail_withheld_at=None if mail_allowed else now,
        submission_fingerprint=fingerprint,
        submitted_profile=submitted_profile or {},
        duplicate_of=duplicate_of,
        status_changed_at=now,
    )
    Topics = Application.topics.through
    Topics.objects.bulk_create(
        [Topics(application=application, cooperationtopic=topic) for topic in cleaned.topics]
    )
    ConsentRecord.objects.create(application=application, text_version=CONSENT_VERSION)
    audit(
        action=AuditEntry.Action.TRANSITION,
        application=application,
        by_applicant=True,
        to_status=Status.SUBMITTED,
        note="duplicate of a live application for this city" if duplicate_of else "",
    )
    if mail_allowed:
        _queue_submission_mail(application)  # composed by the worker, after commit
    status_token = _assign_reference(application, now, confirmable=duplicate_of is None)
    return SubmissionResult(application, status_token, created=True)


def _provisional_reference() -> str:
    """Unique until the transaction's last step replaces it (never committed, never shown)."""
    return f"pending-{secrets.token_hex(6)}"


def _assign_reference(application: Application, now: datetime, *, confirmable: bool) -> str:
    """The last step of a submission: take the year's next reference and the tokens derived
    from it; returns the status code to hand out.

    Taking the number locks the year's counter row until commit, and every concurrent
    submission needs that row: done last, they queue for one short ``UPDATE`` and the commit
    instead of for the whole transaction.
    """
    reference = next_reference(now)
    fingerprint = application.submission_fingerprint
    status_token, status_hash = submission_status_code(reference, fingerprint)
    _confirm_token, confirm_hash = submission_confirm_token(reference, fingerprint)
    application.reference = reference
    application.status_token_hash = status_hash
    # A duplicate can never be confirmed: its owner is told instead of given a link.
    application.confirmation_token_hash = confirm_hash if confirmable else None
    Application.objects.filter(pk=application.pk).update(
        reference=reference,
        status_token_hash=status_hash,
        confirmation_token_hash=application.confirmation_token_hash,
    )
    return status_token


def confirmation_deadline(application: Application) -> datetime:
    sent = application.confirmation_sent_at or application.submitted_at
    return sent + timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)


def confirm_email(token: str) -> Application:
    """Double opt-in: the emailed link moves ``submitted`` to ``under_review``.

    Using the link again after it worked changes nothing and is not an error (people click
    twice); a link older than ``REGISTRATION_CONFIRMATION_HOURS`` is ``TOKEN_EXPIRED``.
    """
    if not looks_like_token(token):
        raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("applicant")
            .filter(confirmation_token_hash=hash_token(token), erased_at__isnull=True)
            .first()
        )
        if application is None:
            raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
        if application.email_confirmed_at is not None:
            return application
        if application.status == Status.EXPIRED or (
            application.status == Status.SUBMITTED
            and timezone.now() > confirmation_deadline(application)
        ):
            raise RegistrationError(ErrorCode.TOKEN_EXPIRED, field="token")
        application.email_confirmed_at = timezone.now()
        if application.submitted_profile:
            _adopt_submitted_profile(application)
        move(
            application,
            Act.CONFIRM_EMAIL,
            Status.UNDER_REVIEW,
            by_applicant=True,
            extra_fields=("email_confirmed_at",),
        )
    return application


def _adopt_submitted_profile(application: Application) -> None:
    """The address is proven now: the details sent with this application become the person's."""
    applicant = Applicant.objects.select_for_update().get(pk=application.applicant_id)
    for name, value in application.submitted_profile.items():
        setattr(applicant, name, value)
    applicant.save()
    application.applicant = applicant
    application.submitted_profile = {}
    application.save(update_fields=["submitted_profile", "updated_at"])


def _withdraw(application: Application, *, by: Any, by_applicant: bool) -> Application:
    application = lock(application)
    previous = application.status
    move(application, Act.WITHDRAW, Status.WITHDRAWN, by=by, by_applicant=by_applicant)
    if previous in (Status.INVITED, Status.CONFIRMED):
        release_seat(application, by=by)
    if application.email_confirmed_at is None and not reserve_unsolicited_mail(
        application.applicant.email, UnsolicitedMail.Kind.WITHDRAWAL
    ):
        # Never confirmed: whoever holds the token may not be the address's owner.
        return application
    after_commit(emails.send_withdrawal, application)
    return application


def withdraw(reference: str, token: str) -> Application:
    """The applicant withdraws, proving it is them with the status token."""
    reference = to_ascii_digits(clean_line(reference)).upper() if isinstance(reference, str) else ""
    if not reference or not looks_like_token(token):
        raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
    with transaction.atomic():
        application = Application.objects.filter(
            reference=reference, status_token_hash=hash_token(token), erased_at__isnull=True
        ).first()
        if application is None:
            raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
        return _withdraw(application, by=None, by_applicant=True)


def withdraw_application(application: Application, *, by: Any) -> Application:
    """Staff withdraw an application on the applicant's behalf (e.g. asked by phone)."""
    require_permission(by, "withdraw_application")
    with transaction.atomic():
        return _withdraw(application, by=by, by_applicant=False)
