"""Emails: sent after commit, in the applicant's language, plain text + HTML, .ics attached."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from registrations import services
from registrations.lifecycle import Status

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    """Run a callable with on-commit callbacks executed; return the mails it sent."""

    def run(action):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, mailoutbox[before:]

    return run


def html(message) -> str:
    ((body, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return body


def test_received_mail_in_persian_with_the_confirm_link(sent):
    result, (message,) = sent(lambda: factories.submitted(preferred_locale="fa"))
    application, _token = result
    assert message.subject == f"درخواست شهروند دیپلمات {application.reference} را تأیید کنید"
    assert "مریم احمدی گرامی" in message.body
    assert "/register/confirm/" in message.body and "/en/" not in message.body
    assert "۷۲ ساعت" in message.body or "72 ساعت" in message.body
    body = html(message)
    assert '<html lang="fa" dir="rtl">' in body
    assert "/register/confirm/" in body and "ایمیل" in body


def test_received_mail_in_english(sent):
    result, (message,) = sent(lambda: factories.submitted(preferred_locale="en"))
    application, _token = result
    assert message.subject == f"Confirm your Citizen Diplomat application {application.reference}"
    assert "within 72 hours" in message.body
    assert "/en/register/confirm/" in message.body
    assert '<html lang="en" dir="ltr">' in html(message)


def test_the_confirm_link_confirms(sent):
    _result, (message,) = sent(lambda: factories.submitted())
    token = message.body.split("/register/confirm/")[1].split("/")[0]
    assert services.confirm_email(token).status == Status.UNDER_REVIEW


def test_names_are_escaped_in_html(sent):
    application = factories.under_review(preferred_locale="en")
    application.applicant.full_name = "Tom & <b>Jerry</b>"
    application.applicant.save()
    _result, (message,) = sent(
        lambda: services.decide(application, decision=Status.REJECTED, by=factories.staff())
    )
    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;" in html(message)
    assert "Tom & <b>Jerry</b>" in message.body  # plain text is not HTML-escaped


@pytest.mark.parametrize(
    ("decision", "fa_phrase", "en_phrase"),
    [
        (Status.ACCEPTED, "پذیرفت", "has accepted"),
        (Status.WAITLISTED, "فهرست انتظار", "waitlist"),
        (Status.REJECTED, "نمی‌تواند درخواست شما را بپذیرد", "unable to accept"),
    ],
)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_decision_mail(sent, decision, fa_phrase, en_phrase, language):
    application = factories.under_review(preferred_locale=language)
    _result, (message,) = sent(
        lambda: services.decide(
            application,
            decision=decision,
            by=factories.staff(),
            public_message="See you in Isfahan",
            internal_reason="SECRET-NOTE",
        )
    )
    assert (fa_phrase if language == "fa" else en_phrase) in message.body
    assert "See you in Isfahan" in message.body and "SECRET-NOTE" not in message.body
    assert "SECRET-NOTE" not in html(message)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_invitation_mail_has_links_and_a_parseable_ics(sent, session, language):
    application = factories.decided(Status.ACCEPTED, preferred_locale=language)
    result, (message,) = sent(
        lambda: services.invite(application, session=session, by=factories.staff())
    )
    token = result.rsvp_token
    prefix = "/en" if language == "en" else ""
    assert f"{prefix}/register/invitation/{token}/?answer=accept" in message.body
    assert f"{prefix}/register/invitation/{token}/?answer=decline" in message.body
    assert ("دعوت به" if language == "fa" else "Invitation to") in message.subject
    if language == "fa":
        assert "۱۴۰۵" in message.body or "۱۴۰۶" in message.body  # Solar Hijri date
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("session.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == session.ends_at.replace(microsecond=0)
    assert str(event["summary"]) == session.title
    assert "Isfahan City Hall" in str(event["location"])
    assert token in str(event["url"])


def test_seat_confirmation_mail_carries_the_online_link_only_then(sent):
    session = factories.make_session(format="hybrid", online_link="https://meet.example.org/x")
    application, token = factories.invited(session, preferred_locale="en")
    _result, (message,) = sent(lambda: services.respond_to_invitation(token, accept=True))
    assert "https://meet.example.org/x" in message.body
    assert "is confirmed" in message.subject
    assert Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")


def test_invitation_mail_never_carries_the_online_link(sent):
    session = factories.make_session(format="online", online_link="https://meet.example.org/y")
    application = factories.decided(Status.ACCEPTED)
    _result, (message,) = sent(
        lambda: services.invite(application, session=session, by=factories.staff())
    )
    assert "meet.example.org" not in message.body + html(message)


def test_withdrawal_mail(sent):
    application, token = factories.submitted(preferred_locale="fa")
    _result, (message,) = sent(lambda: services.withdraw(application.reference, token))
    assert "پس گرفته شد" in message.subject
    assert application.reference in message.body


def test_erased_applicants_get_no_mail(sent):
    application = factories.under_review()
    services.erase_applicant(application.applicant)
    application.refresh_from_db()
    from registrations import emails

    _result, messages = sent(lambda: emails.send_withdrawal(application))
    assert messages == []
