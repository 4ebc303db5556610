"""The one door for every change of state of the registration models.

The admin, the GraphQL mutations, the site's forms and the management commands call these
functions and nothing else writes ``registrations`` models. Each service validates, runs in one
transaction, writes an ``AuditEntry`` and sends mail only after commit. Expected refusals raise
``registrations.errors.RegistrationError`` (``RegistrationValidationError`` for several field
errors at once) with a code from ``ErrorCode`` and a lazily translated message. Staff acts take
the acting user as ``by``/``reviewer`` and check the matching permission
(``registrations.review_application``, ``decide_application``, ``invite_applicant``,
``record_attendance``, ``withdraw_application``, ``view_personal_data``, ``erase_applicant``);
``by=None`` means the system (commands, automatic waitlist invitations).

Applicant side
    submit_application(data: ApplicationInput, *, language: str) -> SubmissionResult
    confirm_email(token: str) -> Application
    respond_to_invitation(token: str, *, accept: bool) -> Invitation
    withdraw(reference: str, token: str) -> Application

Committee side
    add_review(application, *, reviewer, score, recommendation, comment="",
               conflict_of_interest=False) -> Review
    decide(application, *, decision, by, public_message="", internal_reason="") -> Application
        decision in Status.ACCEPTED / REJECTED / WAITLISTED ("accepted", "rejected", "waitlisted")
    invite(application, *, session, by, respond_by=None) -> InvitationResult(invitation, rsvp_token)
    record_attendance(application, *, attended: bool, by) -> Application
    withdraw_application(application, *, by) -> Application

Sessions that change (called when a session page is published; ``registrations.signals``)
    announce_session_change(session) -> int   (emails invited/confirmed people, updated .ics)

Personal data
    log_personal_data_view(applicant, *, by, application=None, note="") -> PersonalDataAccess
    start_export(*, by, query, export_format, personal_data) -> PersonalDataAccess
    finish_export(entry, row_count) -> None   (one access-log row per spreadsheet export)
    export_applicant(applicant, *, by=None) -> dict
    erase_applicant(applicant, *, by=None) -> None
    apply_retention(older_than_days=None, now=None, *, batch_size=1000, on_progress=None) -> int

Abuse limits (public acts nobody authenticated)
    reserve_unsolicited_mail(email, kind) -> bool   (REGISTRATION_RECIPIENT_MAIL_LIMIT)
    forget_old_unsolicited_mail(now=None) -> int

Housekeeping (``manage.py expire_unconfirmed`` runs these; schedule it hourly)
    expire_unconfirmed(now=None, *, batch_size=1000, on_progress=None) -> int
        (both in set-based batches of 1,000 rows per transaction, bulk audit inserts)
    expire_invitations(now=None) -> int   (unanswered past respond_by: declined, seat refilled)
    invite_next_from_waitlist(session_id) -> Invitation | None   (inside a transaction)

Read-only lookups (status page, seat counts, roster, dashboard) are in
``registrations.selectors``. Links in emails: see ``registrations.links``.
"""

from ..inputs import ApplicationInput, SubmissionResult
from .committee import add_review, decide, record_attendance
from .housekeeping import apply_retention, expire_unconfirmed
from .mail_limit import forget_old_unsolicited_mail, reserve_unsolicited_mail
from .privacy import (
    erase_applicant,
    export_applicant,
    finish_export,
    log_personal_data_view,
    start_export,
)
from .seats import (
    InvitationResult,
    expire_invitations,
    invite,
    invite_next_from_waitlist,
    respond_to_invitation,
)
from .session_changes import announce_session_change
from .submission import (
    confirm_email,
    submit_application,
    withdraw,
    withdraw_application,
)

__all__ = [
    "ApplicationInput",
    "InvitationResult",
    "SubmissionResult",
    "add_review",
    "announce_session_change",
    "apply_retention",
    "confirm_email",
    "decide",
    "erase_applicant",
    "expire_invitations",
    "expire_unconfirmed",
    "export_applicant",
    "finish_export",
    "forget_old_unsolicited_mail",
    "invite",
    "invite_next_from_waitlist",
    "log_personal_data_view",
    "record_attendance",
    "reserve_unsolicited_mail",
    "respond_to_invitation",
    "start_export",
    "submit_application",
    "withdraw",
    "withdraw_application",
]
