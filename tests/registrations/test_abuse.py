"""The public submission against strangers: every abuse path of issue 10, item 7.

Anyone can type anyone's email address into the form or the GraphQL mutation. These tests
prove that doing so cannot flood the address, overwrite its owner's details, reveal whether it
applied, invalidate earlier answers, smuggle text into our emails or rewrite the address.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.utils import timezone

from registrations import services
from registrations.errors import ErrorCode, RegistrationValidationError
from registrations.lifecycle import Status
from registrations.models import Applicant, Application, UnsolicitedMail
from registrations.normalize import GREETING_MAX_LENGTH, greeting_name
from registrations.selectors import application_status
from registrations.tokens import read_status_link

from . import factories
from .factories import application_input

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    def run(action):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, mailoutbox[before:]

    return run


def submit(**overrides):
    return services.submit_application(application_input(**overrides), language="en")


def confirm_token_in(message) -> str:
    return re.search(r"/register/confirm/([A-Za-z0-9_-]+)/", message.body).group(1)


# --- per-recipient limit ---------------------------------------------------------------------


def test_at_most_three_mails_per_address_a_day_and_submissions_still_succeed(sent, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "3/24h"
    results, mails = sent(
        lambda: [submit(email=VICTIM, motivation=f"Attempt {i}") for i in range(6)]
    )
    assert len(mails) == 3
    assert all(result.created for result in results)
    assert Application.objects.filter(applicant__email=VICTIM).count() == 6
    withheld = [r.application for r in results if r.application.mail_withheld_at is not None]
    assert len(withheld) == 3
    assert all(
        application_status(a.reference, r.status_token)
        for a, r in zip([r.application for r in results], results, strict=True)
    )


def test_the_limit_is_configurable_and_counts_across_cities(sent, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "1/24h"
    _results, mails = sent(lambda: [submit(email=VICTIM), submit(email=VICTIM, city="xian")])
    assert len(mails) == 1


def test_the_limit_forgets_after_its_window(sent, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "1/24h"
    sent(lambda: submit(email=VICTIM))
    UnsolicitedMail.objects.update(sent_at=timezone.now() - timedelta(hours=25))
    _result, mails = sent(lambda: submit(email=VICTIM, city="xian"))
    assert len(mails) == 1


def test_the_status_page_says_when_no_mail_was_sent(client, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "1/24h"
    submit(email=VICTIM)
    result = submit(email=VICTIM, city="xian")
    response = client.post(
        "/en/register/status/",
        {"reference": result.application.reference, "token": result.status_token},
    )
    assert response.status_code == 200
    assert "We did not send an email this time" in response.content.decode()


def test_withdrawing_an_unconfirmed_application_counts_towards_the_limit(sent, settings):
    settings.REGISTRATION_RECIPIENT_MAIL_LIMIT = "1/24h"
    result, _mails = sent(lambda: submit(email=VICTIM))
    _withdrawn, mails = sent(
        lambda: services.withdraw(result.application.reference, result.status_token)
    )
    assert mails == []


# --- no overwrite ----------------------------------------------------------------------------


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_submission_never_changes_an_existing_applicants_details(confirmed):
    if confirmed:
        factories.under_review(email=VICTIM, full_name="Real Owner", phone="0912 111 2222")
    else:
        submit(email=VICTIM, full_name="Real Owner", phone="0912 111 2222")
    result = submit(email=VICTIM, city="xian", full_name="Impostor", phone="0913 999 8888")
    owner = Applicant.objects.get(email=VICTIM)
    assert (owner.full_name, owner.phone) == ("Real Owner", "+989121112222")
    assert result.application.applicant_id == owner.pk
    assert result.application.submitted_profile["full_name"] == "Impostor"


def test_submitted_details_become_the_applicants_once_the_address_is_confirmed(sent):
    submit(email=VICTIM, full_name="Real Owner")
    result, (message,) = sent(lambda: submit(email=VICTIM, city="xian", full_name="New Name"))
    application = services.confirm_email(confirm_token_in(message))
    assert application.pk == result.application.pk
    assert Applicant.objects.get(email=VICTIM).full_name == "New Name"
    application.refresh_from_db()
    assert application.submitted_profile == {}


def test_erasure_blanks_details_awaiting_confirmation():
    submit(email=VICTIM)
    result = submit(email=VICTIM, city="xian", full_name="Someone")
    services.erase_applicant(result.application.applicant)
    result.application.refresh_from_db()
    assert result.application.submitted_profile == {}


# --- no existence oracle ---------------------------------------------------------------------


def test_a_duplicate_is_answered_exactly_like_a_new_submission():
    factories.under_review(email=VICTIM)
    fresh = submit(email="nobody-yet@example.org", motivation="Hello")
    duplicate = submit(email=VICTIM, motivation="Hello")
    for result in (fresh, duplicate):
        assert result.created is True
        assert result.application.status == Status.SUBMITTED
        assert re.fullmatch(r"ISF-\d{4}-\d{5}", result.application.reference)
        found = application_status(result.application.reference, result.status_token)
        assert found is not None and found.status == Status.SUBMITTED
    assert len(fresh.status_token) == len(duplicate.status_token)


def test_a_duplicate_over_graphql_has_the_same_shape_as_a_new_submission(client):
    mutation = """mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) {
        application { reference status } statusToken errors { field code } } }"""

    def post(email: str, motivation: str) -> dict:
        variables = {
            "input": {
                "fullName": "Maryam Ahmadi",
                "email": email,
                "city": "florence",
                "category": "ACADEMIC",
                "topics": ["city-marketing"],
                "motivation": motivation,
                "consent": True,
            }
        }
        response = client.post(
            "/graphql/",
            {"query": mutation, "variables": variables},
            content_type="application/json",
        )
        return response.json()["data"]["submitApplication"]

    post(VICTIM, "The owner's own words.")
    fresh = post("someone-else@example.org", "Probe")
    duplicate = post(VICTIM, "Probe")
    assert fresh["errors"] == duplicate["errors"] == []
    assert fresh["application"]["status"] == duplicate["application"]["status"]
    assert duplicate["statusToken"] and duplicate["application"]["reference"]


def test_the_owner_is_told_they_already_applied_with_a_link_to_their_status(sent):
    owner_application = factories.under_review(email=VICTIM, preferred_locale="en")
    _result, (message,) = sent(
        lambda: submit(email=VICTIM, full_name="Visit evil.example", motivation="BUY NOW")
    )
    assert message.to == [VICTIM]
    assert "already have an application" in message.subject
    link = re.search(r"/register/status/\?link=(\S+)", message.body)
    assert link is not None
    reference, _fingerprint = read_status_link(unquote(link.group(1)))
    assert reference == owner_application.reference
    assert "/register/confirm/" not in message.body
    for attacker_text in ("evil.example", "BUY NOW", "Visit"):
        assert attacker_text not in message.body
        assert attacker_text not in message.alternatives[0][0]


def test_a_duplicate_can_never_be_confirmed_and_expires_like_any_unconfirmed():
    factories.under_review(email=VICTIM)
    duplicate = submit(email=VICTIM, motivation="Other").application
    assert duplicate.duplicate_of_id is not None
    assert duplicate.confirmation_token_hash is None
    later = timezone.now() + timedelta(days=4)
    assert services.expire_unconfirmed(now=later) == 1
    duplicate.refresh_from_db()
    assert duplicate.status == Status.EXPIRED


# --- idempotent repeats ----------------------------------------------------------------------


def test_an_identical_repeat_returns_the_same_application_and_a_token_that_still_works(sent):
    (first, again), mails = sent(lambda: (submit(email=VICTIM), submit(email=VICTIM)))
    assert again.application.pk == first.application.pk and again.created is False
    assert again.status_token == first.status_token
    assert application_status(first.application.reference, first.status_token) is not None
    assert len(mails) == 1


def test_an_identical_repeat_much_later_sends_the_same_link_again(sent):
    first, (mail,) = sent(lambda: submit(email=VICTIM))
    Application.objects.filter(pk=first.application.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=1)
    )
    _again, (resent,) = sent(lambda: submit(email=VICTIM))
    assert confirm_token_in(resent) == confirm_token_in(mail)


# --- attacker text in emails -----------------------------------------------------------------


def test_the_greeting_carries_no_links_addresses_or_numbers(sent):
    name = (
        "Win a prize at https://evil.example/x or www.evil.example, "
        "mail a@evil.example, +1 (555) 123-4567"
    )
    _result, (message,) = sent(
        lambda: submit(
            email=VICTIM,
            full_name=name[:200],
            preferred_locale="en",
            organisation="Call 0912 345 6789",
            motivation="Transfer money to IR12 3456",
        )
    )
    body, html = message.body, message.alternatives[0][0]
    for text in ("evil.example", "555", "123-4567", "Call", "Transfer", "money"):
        assert text not in body and text not in html
    assert "Dear Win a prize at" in body


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("مریم احمدی", "مریم احمدی"),
        ("علی ۰۹۱۲ ۳۴۵ ۶۷۸۹", "علی"),
        ("Ali see evil.com/pay", "Ali see"),
        ("Anna-Maria O'Neil", "Anna-Maria O'Neil"),
        ("http://only.a.link", ""),
    ],
)
def test_greeting_name(name, greeting):
    assert greeting_name(name) == greeting


def test_greeting_name_is_capped():
    assert len(greeting_name("Maryam " * 40)) <= GREETING_MAX_LENGTH


def test_a_name_of_nothing_but_a_link_gets_a_neutral_greeting(sent):
    _result, (message,) = sent(
        lambda: submit(email=VICTIM, full_name="http://evil.example", preferred_locale="en")
    )
    assert message.body.startswith("Hello,")


# --- email addresses are never rewritten ------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["a b@example.org", "ab @example.org", "a\u200bb@example.org", "a\u202eb@example.org"]
)
def test_an_address_with_inner_spaces_or_invisible_characters_is_refused(email):
    with pytest.raises(RegistrationValidationError) as info:
        submit(email=email)
    assert ("email", ErrorCode.INVALID_EMAIL) in {(e.field, e.code) for e in info.value.errors}
    assert not Applicant.objects.filter(email="ab@example.org").exists()


def test_an_address_is_only_trimmed_and_lowercased():
    assert submit(email="  Maryam@Example.ORG ").application.applicant.email == (
        "maryam@example.org"
    )
