"""The citizen's registration pages: form, anti-bot checks, receipt, confirmation, status,
withdrawal, invitation answer and the public roster."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from registrations import services
from registrations.errors import DEFAULT_MESSAGES, ErrorCode
from registrations.forms import form_stamp
from registrations.lifecycle import Status
from registrations.models import Application, Invitation

from . import factories

pytestmark = pytest.mark.django_db

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06FF]")


def persian_message(code: ErrorCode) -> str:
    """The service's message for ``code`` as a Persian reader gets it (checked to be Persian)."""
    with translation.override("fa"):
        message = str(DEFAULT_MESSAGES[code])
    assert PERSIAN_LETTERS.search(message), message
    return message


def form_data(**overrides) -> dict:
    data = {
        "started": form_stamp(time.time() - 30),
        "website": "",
        "full_name": "Sara Rahimi",
        "email": f"sara{time.monotonic_ns()}@example.org",
        "phone": "+39 055 123 4567",
        "category": "culture",
        "residence_country": "IT",
        "residence_city": "Firenze",
        "organisation": "",
        "languages": "Persian، Italian, English",
        "expertise": "Persian miniature painting",
        "channels": "Member of the Florence–Isfahan friendship association",
        "topics": ["cultural-weeks", "artist-links"],
        "session": "",
        "motivation": "I want to bring Isfahan's artists to Florence.",
        "preferred_locale": "en",
        "consent": "on",
        "roster_opt_in": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register_url(language: str = "fa", *args) -> str:
    with translation.override(language):
        if len(args) == 2:
            return reverse("registrations:register_session", args=args)
        return reverse("registrations:register", args=args or ("florence",))


# --- the form --------------------------------------------------------------------------------


def test_form_page_in_persian_without_prefix_and_in_english_under_en(client):
    fa = client.get("/register/florence/")
    en = client.get("/en/register/florence/")
    assert fa.status_code == en.status_code == 200
    assert 'lang="fa"' in fa.content.decode() and 'dir="rtl"' in fa.content.decode()
    assert 'lang="en"' in en.content.decode()
    for response in (fa, en):
        content = response.content.decode()
        assert 'name="website"' in content  # the honeypot is there…
        assert 'class="hp" aria-hidden="true"' in content  # …and hidden from people
        assert 'name="started"' in content
        assert 'value="city-marketing"' in content


def test_unknown_city_is_404(client):
    assert client.get("/register/atlantis/").status_code == 404


def test_successful_registration_shows_reference_and_token_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/florence/", form_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/register/submitted/?k=")
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    assert application.language == "en"
    assert sorted(application.topics.values_list("slug", flat=True)) == [
        "artist-links",
        "cultural-weeks",
    ]
    assert application.applicant.languages == ["Persian", "Italian", "English"]
    assert application.applicant.roster_opt_in

    receipt = client.get(response["Location"])
    content = receipt.content.decode()
    assert application.reference in content
    token = re.search(r'class="token" dir="ltr">([^<]+)<', content).group(1)
    assert application.status_token_hash and application.status_token_hash != token
    from registrations.tokens import hash_token

    assert hash_token(token) == application.status_token_hash
    assert receipt["Cache-Control"].startswith("max-age=0")
    # Shown once: the receipt is gone on the next visit.
    again = client.get(response["Location"])
    assert again.status_code == 302 and token not in again.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [application.applicant.email]


def test_session_form_registers_for_that_session(client, session):
    url = register_url("fa", "florence", session.slug)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(session=session.slug))
    assert response.status_code == 302
    assert Application.objects.get().session_id == session.pk


def test_closed_session_offers_the_city_form_instead(client):
    closed = factories.make_session(registration_open=False)
    response = client.get(register_url("en", "florence", closed.slug))
    assert response.status_code == 200
    assert 'name="full_name"' not in response.content.decode()
    assert register_url("en") in response.content.decode()


def test_field_errors_in_persian_next_to_their_fields(client):
    response = client.post("/register/florence/", form_data(full_name="", email="not-an-email"))
    assert response.status_code == 400
    form = response.context["form"]
    required = persian_message(ErrorCode.REQUIRED)
    assert form.errors["full_name"] == [required]
    assert form.errors["email"] == [persian_message(ErrorCode.INVALID_EMAIL)]
    content = response.content.decode()
    errors_block = content.split('id="id_full_name_error"', 1)[1][:400]
    assert required in errors_block
    assert not Application.objects.exists()
    # What the citizen typed is kept.
    assert "Persian miniature painting" in content


