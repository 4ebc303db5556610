"""submit_application, confirm_email, expiry and withdrawal by the applicant."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cities.models import SessionPage
from registrations import services
from registrations.consent import CONSENT_VERSION
from registrations.errors import ErrorCode, RegistrationError, RegistrationValidationError
from registrations.inputs import ApplicationInput
from registrations.lifecycle import Status
from registrations.models import Applicant, Application, AuditEntry
from registrations.tokens import hash_token

from . import factories
from .factories import application_input

pytestmark = pytest.mark.django_db


def submit(**overrides):
    return services.submit_application(application_input(**overrides), language="fa")


def codes(exc: RegistrationError) -> dict:
    return {(e.field, e.code) for e in exc.errors}


def test_submit_creates_a_submitted_application_with_hashed_token_and_consent(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(email="Maryam@Example.org", topics=["city-marketing", "tourism"])
    application = result.application
    assert result.created is True
    assert application.status == Status.SUBMITTED
    assert re.fullmatch(rf"ISF-{timezone.localdate().year}-\d{{5}}", application.reference)
    assert application.status_token_hash == hash_token(result.status_token)
    assert result.status_token not in str(vars(application).values())
    assert application.applicant.email == "maryam@example.org"
    assert application.city.slug == "florence" and application.city.locale.language_code == "fa"
    assert sorted(t.slug for t in application.topics.all()) == ["city-marketing", "tourism"]
    assert application.consents.get().text_version == CONSENT_VERSION
    entry = AuditEntry.objects.get(application=application)
    assert (entry.from_status, entry.to_status, entry.actor_kind) == ("", "submitted", "applicant")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["maryam@example.org"]


def test_references_are_sequential_and_unique():
    first, second = submit().application, submit().application
    assert int(second.reference[-5:]) == int(first.reference[-5:]) + 1


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit()
    assert len(callbacks) == 1 and mailoutbox == []


def test_persian_input_is_normalised():
    application = submit(
        full_name="علي كريمي", phone="۰۹۱۲ ۳۴۵ ۶۷۸۹", residence_city="اصفهان "
    ).application
    applicant = application.applicant
    assert applicant.full_name == "علی کریمی"
    assert applicant.phone == "+989123456789"
    assert applicant.residence_city == "اصفهان"


def test_foreign_phone_numbers_keep_their_country():
    assert submit(phone="+39 055 123 4567").application.applicant.phone == "+390551234567"


def test_empty_submission_reports_every_missing_field_at_once():
    with pytest.raises(RegistrationValidationError) as info:
        services.submit_application(ApplicationInput(), language="fa")
    assert {
        ("full_name", ErrorCode.REQUIRED),
        ("email", ErrorCode.REQUIRED),
        ("category", ErrorCode.REQUIRED),
        ("topics", ErrorCode.REQUIRED),
        ("city", ErrorCode.REQUIRED),
        ("motivation", ErrorCode.REQUIRED),
        ("consent", ErrorCode.CONSENT_REQUIRED),
    } <= codes(info.value)
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", ErrorCode.INVALID_EMAIL),
        ({"phone": "12"}, "phone", ErrorCode.INVALID_PHONE),
        ({"category": "ROYALTY"}, "category", ErrorCode.INVALID_CHOICE),
        ({"residence_country": "XX"}, "residence_country", ErrorCode.INVALID_CHOICE),
        ({"topics": ["no-such-topic"]}, "topics", ErrorCode.TOPIC_NOT_FOUND),
        ({"topics": [f"t{i}" for i in range(11)]}, "topics", ErrorCode.TOO_LONG),
        ({"city": "atlantis"}, "city", ErrorCode.CITY_NOT_FOUND),
        ({"session": "no-such-session"}, "session", ErrorCode.SESSION_NOT_FOUND),
        ({"preferred_locale": "xx"}, "preferred_locale", ErrorCode.INVALID_LOCALE),
        ({"consent": False}, "consent", ErrorCode.CONSENT_REQUIRED),
        ({"full_name": "x" * 201}, "full_name", ErrorCode.TOO_LONG),
        ({"motivation": "m" * 4001}, "motivation", ErrorCode.TOO_LONG),
        ({"languages": [f"l{i}" for i in range(11)]}, "languages", ErrorCode.TOO_LONG),
        ({"full_name": "<script>alert(1)</script>"}, "full_name", ErrorCode.MARKUP_NOT_ALLOWED),
        (
            {"motivation": "hi <img src=x onerror=alert(1)>"},
            "motivation",
            ErrorCode.MARKUP_NOT_ALLOWED,
        ),
        ({"full_name": 42}, "full_name", ErrorCode.INVALID_INPUT),
        ({"topics": "city-marketing"}, "topics", ErrorCode.INVALID_INPUT),
    ],
)
def test_bad_input_is_refused_with_a_field_error(overrides, field, code):
    with pytest.raises(RegistrationValidationError) as info:
        submit(**overrides)
    assert (field, code) in codes(info.value)
    assert Application.objects.filter(applicant__email=application_input().email).count() == 0


def test_less_than_sign_in_prose_is_not_markup():
    assert submit(motivation="Trade grew <3% last year; I can help.").application.pk


def test_session_must_belong_to_the_city():
    other = factories.make_session(factories.city("xian"))
    with pytest.raises(RegistrationValidationError) as info:
        submit(session=other.slug)
    assert ("session", ErrorCode.SESSION_NOT_IN_CITY) in codes(info.value)


def test_session_registration_must_be_open():
    closed = factories.make_session(registration_open=False)
    with pytest.raises(RegistrationValidationError) as info:
        submit(session=closed.slug)
    assert ("session", ErrorCode.REGISTRATION_CLOSED) in codes(info.value)


def test_session_state_is_read_from_the_source_page(session):
    """A stale translated copy saying "open" does not matter: the Persian source decides."""
    SessionPage.objects.filter(pk=session.pk).update(status=SessionPage.Status.CANCELLED)
    with pytest.raises(RegistrationValidationError) as info:
        submit(session=session.slug)
    assert ("session", ErrorCode.REGISTRATION_CLOSED) in codes(info.value)


def test_a_full_session_takes_no_more_registrations(django_capture_on_commit_callbacks):
    tiny = factories.make_session(capacity=1)
    factories.confirmed(tiny)
    with pytest.raises(RegistrationValidationError) as info:
        submit(session=tiny.slug)
    assert ("session", ErrorCode.SESSION_FULL) in codes(info.value)


def test_application_for_an_open_session_points_at_the_source_page(session):
    application = submit(session=session.slug).application
    assert application.session_id == session.pk


# Duplicates, identical repeats and what they may not overwrite: ``test_abuse.py``.


def test_one_applicant_may_apply_to_several_cities():
    first = submit(email="many@example.org").application
    second = submit(email="many@example.org", city="xian").application
    assert first.applicant_id == second.applicant_id
    assert Applicant.objects.filter(email="many@example.org").count() == 1


def test_confirmed_details_are_not_overwritten_by_an_anonymous_submission():
    factories.under_review(email="owner@example.org", full_name="Real Owner")
    submit(email="owner@example.org", city="xian", full_name="Impostor")
    assert Applicant.objects.get(email="owner@example.org").full_name == "Real Owner"


def test_after_withdrawal_the_applicant_can_apply_again():
    application, token = factories.submitted(email="again@example.org")
    services.withdraw(application.reference, token)
    assert submit(email="again@example.org", motivation="Second try").created is True


# --- confirm_email -----------------------------------------------------------------------------


def _token_for(application):
    return factories._confirm_token(application)


def test_confirm_email_moves_to_under_review_once():
    application, _ = factories.submitted()
    token = _token_for(application)
    confirmed = services.confirm_email(token)
    assert confirmed.status == Status.UNDER_REVIEW and confirmed.email_confirmed_at
    again = services.confirm_email(token)  # a second click is harmless
    assert again.status == Status.UNDER_REVIEW
    assert AuditEntry.objects.filter(application=application, to_status="under_review").count() == 1


@pytest.mark.parametrize("token", ["", "short", "x" * 43, "<script>" * 6])
def test_confirm_email_with_a_wrong_token_is_refused(token):
    with pytest.raises(RegistrationError) as info:
        services.confirm_email(token)
    assert info.value.code == ErrorCode.INVALID_TOKEN


def test_confirm_email_after_the_deadline_is_expired(settings):
    application, _ = factories.submitted()
    token = _token_for(application)
    Application.objects.filter(pk=application.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=73)
    )
    with pytest.raises(RegistrationError) as info:
        services.confirm_email(token)
    assert info.value.code == ErrorCode.TOKEN_EXPIRED
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_confirm_email_of_a_withdrawn_application_is_illegal():
    application, status_token = factories.submitted()
    token = _token_for(application)
    services.withdraw(application.reference, status_token)
    with pytest.raises(RegistrationError) as info:
        services.confirm_email(token)
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_expire_unconfirmed_expires_only_old_unconfirmed_applications():
    old, _ = factories.submitted()
    fresh, _ = factories.submitted()
    reviewed = factories.under_review()
    Application.objects.filter(pk__in=[old.pk, reviewed.pk]).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=80)
    )
    assert services.expire_unconfirmed() == 1
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[old.pk] == Status.EXPIRED
    assert statuses[fresh.pk] == Status.SUBMITTED
    assert statuses[reviewed.pk] == Status.UNDER_REVIEW
    assert services.expire_unconfirmed() == 0


def test_expire_unconfirmed_command(capsys):
    old, _ = factories.submitted()
    Application.objects.filter(pk=old.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=100)
    )
    call_command("expire_unconfirmed")
    assert "Expired 1 unconfirmed" in capsys.readouterr().out


# --- withdraw ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["submitted", "under_review", "accepted", "waitlisted"])
def test_applicant_withdraws_from_any_live_status(
    stage, django_capture_on_commit_callbacks, mailoutbox
):
    application, token = factories.submitted(preferred_locale="en")
    if stage != "submitted":
        services.confirm_email(_token_for(application))
    if stage in ("accepted", "waitlisted"):
        services.decide(application, decision=stage, by=factories.staff())
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = services.withdraw(f" {application.reference.lower()} ", token)
    assert withdrawn.status == Status.WITHDRAWN
    assert "withdrawn" in mailoutbox[-1].subject


def test_withdraw_with_wrong_token_or_reference_is_refused():
    application, token = factories.submitted()
    other, other_token = factories.submitted()
    for reference, secret in [(application.reference, other_token), (other.reference, token)]:
        with pytest.raises(RegistrationError) as info:
            services.withdraw(reference, secret)
        assert info.value.code == ErrorCode.INVALID_TOKEN


def test_withdraw_after_rejection_is_illegal():
    application, token = factories.submitted()
    services.confirm_email(_token_for(application))
    services.decide(application, decision="rejected", by=factories.staff())
    with pytest.raises(RegistrationError) as info:
        services.withdraw(application.reference, token)
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_staff_withdraw_needs_permission():
    from django.contrib.auth import get_user_model

    application = factories.under_review()
    nobody = get_user_model().objects.create_user("nobody", password="x")
    with pytest.raises(RegistrationError) as info:
        services.withdraw_application(application, by=nobody)
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    done = services.withdraw_application(application, by=factories.staff())
    assert done.status == Status.WITHDRAWN
    assert AuditEntry.objects.filter(application=application, to_status="withdrawn").get().actor


def test_a_new_submission_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries, django_capture_on_commit_callbacks, mailoutbox
):
    """The submission path is the one every citizen takes at once when a call goes out.

    Validation (topics, city), the applicant, the recipient's mail limit (counted and
    reserved in one statement), the application and
    its topics in one insert, consent, audit, the queued email (not rendered: the worker
    composes it), and last the reference (one ``UPDATE … RETURNING`` on the year's counter,
    then the application's reference and token hashes): 12 statements and the savepoint pair
    of the transaction, whatever the number of topics. The tests' immediate task backend
    composes and sends the email after commit, outside the budget.
    """
    submit(email="warm-up@example.org")  # the year's reference row exists from here on
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        with django_assert_max_num_queries(14) as captured:
            result = submit(email="budget@example.org", topics=["city-marketing", "tourism"])
    statements = [q["sql"] for q in captured.captured_queries]
    counter = next(i for i, sql in enumerate(statements) if "referencesequence" in sql)
    # Every submission needs the year's counter row: it is locked last, held only to commit.
    assert not any(sql.startswith("INSERT") for sql in statements[counter:])
    assert (
        "UPDATE" in statements[counter + 1]
        and "registrations_application" in (statements[counter + 1])
    )
    assert mailoutbox == []
    for callback in after_commit:
        callback()
    assert [m.to for m in mailoutbox] == [["budget@example.org"]]
    assert sorted(t.slug for t in result.application.topics.all()) == ["city-marketing", "tourism"]


def test_fingerprint_is_the_json_of_every_submitted_value():
    """Stored fingerprints (and the status codes derived from them) must keep their value:
    the same JSON as the original ``dataclasses.asdict`` form, without copying the pages."""
    import hashlib
    import json
    from dataclasses import asdict

    from registrations.validation import validate_application

    cleaned = validate_application(
        application_input(
            email="same@example.org", topics=["tourism", "city-marketing"], languages=["fa", "en"]
        ),
        language="fa",
    )
    data = {k: v for k, v in asdict(cleaned).items() if k not in {"city", "session", "topics"}}
    data |= {"city": cleaned.city.pk, "session": None, "topics": ["city-marketing", "tourism"]}
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    assert cleaned.fingerprint() == hashlib.sha256(encoded.encode()).hexdigest()
    assert data["languages"] == ["fa", "en"] and data["email"] == "same@example.org"
