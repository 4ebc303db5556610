"""Email content in Persian: Persian digits for counts, the Persian comma in the venue (mail and
.ics), and the typeable status code in a left-to-right island."""

from __future__ import annotations

import re

import pytest

from registrations import emails, services

from . import factories

pytestmark = pytest.mark.django_db


def test_persian_acknowledgement_counts_hours_in_persian_digits(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.REGISTRATION_CONFIRMATION_HOURS = 72
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit_application(factories.application_input(), language="fa")
    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert "۷۲ ساعت" in mail.body and "۷۲ ساعت" in html
    assert "72" not in re.sub(r"https?://\S+", "", mail.body).replace(result.status_token, "")
    assert '<code dir="ltr"' in html and result.status_token in html


def test_venue_is_joined_with_the_persian_comma_in_persian(
    mailoutbox, session, django_capture_on_commit_callbacks
):
    from cities.models import SessionPage

    SessionPage.objects.filter(pk=session.pk).update(address="خیابان چهارباغ")
    session.refresh_from_db()
    application, rsvp = factories.invited(session)
    mailoutbox.clear()
    invitation = application.invitations.get()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        emails.send_invitation(invitation, rsvp)
    (mail,) = mailoutbox
    assert "Isfahan City Hall، خیابان چهارباغ" in mail.body
    ics = mail.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "Isfahan City Hall، خیابان چهارباغ" in ics.replace("\r\n ", "").replace("\\,", ",")
