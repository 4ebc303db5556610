"""The applicant's side: submit, confirm the email address, withdraw; expiring the unconfirmed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .. import emails
from ..consent import CONSENT_VERSION
from ..errors import ErrorCode, RegistrationError
from ..inputs import ApplicationInput, SubmissionResult
from ..lifecycle import LIVE_STATUSES, Act, Status
from ..models import Applicant, Application, AuditEntry, ConsentRecord, ReferenceSequence
from ..normalize import clean_line, to_ascii_digits
from ..tokens import hash_token, looks_like_token, new_status_code, new_token
from ..validation import CleanedApplication, session_registration_error, validate_application
from ._common import after_commit, audit, lock, move, require_permission
from .seats import release_seat


def submit_application(data: ApplicationInput, *, language: str) -> SubmissionResult:
    """Register a citizen facilitator for one sister city (optionally one of its sessions).

    The application starts ``submitted`` and enters review only once the emailed link is used
    (double opt-in). One live application per email address per city: a different second
    submission is ``DUPLICATE_APPLICATION``.

    An *identical* repeat while the first is still unconfirmed is idempotent: it returns the
    same application (``created=False``) with a freshly issued status token and confirmation
    link. A double-clicked button or a retried request after a lost response must not turn
    into an error, and the client that lost the first answer needs a token it can use; only the
    hash of the newest token is kept, so an older one stops working. Once the email address is
    confirmed the application is the person's proven record, and a repeat is refused.
    """
    cleaned = validate_application(data, language=language)
    try:
        return _store_submission(cleaned, language)
    except IntegrityError:
        # A concurrent submission with the same email won the race to create the applicant
        # or the application; the second attempt sees its rows and answers accordingly.
        try:
            return _store_submission(cleaned, language)
        except IntegrityError as exc:
            raise RegistrationError(ErrorCode.DUPLICATE_APPLICATION, field="city") from exc


def _store_submission(cleaned: CleanedApplication, language: str) -> SubmissionResult:
    fingerprint = cleaned.fingerprint()
    with transaction.atomic():
        applicant = (
            Applicant.objects.select_for_update()
            .filter(email=cleaned.email, erased_at__isnull=True)
            .first()
        )
        if applicant is not None:
            repeat = _repeat_submission(applicant, cleaned, fingerprint)
            if repeat is not None:
                return repeat
            if not applicant.applications.filter(email_confirmed_at__isnull=False).exists():
                # Nobody has proven they own this address yet, so the newest details win.
                # Details proven by a confirmed address are never overwritten anonymously.
                for name, value in cleaned.profile().items():
                    setattr(applicant, name, value)
                applicant.save()
        else:
            applicant = Applicant.objects.create(**cleaned.profile())
        if cleaned.session is not None:
            _recheck_session(cleaned)
        return _create_application(applicant, cleaned, fingerprint, language)


def _repeat_submission(
    applicant: Applicant, cleaned: CleanedApplication, fingerprint: str
) -> SubmissionResult | None:
    existing = (
        applicant.applications.select_for_update()
        .filter(city=cleaned.city, status__in=LIVE_STATUSES)
        .first()
    )
    if existing is None:
        return None
    if existing.status != Status.SUBMITTED or existing.submission_fingerprint != fingerprint:
        raise RegistrationError(ErrorCode.DUPLICATE_APPLICATION, field="city")
    status_token, status_hash = new_status_code()
    confirm_token, confirm_hash = new_token()
    existing.status_token_hash = status_hash
    existing.confirmation_token_hash = confirm_hash
    existing.confirmation_sent_at = timezone.now()
    existing.save(
        update_fields=[
            "status_token_hash",
            "confirmation_token_hash",
            "confirmation_sent_at",
            "updated_at",
        ]
    )
    audit(
        action=AuditEntry.Action.TRANSITION,
        application=existing,
        by_applicant=True,
        from_status=existing.status,
        to_status=existing.status,
        note="repeated identical submission: tokens re-issued",
    )
    after_commit(emails.send_received, existing, confirm_token, status_token)
    return SubmissionResult(existing, status_token, created=False)


def _recheck_session(cleaned: CleanedApplication) -> None:
    """Validation looked at the session before the transaction; look again inside it."""
    assert cleaned.session is not None
    code = session_registration_error(cleaned.session)
    if code is not None:
        raise RegistrationError(code, field="session")


def next_reference(now: datetime | None = None) -> str:
    """``ISF-2026-00042``: a per-year counter, incremented under the counter row's lock."""
    year = timezone.localtime(now or timezone.now()).year
    updated = ReferenceSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(year=year, last_number=1)
        except IntegrityError:
            ReferenceSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = ReferenceSequence.objects.get(year=year).last_number
    return f"ISF-{year}-{number:05d}"


def _create_application(
    applicant: Applicant, cleaned: CleanedApplication, fingerprint: str, language: str
) -> SubmissionResult:
    status_token, status_hash = new_status_code()
    confirm_token, confirm_hash = new_token()
    now = timezone.now()
    application = Application.objects.create(
        applicant=applicant,
        city=cleaned.city,
        session=cleaned.session,
        motivation=cleaned.motivation,
        reference=next_reference(now),
        language=language,
        status=Status.SUBMITTED,
        status_token_hash=status_hash,
        confirmation_token_hash=confirm_hash,
        confirmation_sent_at=now,
        submission_fingerprint=fingerprint,
        status_changed_at=now,
    )
    application.topics.set(cleaned.topics)
    ConsentRecord.objects.create(application=application, text_version=CONSENT_VERSION)
    audit(
        action=AuditEntry.Action.TRANSITION,
        application=application,
        by_applicant=True,
        to_status=Status.SUBMITTED,
    )
    after_commit(emails.send_received, application, confirm_token, status_token)
    return SubmissionResult(application, status_token, created=True)


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
        move(
            application,
            Act.CONFIRM_EMAIL,
            Status.UNDER_REVIEW,
            by_applicant=True,
            extra_fields=("email_confirmed_at",),
        )
    return application


def expire_unconfirmed(now: datetime | None = None) -> int:
    """Expire applications whose confirmation link was never used in time; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)
    expired = 0
    candidates = Application.objects.filter(
        status=Status.SUBMITTED, confirmation_sent_at__lt=cutoff
    ).values_list("pk", flat=True)
    for pk in list(candidates.iterator()):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("applicant")
                .get(pk=pk)
            )
            if application.status != Status.SUBMITTED or (
                confirmation_deadline(application) >= now
            ):
                continue  # confirmed or re-sent meanwhile
            application.confirmation_token_hash = None
            move(
                application,
                Act.EXPIRE,
                Status.EXPIRED,
                note="email address not confirmed in time",
                extra_fields=("confirmation_token_hash",),
            )
            expired += 1
    return expired


def _withdraw(application: Application, *, by: Any, by_applicant: bool) -> Application:
    application = lock(application)
    previous = application.status
    move(application, Act.WITHDRAW, Status.WITHDRAWN, by=by, by_applicant=by_applicant)
    if previous in (Status.INVITED, Status.CONFIRMED):
        release_seat(application, by=by)
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
