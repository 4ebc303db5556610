"""The status code people can type, the emailed one-click status link and the sealed receipt."""

from __future__ import annotations

import re
import time
from urllib.parse import unquote

import pytest
from django.core import signing

from registrations import links, selectors, services
from registrations.forms import form_stamp
from registrations.models import Application
from registrations.tokens import (
    CROCKFORD_ALPHABET,
    hash_token,
    new_status_code,
    new_token,
    normalize_status_code,
    open_receipt_code,
    seal_receipt_code,
    status_link_value,
)

from . import factories

CODE_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


# --- the code itself (no database) -------------------------------------------------------------


def test_a_new_code_is_16_crockford_characters_in_four_groups():
    codes = {new_status_code()[0] for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_SHAPE.match(code), code
    # 16 symbols of a 32-symbol alphabet: 80 bits.
    assert len(CROCKFORD_ALPHABET) == 32 and 16 * 5 >= 80
    assert not set("ILOU") & set(CROCKFORD_ALPHABET)


def test_the_code_round_trips_whatever_the_case_spacing_and_dashes():
    code, stored = new_status_code()
    canonical = code.replace("-", "")
    for typed in (
        code,
        code.lower(),
        canonical,
        canonical.lower(),
        " ".join(code.split("-")),
        f"  {code} ",
        code.replace("-", "‐"),  # a Unicode hyphen pasted from a mail client
    ):
        assert normalize_status_code(typed) == canonical, typed
        assert hash_token(typed) == stored, typed


def test_persian_and_arabic_digits_are_read_as_latin_ones():
    code = "7K30-Q9XD-2HVP-R81A"
    stored = hash_token(code)
    assert hash_token(code.translate(PERSIAN_DIGITS)) == stored
    assert hash_token(code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) == stored


def test_o_is_read_as_zero_and_i_or_l_as_one():
    stored = hash_token("7K30-Q9XD-2HVP-R81A")
    assert hash_token("7K3O-Q9XD-2HVP-R8IA") == stored
    assert hash_token("7k3o-q9xd-2hvp-r8la") == stored


def test_junk_is_not_a_code():
    for junk in ("", "7K3M-Q9XD-2HVP", "7K3M-Q9XD-2HVP-R8TA-9", "UUUU-UUUU-UUUU-UUUU", "!" * 16):
        assert normalize_status_code(junk) is None, junk
    assert normalize_status_code(None) is None


def test_legacy_tokens_are_hashed_as_before():
    token, stored = new_token()
    assert len(token) == 43
    assert stored == __import__("hashlib").sha256(token.encode()).hexdigest()
    assert hash_token(token) == stored


def test_the_receipt_seal_opens_only_with_its_signed_key():
    sealed, key = seal_receipt_code("7K3M-Q9XD-2HVP-R8TA")
    assert "7K3M" not in sealed and "7K3M" not in key
    assert open_receipt_code(sealed, key) == "7K3M-Q9XD-2HVP-R8TA"
    _other_sealed, other_key = seal_receipt_code("7K3M-Q9XD-2HVP-R8TA")
    assert open_receipt_code(sealed, other_key) != "7K3M-Q9XD-2HVP-R8TA"
    assert open_receipt_code(sealed, key[:-2] + "xx") is None  # forged signature


# --- with the database ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_submission_hands_out_a_typeable_code_stored_hashed():
    application, code = factories.submitted()
    assert CODE_SHAPE.match(code)
    application.refresh_from_db()
    assert application.status_token_hash == hash_token(code)
    assert code not in str(vars(application).values())
    assert code.replace("-", "") not in str(vars(application).values())


@pytest.mark.django_db
def test_status_lookup_accepts_persian_digits_and_confusable_letters(client):
    application, code = factories.submitted()
    typed = code.lower().replace("0", "o").replace("1", "l").translate(PERSIAN_DIGITS)
    reference = application.reference.translate(PERSIAN_DIGITS)
    response = client.post("/register/status/", {"reference": reference, "token": typed})
    assert response.status_code == 200
    assert application.reference in response.content.decode()


@pytest.mark.django_db
def test_the_code_field_is_visible(client):
    content = client.get("/en/register/status/").content.decode()
    field = re.search(r"<input[^>]*name=\"token\"[^>]*>", content).group(0)
    assert 'type="text"' in field and 'type="password"' not in field
    assert 'dir="ltr"' in field and 'autocomplete="off"' in field


@pytest.mark.django_db
def test_legacy_token_keeps_working(client):
    application, _code = factories.submitted()
    token, token_hash = new_token()
    Application.objects.filter(pk=application.pk).update(status_token_hash=token_hash)
    assert selectors.application_status(application.reference, token) is not None
    response = client.post(
        "/en/register/status/", {"reference": application.reference, "token": token}
    )
    assert response.status_code == 200
    services.withdraw(application.reference, token)
    application.refresh_from_db()
    assert application.status == "withdrawn"


@pytest.mark.django_db
def test_withdraw_with_a_lowercase_code(client):
    application, code = factories.submitted()
    services.withdraw(application.reference, code.lower().replace("-", " "))
    application.refresh_from_db()
    assert application.status == "withdrawn"


@pytest.mark.django_db
def test_received_email_carries_the_code_and_a_status_link_that_logs_nobody_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit_application(factories.application_input(), language="en")
    code = result.status_token
    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert code in mail.body and code in html
    link = re.search(r"(http://\S+/register/status/\?link=\S+)", mail.body).group(1)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    content = response.content.decode()
    assert result.application.reference in content
    assert "Application " in content or "درخواست" in content
    # Nothing was put in the session: the next request is anonymous and empty-handed.
    assert not client.session.keys() - {"django_language"}
    # Withdrawing from the linked page still asks for the code.
    assert re.search(
        r"<input[^>]*name=\"token\"[^>]*type=\"text\"|type=\"text\"[^>]*name=\"token\"", content
    )


@pytest.mark.django_db
def test_a_forged_or_outdated_status_link_shows_the_lookup_form(client):
    application, _code = factories.submitted()
    forged = status_link_value(application.reference, "0" * 64)
    response = client.get("/en/register/status/", {"link": forged})
    assert response.status_code == 400
    assert application.reference not in response.content.decode()
    tampered = status_link_value(application.reference, application.status_token_hash) + "x"
    assert client.get("/en/register/status/", {"link": tampered}).status_code == 400
    old = signing.TimestampSigner(salt="registrations.status-link")
    assert old.unsign_object(status_link_value("X", "a" * 64))["r"] == "X"


@pytest.mark.django_db
def test_status_link_is_built_on_the_site_base_url(settings):
    settings.SITE_BASE_URL = "http://127.0.0.1:9711"
    application, _code = factories.submitted()
    url = links.status_link(application, "fa")
    assert url.startswith("http://127.0.0.1:9711/register/status/?link=")
    value = unquote(url.split("link=", 1)[1])
    assert selectors.application_by_status_link(value) == application


@pytest.mark.django_db
def test_receipt_never_rests_raw_in_the_session(client, django_capture_on_commit_callbacks):
    from .test_site import form_data

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/register/florence/", form_data(started=form_stamp(time.time() - 30))
        )
    assert response.status_code == 302
    stored = str(dict(client.session.items()))
    application = Application.objects.get()
    receipt = client.get(response["Location"])
    code = re.search(r'class="token" dir="ltr">([^<]+)<', receipt.content.decode()).group(1)
    assert CODE_SHAPE.match(code)
    assert code not in stored and code.replace("-", "") not in stored
    assert hash_token(code) == application.status_token_hash
    # One time: the session half is gone, and the URL alone shows nothing.
    assert client.get(response["Location"]).status_code == 302


@pytest.mark.django_db
def test_a_status_link_survives_a_key_rotation_with_the_old_key_as_fallback(client, settings):
    application, _code = factories.submitted()
    value = status_link_value(application.reference, application.status_token_hash)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-0123456789-abcdefghij"
    settings.SECRET_KEY_FALLBACKS = []
    assert client.get("/en/register/status/", {"link": value}).status_code == 400
    settings.SECRET_KEY_FALLBACKS = [old_key]
    response = client.get("/en/register/status/", {"link": value})
    assert response.status_code == 200
    assert application.reference in response.content.decode()
