"""Forms people can finish: required marks, no "---------", topics per area, an error summary
that lists and links every error, aria-invalid/aria-describedby, one live region, consent linked
to the privacy notice, one word for email."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest

from registrations.forms import form_stamp

from .test_site import form_data

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    """Every start tag as (name, attrs dict), in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def by_id(self, element_id: str) -> tuple[str, dict]:
        return next(t for t in self.tags if t[1].get("id") == element_id)


def test_required_fields_are_marked_and_announced(client):
    content = client.get("/en/register/florence/").content.decode()
    tags = Tags(content)
    for name in ("full_name", "email", "category", "motivation"):
        _tag, attrs = tags.by_id(f"id_{name}")
        assert "required" in attrs and attrs.get("aria-required") == "true", name
        mark = '<span class="required-mark" aria-hidden="true"> \\*</span>'
        assert re.search(rf'<label for="id_{name}">[^<]*{mark}', content), name
    _tag, phone = tags.by_id("id_phone")
    assert "required" not in phone
    assert "Fields marked" in content


def test_no_dashes_placeholder_in_selects(client):
    for url in ("/register/florence/", "/en/register/florence/"):
        assert "---------" not in client.get(url).content.decode()


def test_topics_are_grouped_in_a_fieldset_per_area(client):
    content = client.get("/en/register/florence/").content.decode()
    areas = re.findall(r'<fieldset class="topic-area">\s*<legend>([^<]+)</legend>', content)
    assert len(areas) >= 3
    assert "Culture and art" in areas or len(set(areas)) == len(areas)
    checkboxes = re.findall(r'<input type="checkbox" name="topics"', content)
    assert len(checkboxes) >= 20


def test_countries_are_in_the_readers_alphabetical_order(client):
    content = client.get("/register/florence/").content.decode()
    select = content.split('id="id_residence_country"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', select)
    assert len(names) > 200
    iran = names.index("ایران")
    assert names.index("آلمان") < names.index("ایتالیا") < iran < names.index("ایرلند")
    assert names[0].startswith("آ")


def test_error_summary_lists_and_links_every_error_and_takes_focus(client):
    response = client.post(
        "/en/register/florence/",
        form_data(full_name="", email="not-an-email", topics=[], consent=None),
    )
    assert response.status_code == 400
    content = response.content.decode()
    summary = content.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "autofocus" in content.split('id="form-errors"', 1)[0][-200:] + summary[:120]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert {"id_full_name", "id_email", "id_consent"} <= set(links)
    assert any(link.startswith("id_topics_0") for link in links)
    tags = Tags(content)
    for target in links:
        tags.by_id(target)  # every link points at something on the page
    _tag, full_name = tags.by_id("id_full_name")
    assert full_name.get("aria-invalid") == "true"
    assert "id_full_name_error" in full_name.get("aria-describedby", "").split()
    tags.by_id("id_full_name_error")
    _tag, email = tags.by_id("id_email")
    assert email.get("aria-describedby", "").split() == ["id_email_helptext", "id_email_error"]
    # One polite region, no alert per field.
    assert 'role="alert"' not in content
    assert content.count('aria-live="polite"') == 1


def test_persian_error_summary_counts_in_persian_digits(client):
    response = client.post("/register/florence/", form_data(full_name="", motivation=""))
    summary = response.content.decode().split('id="form-errors-title"', 1)[1].split("</h2>")[0]
    assert "۲" in summary and not re.search(r"[0-9]", summary)


def test_consent_links_to_the_privacy_notice(client):
    for url, privacy in (
        ("/register/florence/", "/privacy/"),
        ("/en/register/florence/", "/en/privacy/"),
    ):
        content = client.get(url).content.decode()
        consent_block = content.split('id="id_consent"', 1)[1][:2500]
        assert f'href="{privacy}"' in consent_block, url


def test_one_word_for_email_in_persian(client):
    content = client.get("/register/florence/").content.decode()
    assert "رایانامه" not in content
    assert "ایمیل" in content


def test_status_form_errors_are_summarised_too(client):
    response = client.post("/en/register/status/", {"reference": "", "token": ""})
    content = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_reference"' in content and 'href="#id_token"' in content
    assert 'role="alert"' not in content


def test_a_valid_form_still_goes_through(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/register/florence/", form_data(started=form_stamp(time.time() - 30))
        )
    assert response.status_code == 302


def test_phone_hint_keeps_the_example_left_to_right_in_persian(client):
    content = client.get("/register/florence/").content.decode()
    hint = content.split('id="id_phone_helptext"', 1)[1].split("</p>", 1)[0]
    assert '<bdi dir="ltr">+39 …</bdi>' in hint
    assert "%" not in hint and "٪" not in hint
    english = client.get("/en/register/florence/").content.decode()
    assert 'e.g. <bdi dir="ltr">+39 …</bdi>' in english
