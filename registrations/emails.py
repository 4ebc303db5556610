"""Mail to applicants, in their preferred language, plain text and HTML.

Services call these inside their transaction (``services._common.after_commit``): ``_send``
renders the message and puts it in the outbox (``outbox.delivery.queue``) in that same
transaction, so a committed change always has its mail and a rolled-back one never does; the
task worker sends it afterwards, so a slow or dead SMTP server never delays the citizen's
answer. Erased applicants get no mail. Templates: ``templates/emails/<name>.txt`` and
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
from outbox import delivery as outbox

from . import links
from .lifecycle import Status
from .models import Applicant, Application, Invitation
from .selectors import localized_title


def _send(
    applicant: Applicant,
    template: str,
    subject: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    if applicant.erased_at is not None or not applicant.email:
        return
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
    outbox.queue(message)


def _application_context(application: Application, language: str) -> dict[str, Any]:
    return {
        "application": application,
        "reference": application.reference,
        "city_title": localized_title(application.city, language),
        "session_title": localized_title(application.session, language),
        "status_url": links.status_url(language, application.reference),
    }


def send_received(application: Application, confirm_token: str) -> None:
    """Received, with the link that confirms the email address (double opt-in)."""
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(application, language)
        context["confirm_url"] = links.confirm_url(confirm_token, language)
        context["hours"] = settings.REGISTRATION_CONFIRMATION_HOURS
        subject = _("Confirm your Citizen Diplomat application %(reference)s") % {
            "reference": application.reference
        }
        _send(applicant, "received", subject, context)


def send_decision(application: Application, decision: str, public_message: str) -> None:
    """Accepted, rejected or waitlisted, with the committee's public message.

    The decision and message are passed as they were decided: by the time the mail goes out
    (after commit, by the worker) the same object may have moved on.
    """
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        language = translation.get_language()
        context = _application_context(application, language)
        context["decision"] = decision
        context["public_message"] = public_message
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


def session_calendar(invitation: Invitation, title: str, url: str, description: str) -> bytes:
    """An iCalendar file with the session as one event (UTC times, stable UID)."""
    session = invitation.session
    host = urlsplit(settings.SITE_BASE_URL).hostname or "citizen-diplomat"
    calendar = Calendar()
    calendar.add("prodid", "-//Isfahan Municipality//Citizen Diplomat//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"session-{session.pk}-invitation-{invitation.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _utc(session.starts_at))
    event.add("dtend", _utc(session.ends_at))
    event.add("summary", title)
    location = ", ".join(part for part in (session.venue, session.address) if part)
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
