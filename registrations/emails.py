"""Mail to applicants, in their preferred language, plain text and HTML.

Services call these inside their transaction (``services._common.after_commit``): ``_send``
renders the message and puts it in the outbox (``outbox.delivery.queue``) in that same
transaction, so a committed change always has its mail and a rolled-back one never does; the
task worker sends it afterwards, so a slow or dead SMTP server never delays the citizen's
answer. The two mails a submission causes are not even rendered in the request: ``queue_*``
stores which application they are for and the worker calls ``compose_*`` (their content is
fixed by the committed application, tokens included).

Erased applicants get no mail. Templates: ``templates/emails/<name>.txt`` and
``.html`` (the HTML ones extend ``emails/base.html``, which sets ``lang`` and ``dir``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cms.dates import format_display
from cms.persian import join_list
from outbox import delivery as outbox

from . import links
from .lifecycle import Status
from .models import Applicant, Application, Invitation
from .normalize import greeting_name
from .selectors import localized_title, localized_titles
from .tokens import submission_confirm_token, submission_status_code


def _message(
    applicant: Applicant,
    template: str,
    subject: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> EmailMultiAlternatives | None:
    """The rendered message to ``applicant``, or None for an erased one (they get no mail)."""
    if applicant.erased_at is not None or not applicant.email:
        return None
    context = {
        "applicant": applicant,
        "language": translation.get_language(),
        "bidi": translation.get_language_bidi(),
        "site_name": str(settings.WAGTAIL_SITE_NAME),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[applicant.email],
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    for attachment in attachments or []:
        message.attach(*attachment)
    return message


def _send(
    applicant: Applicant,
    template: str,
    subject: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render now and put the message in the outbox (in the caller's transaction)."""
    message = _message(applicant, template, subject, context, attachments)
    if message is not None:
        outbox.queue(message)


def _queue_composed_later(composer: str, application: Application) -> None:
    """Put a message the worker composes (``composer(application=pk)``) in the outbox.

    For the mails a submission causes: everything they say is fixed by the committed
    application (their tokens are derived from it, ``tokens.submission_confirm_token``), so
    rendering them can wait for the worker instead of holding up the citizen's answer.
    """
    applicant = application.applicant
    if applicant.erased_at is not None or not applicant.email:
        return
    outbox.queue_composed_later(
        f"{__name__}.{composer}", {"application": application.pk}, to=applicant.email
    )


def _submitted_application(pk: int) -> Application | None:
    return (
        # The pages' titles are read apart (``_application_context``): joining the city and
        # session pages would load every column of three page tables.
        Application.objects.select_related("applicant")
        .filter(pk=pk, erased_at__isnull=True)
        .first()
    )


def _application_context(application: Application, language: str) -> dict[str, Any]:
    titles = localized_titles([application.city_id, application.session_id], language)
    submitted_name = (application.submitted_profile or {}).get("full_name")
    return {
        # Until the address is confirmed the name is whatever a stranger typed: it is the
        # only text of theirs an email carries, and only as ``greeting_name`` makes it safe.
        "greeting": greeting_name(submitted_name or application.applicant.full_name),
        "application": application,
        "reference": application.reference,
        "city_title": titles.get(application.city_id, ""),
        "session_title": titles.get(application.session_id, "") if application.session_id else "",
        "status_url": links.status_link(application, language),
    }


def queue_received(application: Application) -> None:
    """Queue the confirmation-link mail of a new submission (``compose_received``)."""
    _queue_composed_later("compose_received", application)


def compose_received(application: int) -> EmailMultiAlternatives | None:
    """Received, with the link that confirms the email address (double opt-in), the status
    code to type on the status page and a one-click status link (run by the worker)."""
    submitted = _submitted_application(application)
    if submitted is None:
        return None  # erased (or deleted) before the worker got to it
    confirm_token, _hash = submission_confirm_token(
        submitted.reference, submitted.submission_fingerprint
    )
    status_code, _hash = submission_status_code(
        submitted.reference, submitted.submission_fingerprint
    )
    return _received_message(submitted, confirm_token, status_code)


def _received_message(
    application: Application, confirm_token: str, status_code: str
) -> EmailMultiAlternatives | None:
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(application, language)
        context["status_code"] = status_code
        context["confirm_url"] = links.confirm_url(confirm_token, language)
        context["hours"] = settings.REGISTRATION_CONFIRMATION_HOURS
        subject = _("Confirm your Citizen Diplomat application %(reference)s") % {
            "reference": application.reference
        }
        return _message(applicant, "received", subject, context)


def queue_already_applied(application: Application) -> None:
    """Queue the notice to the owner of ``application`` (``compose_already_applied``)."""
    _queue_composed_later("compose_already_applied", application)


def compose_already_applied(application: int) -> EmailMultiAlternatives | None:
    """To the owner of ``application``: someone sent another one for the same city.

    Goes to the address the owner gave, greets them with their own stored name and carries
    nothing the second submitter typed; the link leads to the owner's status page.
    """
    owned = _submitted_application(application)
    if owned is None:
        return None
    applicant = owned.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(owned, language)
        context["greeting"] = greeting_name(applicant.full_name)
        subject = _("You already have an application for %(city)s") % {
            "city": context["city_title"]
        }
        return _message(applicant, "already_applied", subject, context)