def test_field_errors_in_english(client):
    response = client.post(
        "/en/register/florence/", form_data(full_name="", topics=[], consent=None)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["full_name"] == ["This field is required."]
    assert errors["topics"] == ["Choose at least one cooperation topic."]
    assert "consent" in errors
    assert not Application.objects.exists()


def test_persian_digits_and_letters_are_normalised(client):
    client.post(
        "/register/florence/",
        form_data(full_name="علي كريمي", phone="۰۹۱۲ ۳۴۵ ۶۷۸۹", residence_country="IR"),
    )
    applicant = Application.objects.get().applicant
    assert applicant.full_name == "علی کریمی"
    assert applicant.phone == "+989123456789"


def test_duplicate_application_answers_like_a_new_one(client):
    """No existence oracle: the second submission for the city is answered as the first."""
    data = form_data()
    first = client.post("/en/register/florence/", data)
    data["started"] = form_stamp(time.time() - 30)
    response = client.post("/en/register/florence/", {**data, "motivation": "Another text"})
    assert first.status_code == response.status_code == 302
    # The same receipt page; only its one-time key differs, as it does between any two answers.
    first_url, url = urlsplit(first.url), urlsplit(response.url)
    assert url.path == first_url.path
    assert parse_qs(url.query).keys() == parse_qs(first_url.query).keys() == {"k"}
    assert Application.objects.filter(duplicate_of__isnull=True).count() == 1
    assert Application.objects.filter(duplicate_of__isnull=False).count() == 1


def test_a_form_is_accepted_once(client):
    data = form_data()
    assert client.post("/en/register/florence/", data).status_code == 302
    response = client.post("/en/register/florence/", {**data, "motivation": "Another text"})
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", code="replayed_form")
    assert Application.objects.count() == 1


def test_a_form_older_than_two_hours_is_refused_whatever_the_setting(client, settings):
    settings.REGISTRATION_FORM_MAX_AGE_SECONDS = 24 * 3600
    response = client.post(
        "/en/register/florence/", form_data(started=form_stamp(time.time() - 2 * 3600 - 60))
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", code="stale_form")
    assert not Application.objects.exists()


def test_honeypot_submission_is_refused(client):
    response = client.post("/en/register/florence/", form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert response.context["form"].has_error("__all__", code="bot")


def test_too_fast_submission_is_refused(client):
    response = client.post("/en/register/florence/", form_data(started=form_stamp()))
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert response.context["form"].has_error("__all__", code="too_fast")


def test_forged_timestamp_is_refused(client):
    response = client.post("/en/register/florence/", form_data(started="1:forged:stamp"))
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", code="stale_form")
    assert not Application.objects.exists()


def test_submissions_are_rate_limited_per_address(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    assert client.post("/en/register/florence/", form_data()).status_code == 302
    response = client.post("/en/register/florence/", form_data())
    assert response.status_code == 429
    assert Application.objects.count() == 1


# --- confirmation ----------------------------------------------------------------------------


def confirmation_token(mail) -> str:
    return re.search(r"/register/confirm/([A-Za-z0-9_-]+)/", mail.body).group(1)


def test_confirmation_link_asks_for_a_click_then_confirms(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/register/florence/", form_data())
    token = confirmation_token(mailoutbox[0])
    url = reverse("registrations:confirm", args=(token,))
    assert client.get(url).status_code == 200
    assert Application.objects.get().status == Status.SUBMITTED  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert Application.objects.get().status == Status.UNDER_REVIEW


def test_bad_confirmation_token_is_refused(client):
    response = client.post(reverse("registrations:confirm", args=("x" * 43,)))
    assert response.status_code == 400


# --- status page and withdrawal --------------------------------------------------------------


def test_status_page_shows_status_and_public_message_but_no_internal_notes(client):
    application, token = factories.submitted()
    services.confirm_email(factories._confirm_token(application))
    services.decide(
        application,
        decision=Status.WAITLISTED,
        by=factories.staff(),
        public_message="All seats are promised for now.",
        internal_reason="Weak channels, SECRET-NOTE",
    )
    services.add_review(
        application,
        reviewer=factories.staff("reviewer"),
        score=2,
        recommendation="waitlist",
        comment="REVIEW-COMMENT",
    )
    response = client.post(
        "/en/register/status/", {"reference": application.reference, "token": token}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert application.reference in content
    assert "Waitlisted" in content
    assert "All seats are promised for now." in content
    for secret in ("SECRET-NOTE", "REVIEW-COMMENT", "reviewer", token):
        assert secret not in content.replace('value="' + token + '"', "")
    assert "Under review" in content  # the history


def test_status_lookup_accepts_persian_digits_in_the_reference(client):
    application, token = factories.submitted()
    persian = application.reference.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.post("/register/status/", {"reference": persian, "token": token})
    assert response.status_code == 200
    assert application.reference in response.content.decode()


def test_wrong_token_shows_no_application(client):
    application, _token = factories.submitted()
    response = client.post(
        "/en/register/status/", {"reference": application.reference, "token": "y" * 43}
    )
    assert response.status_code == 400
    assert "No application matches" in response.content.decode()


def test_withdraw_from_the_status_page(client):
    application, token = factories.submitted()
    status_page = client.post(
        "/en/register/status/", {"reference": application.reference, "token": token}
    )
    assert reverse("registrations:withdraw") in status_page.content.decode()
    unconfirmed = client.post(
        "/en/register/withdraw/", {"reference": application.reference, "token": token}
    )
    assert unconfirmed.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    response = client.post(
        "/en/register/withdraw/",
        {"reference": application.reference, "token": token, "confirm": "on"},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


# --- invitation answer -----------------------------------------------------------------------


def test_invitation_page_then_accept(client, session):
    application, token = factories.invited(session)
    url = reverse("registrations:invitation", args=(token,))
    page = client.get(url + "?answer=accept")
    assert page.status_code == 200
    assert session.title in page.content.decode()
    assert Invitation.objects.get(application=application).status == Invitation.Status.PENDING

    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.CONFIRMED


def test_invitation_decline(client, session):
    application, token = factories.invited(session)
    client.post(reverse("registrations:invitation", args=(token,)), {"answer": "decline"})
    application.refresh_from_db()
    assert application.status == Status.DECLINED


def test_invitation_without_an_answer_changes_nothing(client, session):
    application, token = factories.invited(session)
    response = client.post(reverse("registrations:invitation", args=(token,)), {})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.INVITED


def test_unknown_invitation_token_is_404(client):
    assert client.get(reverse("registrations:invitation", args=("z" * 43,))).status_code == 404


# --- roster and calls to action --------------------------------------------------------------


def test_roster_lists_only_opted_in_attended_applicants(client, session):
    listed = factories.confirmed(session, full_name="Listed Diplomat", roster_opt_in=True)
    unlisted = factories.confirmed(session, full_name="Private Diplomat", roster_opt_in=False)
    factories.confirmed(session, full_name="Absent Person", roster_opt_in=True)
    factories.under_review(full_name="Pending Person", roster_opt_in=True)
    factories.hold(session)
    staff = factories.staff()
    services.record_attendance(listed, attended=True, by=staff)
    services.record_attendance(unlisted, attended=True, by=staff)
    absent = Application.objects.get(applicant__full_name="Absent Person")
    services.record_attendance(absent, attended=False, by=staff)

    response = client.get("/en/register/roster/florence/")
    content = response.content.decode()
    assert "Listed Diplomat" in content
    assert "University professor or researcher" in content  # the category
    for hidden in ("Private Diplomat", "Absent Person", "Pending Person", listed.applicant.email):
        assert hidden not in content


def test_city_and_session_pages_link_to_the_form(client, session):
    city = factories.city("florence")
    city_page = client.get(city.url)
    assert reverse("registrations:register", args=("florence",)) in city_page.content.decode()
    session_page = client.get(session.url)
    assert (
        reverse("registrations:register_session", args=("florence", session.slug))
        in session_page.content.decode()
    )


def test_status_page_shows_a_pending_invitation(client, session):
    application, _rsvp = factories.invited(session)
    # The factory does not hand back the status token: give the application a known one (test
    # set-up only; the page just reads).
    from registrations.tokens import new_token

    token, token_hash = new_token()
    Application.objects.filter(pk=application.pk).update(status_token_hash=token_hash)
    response = client.post(
        "/en/register/status/", {"reference": application.reference, "token": token}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Your invitation" in content
    assert session.title in content
    assert "Awaiting answer" in content
    assert "Answer by" in content
