"""Seats at a session: inviting, answering an invitation, and refilling freed seats.

Capacity is enforced when a seat is *confirmed*: the confirmation locks the session's source
page row (``SELECT … FOR UPDATE``), counts the accepted invitations and only then takes one, so
concurrent confirmations queue on that row and confirmed seats never exceed ``capacity``.
Lock order everywhere: application, then invitation, then session, so two services never wait
on each other in opposite order.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import SessionPage

from .. import emails
from ..errors import ErrorCode, RegistrationError
from ..lifecycle import Act, Status
from ..models import Application, AuditEntry, Invitation
from ..selectors import waitlist
from ..tokens import hash_token, looks_like_token, new_token
from ..validation import session_belongs_to_city
from ._common import after_commit, audit, lock, move, require_permission
from .session_changes import remember_announced

DEFAULT_RESPONSE_DAYS = 7


class InvitationResult(NamedTuple):
    """The invitation and its RSVP token (emailed once, stored only as a hash)."""

    invitation: Invitation
    rsvp_token: str


def _lock_session(session_id: int) -> SessionPage:
    return SessionPage.objects.select_for_update(of=("self",)).get(pk=session_id)


def _seats(session: SessionPage) -> tuple[int, int]:
    """(accepted, pending) invitations of the session."""
    rows = Invitation.objects.filter(
        session_id=session.pk, status__in=[Invitation.Status.ACCEPTED, Invitation.Status.PENDING]
    ).values_list("status", flat=True)
    statuses = list(rows)
    return statuses.count(Invitation.Status.ACCEPTED), statuses.count(Invitation.Status.PENDING)


def _check_session_is_ahead(session: SessionPage) -> None:
    if session.status != SessionPage.Status.SCHEDULED or session.starts_at <= timezone.now():
        raise RegistrationError(
            ErrorCode.REGISTRATION_CLOSED,
            _("This session is no longer ahead: it was held, cancelled or has started."),
            field="session",
        )


def _respond_by(session: SessionPage, respond_by: datetime | None) -> datetime:
    now = timezone.now()
    if respond_by is None:
        return min(now + timedelta(days=DEFAULT_RESPONSE_DAYS), session.starts_at)
    if respond_by <= now or respond_by > session.starts_at:
        raise RegistrationError(
            ErrorCode.INVALID_INPUT,
            _("The answer deadline must be in the future and before the session starts."),
            field="respond_by",
        )
    return respond_by


def _create_invitation(
    application: Application,
    session: SessionPage,
    *,
    by: Any,
    respond_by: datetime,
    from_waitlist: bool,
) -> InvitationResult:
    token, token_hash = new_token()
    invitation = Invitation.objects.create(
        application=application,
        session=session,
        rsvp_token_hash=token_hash,
        respond_by=respond_by,
        invited_by=by,
        from_waitlist=from_waitlist,
    )
    application.session = session
    move(
        application,
        Act.INVITE,
        Status.INVITED,
        by=by,
        note="invited from the waitlist to a freed seat" if from_waitlist else "",
        extra_fields=("session",),
    )
    remember_announced(session)
    after_commit(emails.send_invitation, invitation, token)
    return InvitationResult(invitation, token)


def invite(
    application: Application,
    *,
    session: SessionPage,
    by: Any,
    respond_by: datetime | None = None,
) -> InvitationResult:
    """Invite an accepted (or waitlisted) applicant to a session of their sister city."""
    require_permission(by, "invite_applicant")
    session = session.source_page
    with transaction.atomic():
        application = lock(application)
        if not session_belongs_to_city(session, application.city):
            raise RegistrationError(ErrorCode.SESSION_NOT_IN_CITY, field="session")
        session = _lock_session(session.pk)
        _check_session_is_ahead(session)
        accepted, _pending = _seats(session)
        if accepted >= session.capacity:
            raise RegistrationError(ErrorCode.SESSION_FULL, field="session")
        return _create_invitation(
            application,
            session,
            by=by,
            respond_by=_respond_by(session, respond_by),
            from_waitlist=False,
        )


def respond_to_invitation(token: str, *, accept: bool) -> Invitation:
    """The applicant confirms (takes a seat) or declines, with the emailed RSVP token.

    Answering the same way twice changes nothing. A confirmation when every seat is taken is
    ``SESSION_FULL`` and leaves the invitation open, in case a seat is freed before the
    deadline. A decline frees the seat for the next waitlisted applicant.
    """
    if not looks_like_token(token):
        raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
    found = (
        Invitation.objects.filter(rsvp_token_hash=hash_token(token))
        .values_list("pk", "application_id")
        .first()
    )
    if found is None:
        raise RegistrationError(ErrorCode.INVALID_TOKEN, field="token")
    invitation_pk, application_pk = found
    with transaction.atomic():
        application = lock(Application(pk=application_pk))
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("session")
            .get(pk=invitation_pk)
        )
        wanted = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
        if invitation.status == wanted:
            return invitation
        if invitation.status != Invitation.Status.PENDING:
            raise RegistrationError(
                ErrorCode.ILLEGAL_TRANSITION,
                _("This invitation has already been answered or withdrawn."),
                field="accept",
            )
        if invitation.respond_by and timezone.now() > invitation.respond_by:
            raise RegistrationError(ErrorCode.TOKEN_EXPIRED, field="token")
        if accept:
            _take_seat(application, invitation)
        else:
            _decline(application, invitation)
    return invitation


def _take_seat(application: Application, invitation: Invitation) -> None:
    session = _lock_session(invitation.session_id)
    _check_session_is_ahead(session)
    accepted, _pending = _seats(session)
    if accepted >= session.capacity:
        raise RegistrationError(ErrorCode.SESSION_FULL, field="accept")
    move(application, Act.ACCEPT_INVITATION, Status.CONFIRMED, by_applicant=True)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.session = session
    invitation.save(update_fields=["status", "responded_at"])
    after_commit(emails.send_seat_confirmed, invitation)


def _decline(application: Application, invitation: Invitation) -> None:
    move(application, Act.DECLINE_INVITATION, Status.DECLINED, by_applicant=True)
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    invite_next_from_waitlist(invitation.session_id)


def expire_invitations(now: datetime | None = None) -> int:
    """Treat invitations unanswered past their deadline as declined; refill their seats.

    A pending invitation keeps a seat promised, so an applicant who never answers would block
    the waitlist until the session. Returns how many invitations lapsed.
    """
    now = now or timezone.now()
    lapsed = 0
    due = Invitation.objects.filter(status=Invitation.Status.PENDING, respond_by__lt=now)
    for invitation_pk, application_pk in list(due.values_list("pk", "application_id")):
        with transaction.atomic():
            application = lock(Application(pk=application_pk))
            invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation_pk)
            if invitation.status != Invitation.Status.PENDING or invitation.respond_by >= now:
                continue  # answered meanwhile
            move(
                application,
                Act.DECLINE_INVITATION,
                Status.DECLINED,
                note="no answer by the deadline",
            )
            invitation.status = Invitation.Status.DECLINED
            invitation.rsvp_token_hash = None
            invitation.save(update_fields=["status", "rsvp_token_hash"])
            invite_next_from_waitlist(invitation.session_id)
            lapsed += 1
    return lapsed


def release_seat(application: Application, *, by: Any = None) -> None:
    """An invited or confirmed applicant withdrew: cancel their invitation, refill the seat."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .filter(
            application=application,
            status__in=[Invitation.Status.PENDING, Invitation.Status.ACCEPTED],
        )
        .first()
    )
    if invitation is None:
        return
    invitation.status = Invitation.Status.CANCELLED
    invitation.rsvp_token_hash = None
    invitation.save(update_fields=["status", "rsvp_token_hash"])
    audit(
        action=AuditEntry.Action.INVITATION,
        application=application,
        by=by,
        note="invitation cancelled by withdrawal",
    )
    invite_next_from_waitlist(invitation.session_id)


def invite_next_from_waitlist(session_id: int) -> Invitation | None:
    """If the session has a free, unpromised seat, invite the next waitlisted applicant.

    Seats promised to pending invitations count as taken, so refilling never over-invites.
    Runs inside the caller's transaction, with the session row locked.
    """
    session = _lock_session(session_id)
    if session.status != SessionPage.Status.SCHEDULED or session.starts_at <= timezone.now():
        return None
    accepted, pending = _seats(session)
    if accepted + pending >= session.capacity:
        return None
    # skip_locked: an applicant being invited by staff right now is not ours to take.
    candidate = waitlist(session).select_for_update(of=("self",), skip_locked=True).first()
    if candidate is None:
        return None
    candidate = lock(candidate)
    result = _create_invitation(
        candidate,
        session,
        by=None,
        respond_by=_respond_by(session, None),
        from_waitlist=True,
    )
    return result.invitation
