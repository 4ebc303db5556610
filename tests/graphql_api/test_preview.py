"""Signed preview links: the admin offers one, the API returns the draft, forgeries fail."""

from __future__ import annotations

import html
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from cities.models import SisterCityPage
from graphql_api.preview import SALT, make_token, preview_url

pytestmark = pytest.mark.django_db

QUERY = """query($t: String!) {
  preview(token: $t) { __typename title locale ... on SisterCity { summary } }
}"""


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


@pytest.fixture
def florence_draft():
    page = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    page.summary = "پیش‌نویس تازه"
    page.save_revision()  # a draft, not published
    return page


def test_preview_returns_the_unpublished_draft(gql, florence_draft):
    result = gql(QUERY, {"t": make_token(florence_draft)})
    assert result["data"]["preview"] == {
        "__typename": "SisterCity",
        "title": florence_draft.title,
        "locale": "fa",
        "summary": "پیش‌نویس تازه",
    }
    public = gql('{ city(slug: "florence") { summary } }')["data"]["city"]["summary"]
    assert public != "پیش‌نویس تازه"


def test_forged_token_is_refused(gql, florence_draft):
    token = make_token(florence_draft)
    forged = signing.TimestampSigner(salt=SALT, key="not-our-secret-key-at-all").sign_object(
        {"page": florence_draft.pk, "revision": florence_draft.latest_revision_id}
    )
    assert codes(gql(QUERY, {"t": forged})) == ["INVALID_PREVIEW_TOKEN"]
    assert codes(gql(QUERY, {"t": token[:-2] + "xx"})) == ["INVALID_PREVIEW_TOKEN"]
    assert codes(gql(QUERY, {"t": "garbage"})) == ["INVALID_PREVIEW_TOKEN"]


def test_expired_token_is_refused(gql, florence_draft):
    token = make_token(florence_draft)
    with override_settings(PREVIEW_TOKEN_MAX_AGE=1):
        time.sleep(2.1)
        result = gql(QUERY, {"t": token})
    assert codes(result) == ["EXPIRED_PREVIEW_TOKEN"]
    assert result["data"] is None


@override_settings(PREVIEW_FRONTEND_URL="https://front.example/preview")
def test_admin_offers_the_signed_link(client, gql, florence_draft):
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[florence_draft.pk]))
    link_url = reverse("headless_preview", args=[florence_draft.pk])
    assert link_url in edit.content.decode()
    page = client.get(link_url)
    assert page.status_code == 200
    token = page.context["token"]
    assert html.escape(preview_url(token)).startswith("https://front.example/preview?token=")
    assert html.escape(preview_url(token)) in page.content.decode()
    assert gql(QUERY, {"t": token})["data"]["preview"]["summary"] == "پیش‌نویس تازه"


def test_admin_link_needs_edit_permission(client, florence_draft):
    nobody = get_user_model().objects.create_user("nobody", "n@example.com", "pw")
    client.force_login(nobody)
    response = client.get(reverse("headless_preview", args=[florence_draft.pk]))
    assert response.status_code in (302, 403)
