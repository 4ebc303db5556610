"""A published session that moved, changed or was cancelled tells its invited people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from cities.models import SessionPage
from registrations import services
from registrations.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db


def calendar_of(message) -> Calendar:
    ((_name, content, mimetype),) = message.attachments
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def event_of(message):
    return next(iter(calendar_of(message).walk("VEVENT")))


@pytest.fixture
def people(session, django_capture_on_commit_callbacks, mailoutbox):
    """One pending invitation (English), one confirmed seat (Persian), one declined."""
    with django_capture_on_commit_callbacks(execute=True):
        invited, _token = factories.invited(session, preferred_locale="en")
        confirmed = factories.confirmed(session, preferred_locale="fa")
        declined, token = factories.invited(session)
        services.respond_to_invitation(token, accept=False)
    uids = {
        message.to[0]: str(event_of(message)["uid"])
        for message in mailoutbox
        if message.attachments
    }
    mailoutbox.clear()
    return invited, confirmed, declined, uids


def publish(session, django_capture_on_commit_callbacks, **changes):
    page = SessionPage.objects.get(pk=session.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_moved_session_emails_invited_and_confirmed_people_with_an_updated_ics(
    session, people, django_capture_on_commit_callbacks, mailoutbox
):
    invited, confirmed, declined, uids = people
    publish(
        session,
        django_capture_on_commit_callbacks,
        starts_at=session.starts_at + timedelta(days=2),
        ends_at=session.ends_at + timedelta(days=2),
        format=SessionPage.Format.HYBRID,
        online_link="https://meet.example/secret",
    )
    recipients = {message.to[0]: message for message in mailoutbox}
    assert set(recipients) == {invited.applicant.email, confirmed.applicant.email}
    english = recipients[invited.applicant.email]
    assert english.subject.startswith("Changed:")
    assert "have changed" in english.body
    assert "https://meet.example/secret" not in english.body  # not confirmed: no link
    persian = recipients[confirmed.applicant.email]
    assert "https://meet.example/secret" in persian.body
    assert "Changed" not in persian.subject
    for email, message in recipients.items():
        calendar = calendar_of(message)
        assert str(calendar["method"]) == "REQUEST"
        event = event_of(message)
        assert str(event["uid"]) == uids[email], "same UID as the invitation's event"
        assert int(event["sequence"]) == 1
        moved = (session.starts_at + timedelta(days=2)).replace(microsecond=0)
        assert event.decoded("dtstart") == moved
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.INVITATION, note__startswith="session changed"
        ).count()
        == 2
    )


def test_publishing_without_a_change_sends_nothing(
    session, people, django_capture_on_commit_callbacks, mailoutbox
):
    publish(session, django_capture_on_commit_callbacks, title=session.title + " (edited)")
    assert mailoutbox == []


def test_a_cancelled_session_sends_a_cancel_with_a_higher_sequence(
    session, people, django_capture_on_commit_callbacks, mailoutbox
):
    invited, confirmed, _declined, uids = people
    publish(session, django_capture_on_commit_callbacks, venue="Naqsh-e Jahan Square")
    mailoutbox.clear()
    publish(session, django_capture_on_commit_callbacks, status=SessionPage.Status.CANCELLED)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert str(calendar_of(message)["method"]) == "CANCEL"
        event = event_of(message)
        assert int(event["sequence"]) == 2 and str(event["status"]) == "CANCELLED"
        assert str(event["uid"]) == uids[message.to[0]]
    mailoutbox.clear()
    publish(session, django_capture_on_commit_callbacks, venue="Elsewhere")
    assert mailoutbox == [], "a cancelled session is not announced again"


def test_a_session_nobody_was_invited_to_sends_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    session = factories.make_session()
    publish(session, django_capture_on_commit_callbacks, venue="Elsewhere")
    assert mailoutbox == []
