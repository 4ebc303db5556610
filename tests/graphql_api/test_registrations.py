"""The registration mutations and ``applicationStatus`` over HTTP, bad input included."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from registrations import services
from registrations.lifecycle import Status
from registrations.models import Applicant, Application
from tests.registrations import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with no submissions counted against the test client's address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def session(db):
    return factories.make_session(capacity=20)


SUBMIT = """
mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    application { reference status }
    statusToken
    errors { field code message }
  }
}
"""
STATUS = """
query Status($reference: String!, $token: String!, $locale: String) {
  applicationStatus(reference: $reference, token: $token, locale: $locale) {
    reference status statusLabel
    city { slug title }
    session { slug title startsAt startsAtDisplay }
    submittedAt updatedAt publicMessage
    invitation { status respondBy respondByDisplay session { title startsAt } }
    history { status at }
  }
}
"""


def valid_input(**overrides) -> dict:
    data = {
        "fullName": "مریم احمدی",
        "email": "maryam@example.org",
        "phone": "09123456789",
        "category": "ACADEMIC",
        "residenceCountry": "IR",
        "residenceCity": "Isfahan",
        "organisation": "IUT",
        "languages": ["fa", "it"],
        "expertise": "Heritage",
        "channels": "Visiting professor",
        "topics": ["city-marketing"],
        "city": "florence",
        "motivation": "I can connect the universities.",
        "preferredLocale": "en",
        "consent": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def submit(gql):
    def run(headers=None, **overrides):
        answer = gql(SUBMIT, {"input": valid_input(**overrides)}, **(headers or {}))
        return answer["data"]["submitApplication"] if answer.get("data") else answer

    return run


def errors_by_field(payload) -> dict:
    return {e["field"]: e["code"] for e in payload["errors"]}


def test_submit_application(submit, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        payload = submit()
    assert payload["errors"] == []
    assert payload["application"]["status"] == "SUBMITTED"
    assert payload["application"]["reference"].startswith("ISF-")
    # A status code people can type: 80 bits of Crockford base32 in four groups.
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", payload["statusToken"])
    assert mailoutbox[0].to == ["maryam@example.org"]


def test_empty_input_lists_every_missing_field_in_persian_by_default(gql):
    payload = gql(SUBMIT, {"input": {}})["data"]["submitApplication"]
    assert payload["application"] is None and payload["statusToken"] is None
    fields = errors_by_field(payload)
    assert fields["fullName"] == "REQUIRED" and fields["email"] == "REQUIRED"
    assert fields["city"] == "REQUIRED" and fields["topics"] == "REQUIRED"
    assert fields["consent"] == "CONSENT_REQUIRED"
    messages = {e["field"]: e["message"] for e in payload["errors"]}
    assert messages["fullName"] == "پر کردن این بخش لازم است."
    assert not Application.objects.exists()


def test_messages_follow_accept_language_and_the_locale_field(gql):
    english = gql(SUBMIT, {"input": {}}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    message = {e["field"]: e["message"] for e in english["data"]["submitApplication"]["errors"]}
    assert message["fullName"] == "This field is required."
    persian = gql(SUBMIT, {"input": {"locale": "fa"}}, HTTP_ACCEPT_LANGUAGE="en")
    message = {e["field"]: e["message"] for e in persian["data"]["submitApplication"]["errors"]}
    assert message["fullName"] == "پر کردن این بخش لازم است."


def test_unknown_locale_is_an_error(gql):
    payload = gql(SUBMIT, {"input": valid_input(locale="klingon")})["data"]["submitApplication"]
    assert errors_by_field(payload) == {"locale": "INVALID_LOCALE"}
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"fullName": "x" * 5000}, "fullName", "TOO_LONG"),
        ({"motivation": "m" * 100_000}, "motivation", "TOO_LONG"),
        ({"topics": ["city-marketing"] * 50}, "topics", "TOO_LONG"),
        ({"fullName": "<script>alert('x')</script>"}, "fullName", "MARKUP_NOT_ALLOWED"),
        ({"channels": "<a href='javascript:alert(1)'>me</a>"}, "channels", "MARKUP_NOT_ALLOWED"),
        ({"email": "maryam@"}, "email", "INVALID_EMAIL"),
        ({"phone": "۰۹۱۲"}, "phone", "INVALID_PHONE"),
        ({"city": "atlantis"}, "city", "CITY_NOT_FOUND"),
        ({"topics": ["nope"]}, "topics", "TOPIC_NOT_FOUND"),
        ({"residenceCountry": "Iran"}, "residenceCountry", "INVALID_CHOICE"),
        ({"preferredLocale": "xx"}, "preferredLocale", "INVALID_LOCALE"),
        ({"consent": False}, "consent", "CONSENT_REQUIRED"),
    ],
)
def test_bad_input_comes_back_as_payload_errors(submit, overrides, field, code):
    payload = submit(**overrides)
    assert errors_by_field(payload).get(field) == code, payload["errors"]
    assert payload["application"] is None
    assert not Application.objects.exists()
    assert "<script>" not in str(payload)


@pytest.mark.parametrize(
    "overrides",
    [{"fullName": 42}, {"category": "ROYALTY"}, {"consent": "yes"}, {"topics": {"a": 1}}],
)
def test_wrong_types_are_rejected_by_the_schema(gql, overrides):
    answer = gql(SUBMIT, {"input": valid_input(**overrides)})
    assert answer.get("data") is None and answer["errors"]
    assert not Application.objects.exists()


def test_persian_digits_in_the_phone_are_accepted(submit):
    payload = submit(phone="۰۹۱۲ ۳۴۵ ۶۷۸۹", fullName="علي")
    assert payload["errors"] == []
    applicant = Applicant.objects.get()
    assert applicant.phone == "+989123456789" and applicant.full_name == "علی"


def test_duplicate_and_idempotent_repeat(submit):
    first = submit()
    repeat = submit()
    assert repeat["errors"] == []
    assert repeat["application"]["reference"] == first["application"]["reference"]
    # The same working token: an earlier answer's token never stops working.
    assert repeat["statusToken"] == first["statusToken"]
    # No existence oracle: a different application for the city is answered like a new one
    # (it is kept apart and its address's owner is told; tests/registrations/test_abuse.py).
    different = submit(motivation="Another motivation")
    assert different["errors"] == [] and different["statusToken"]
    assert different["application"]["reference"] != first["application"]["reference"]
    assert Application.objects.filter(duplicate_of__isnull=True).count() == 1


def test_submissions_are_rate_limited_per_address(submit, settings):
    settings.REGISTRATION_RATE_LIMIT = "3/h"
    for i in range(3):
        assert submit(email=f"a{i}@example.org")["errors"] == []
    limited = submit(email="a9@example.org")
    assert errors_by_field(limited) == {None: "RATE_LIMITED"}
    assert limited["application"] is None
    other_address = submit(email="b@example.org", headers={"REMOTE_ADDR": "203.0.113.9"})
    assert other_address["errors"] == []
    assert Application.objects.count() == 4


def test_confirm_email(gql):
    application, _token = factories.submitted()
    token = factories._confirm_token(application)
    query = """mutation($input: ConfirmEmailInput!) {
      confirmEmail(input: $input) { application { reference status } errors { field code } }
    }"""
    payload = gql(query, {"input": {"token": token}})["data"]["confirmEmail"]
    assert payload == {
        "application": {"reference": application.reference, "status": "UNDER_REVIEW"},
        "errors": [],
    }
    bad = gql(query, {"input": {"token": "x" * 43}})["data"]["confirmEmail"]
    assert bad == {"application": None, "errors": [{"field": "token", "code": "INVALID_TOKEN"}]}


RESPOND = """mutation($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) {
    invitation { status session { title startsAt } }
    errors { field code message }
  }
}"""


def test_respond_to_invitation(gql):
    session = factories.make_session(capacity=1)
    _application, token = factories.invited(session)
    _other, other_token = factories.invited(session)
    payload = gql(RESPOND, {"input": {"token": token, "accept": True}})["data"]
    answer = payload["respondToInvitation"]
    assert answer["errors"] == []
    assert answer["invitation"]["status"] == "ACCEPTED"
    assert answer["invitation"]["session"]["title"] == session.title
    full = gql(
        RESPOND, {"input": {"token": other_token, "accept": True}}, HTTP_ACCEPT_LANGUAGE="en"
    )["data"]["respondToInvitation"]
    assert full["invitation"] is None
    assert full["errors"] == [
        {
            "field": "accept",
            "code": "SESSION_FULL",
            "message": "Sorry, every seat of this session is taken.",
        }
    ]


def test_withdraw_application(gql):
    application, token = factories.submitted()
    query = """mutation($input: WithdrawApplicationInput!) {
      withdrawApplication(input: $input) { application { status } errors { code } }
    }"""
    wrong = gql(query, {"input": {"reference": application.reference, "token": "y" * 43}})
    assert wrong["data"]["withdrawApplication"]["errors"] == [{"code": "INVALID_TOKEN"}]
    done = gql(query, {"input": {"reference": application.reference, "token": token}})
    assert done["data"]["withdrawApplication"] == {
        "application": {"status": "WITHDRAWN"},
        "errors": [],
    }


def test_application_status_needs_the_token(gql):
    application, token = factories.submitted()
    _other, other_token = factories.submitted()
    for secret in (other_token, "z" * 43, ""):
        answer = gql(STATUS, {"reference": application.reference, "token": secret})
        assert answer["data"]["applicationStatus"] is None


def test_application_status_shows_the_citizen_their_application(gql, session):
    application, token = factories.submitted(session=session.slug)
    services.confirm_email(factories._confirm_token(application))
    services.add_review(
        application, reviewer=factories.staff(), score=2, recommendation="reject", comment="MEH"
    )
    services.decide(
        application,
        decision=Status.ACCEPTED,
        by=factories.staff(),
        public_message="Welcome",
        internal_reason="INTERNAL-XYZ",
    )
    services.invite(application, session=session, by=factories.staff())
    answer = gql(STATUS, {"reference": application.reference.lower(), "token": token})
    status = answer["data"]["applicationStatus"]
    assert status["status"] == "INVITED" and status["statusLabel"] == "دعوت‌شده"
    assert status["city"] == {"slug": "florence", "title": "فلورانس"}
    assert status["publicMessage"] == "Welcome"
    assert status["invitation"]["status"] == "PENDING" and status["invitation"]["respondBy"]
    assert [step["status"] for step in status["history"]] == [
        "SUBMITTED",
        "UNDER_REVIEW",
        "ACCEPTED",
        "INVITED",
    ]
    text = str(answer)
    for secret in ("INTERNAL-XYZ", "MEH", "chair", "مریم", "@example.org"):
        assert secret not in text
    english = gql(STATUS, {"reference": application.reference, "token": token, "locale": "en"})
    assert english["data"]["applicationStatus"]["city"]["title"] == "Florence"
    assert english["data"]["applicationStatus"]["statusLabel"] == "Invited"


def test_application_status_costs_a_fixed_number_of_queries(
    gql, session, django_assert_max_num_queries
):
    application, token = factories.invited(session)
    raw = factories.submitted()
    with django_assert_max_num_queries(12):
        gql(STATUS, {"reference": raw[0].reference, "token": raw[1]})
    from registrations.tokens import new_token

    status_token, token_hash = new_token()
    Application.objects.filter(pk=application.pk).update(status_token_hash=token_hash)
    with django_assert_max_num_queries(12):
        answer = gql(STATUS, {"reference": application.reference, "token": status_token})
    assert answer["data"]["applicationStatus"]["invitation"]