def send_decision(
    application: Application,
    decision: str,
    public_message: str,
    translations: dict[str, str] | None = None,
) -> None:
    """Accepted, rejected or waitlisted, with the committee's public message.

    The message is the one written in the applicant's language; without one, the Persian
    message with a one-line notice saying so. The decision and messages are passed as they
    were decided: by the time the mail goes out (after commit, by the worker) the object may
    have moved on.
    """
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(application, language)
        context["decision"] = decision
        translated = (translations or {}).get(language, "")
        context["public_message"] = translated or public_message
        context["message_in_persian"] = bool(
            public_message and not translated and language != settings.DEFAULT_CONTENT_LANGUAGE
        )
        context["accepted"] = decision == Status.ACCEPTED
        context["rejected"] = decision == Status.REJECTED
        context["waitlisted"] = decision == Status.WAITLISTED
        subject = _("The committee's decision on your application %(reference)s") % {
            "reference": application.reference
        }
        _send(applicant, "decision", subject, context)


def _session_context(invitation: Invitation, language: str) -> dict[str, Any]:
    session = invitation.session
    return {
        "invitation": invitation,
        "session": session,
        "session_title": localized_title(session, language),
        "starts_at_display": format_display(session.starts_at, language),
        "ends_at_display": format_display(session.ends_at, language),
        "respond_by_display": (
            format_display(invitation.respond_by, language) if invitation.respond_by else ""
        ),
    }


def session_calendar(
    invitation: Invitation,
    title: str,
    url: str,
    description: str,
    *,
    method: str = "PUBLISH",
    sequence: int = 0,
) -> bytes:
    """An iCalendar file with the session as one event (UTC times, stable UID).

    An update keeps the UID and raises ``sequence`` (``method`` ``REQUEST``), a cancellation
    uses ``CANCEL`` with ``STATUS:CANCELLED``: calendars then change or drop the same event.
    """
    session = invitation.session
    host = urlsplit(settings.SITE_BASE_URL).hostname or "citizen-diplomat"
    calendar = Calendar()
    calendar.add("prodid", "-//Isfahan Municipality//Citizen Diplomat//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"session-{session.pk}-invitation-{invitation.pk}@{host}")
    event.add("sequence", sequence)
    if method == "CANCEL":
        event.add("status", "CANCELLED")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _utc(session.starts_at))
    event.add("dtend", _utc(session.ends_at))
    event.add("summary", title)
    location = join_list(part for part in (session.venue, session.address) if part)
    if location:
        event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def send_invitation(invitation: Invitation, rsvp_token: str) -> None:
    """The invitation, with accept/decline links and the session as an ``.ics`` attachment."""
    application = invitation.application
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = {
            **_application_context(application, language),
            **_session_context(invitation, language),
            "invitation_url": links.invitation_url(rsvp_token, language),
            "accept_url": links.invitation_url(rsvp_token, language, "accept"),
            "decline_url": links.invitation_url(rsvp_token, language, "decline"),
        }
        subject = _("Invitation to %(session)s") % {"session": context["session_title"]}
        ics = session_calendar(
            invitation,
            context["session_title"],
            context["invitation_url"],
            _("Answer the invitation here: %(url)s") % {"url": context["invitation_url"]},
        )
        _send(applicant, "invitation", subject, context, [("session.ics", ics, "text/calendar")])


def send_seat_confirmed(invitation: Invitation) -> None:
    """Your seat is confirmed; the online link (never public) goes only to confirmed people."""
    application = invitation.application
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = {
            **_application_context(application, language),
            **_session_context(invitation, language),
            "online_link": invitation.session.online_link,
        }
        subject = _("Your seat at %(session)s is confirmed") % {"session": context["session_title"]}
        ics = session_calendar(
            invitation, context["session_title"], context["status_url"], context["session_title"]
        )
        _send(
            applicant, "seat_confirmed", subject, context, [("session.ics", ics, "text/calendar")]
        )


def send_session_changed(invitation: Invitation, *, sequence: int, cancelled: bool) -> None:
    """The session moved, changed venue, format or link, or was cancelled; updated ``.ics``."""
    invitation.session.refresh_from_db()
    application = invitation.application
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        confirmed = invitation.status == Invitation.Status.ACCEPTED
        context = {
            **_application_context(application, language),
            **_session_context(invitation, language),
            "cancelled": cancelled,
            "confirmed": confirmed,
            "format_label": invitation.session.get_format_display(),
            # The online link, never public, only ever goes to people with a confirmed seat.
            "online_link": invitation.session.online_link if confirmed else "",
        }
        if cancelled:
            subject = _("Cancelled: %(session)s") % {"session": context["session_title"]}
        else:
            subject = _("Changed: %(session)s") % {"session": context["session_title"]}
        ics = session_calendar(
            invitation,
            context["session_title"],
            context["status_url"],
            subject,
            method="CANCEL" if cancelled else "REQUEST",
            sequence=sequence,
        )
        _send(
            applicant, "session_changed", subject, context, [("session.ics", ics, "text/calendar")]
        )


def send_withdrawal(application: Application) -> None:
    """Confirms that the application was withdrawn (by the applicant or on their behalf)."""
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(application, language)
        subject = _("Your application %(reference)s has been withdrawn") % {
            "reference": application.reference
        }
        _send(applicant, "withdrawal", subject, context)
