"""REST API v2 lists cost the same number of queries whatever the page size, and give public
URLs on ``SITE_BASE_URL``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import ActionPlanPage, SessionPage, SisterCityPage

from .factories import make_city

pytestmark = pytest.mark.django_db


def count_queries(client, params: dict) -> tuple[int, dict]:
    client.get("/api/v2/pages/", params)  # warm per-process caches (content types, sites)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("model", [SisterCityPage, SessionPage, ActionPlanPage])
def test_list_queries_do_not_grow_with_page_size(client, model, on_commit):
    for n in range(4):
        make_city(f"test-rest-{n}", sessions=2)
    label = f"{model._meta.app_label}.{model.__name__}"
    params = {"type": label, "fields": "*", "locale": "en"}
    small, small_data = count_queries(client, {**params, "limit": 2})
    large, large_data = count_queries(client, {**params, "limit": 5})
    assert len(small_data["items"]) == 2
    assert len(large_data["items"]) == 5
    assert large == small


def test_session_list_has_derived_values(client, on_commit):
    make_city("test-rest-derived", sessions=1)
    data = client.get(
        "/api/v2/pages/",
        {"type": "cities.SessionPage", "fields": "seats_left,registration_state,capacity"},
    ).json()
    for item in data["items"]:
        assert item["seats_left"] <= item["capacity"]
        assert item["registration_state"] in {"not_yet_open", "open", "closed", "full"}


def test_html_url_uses_the_public_base_url(client, settings):
    settings.SITE_BASE_URL = "https://diplomat.isfahan.example"
    data = client.get(
        "/api/v2/pages/", {"type": "cities.SisterCityPage", "locale": "en", "slug": "florence"}
    ).json()
    assert data["items"][0]["meta"]["html_url"] == (
        "https://diplomat.isfahan.example/en/cities/florence/"
    )


def test_graphql_urls_use_the_public_base_url(client, settings, gql):
    settings.SITE_BASE_URL = "https://diplomat.isfahan.example/"
    city = gql('{ city(slug: "florence", locale: "en") { url translations { locale url } } }')
    city = city["data"]["city"]
    assert city["url"] == "https://diplomat.isfahan.example/en/cities/florence/"
    assert {t["url"] for t in city["translations"]} == {
        "https://diplomat.isfahan.example/cities/florence/",
        "https://diplomat.isfahan.example/en/cities/florence/",
    }


def test_action_plan_items_read_the_same_as_wagtails_stream_api(client):
    from rest_framework.renderers import JSONRenderer

    data = client.get("/api/v2/pages/", {"type": "cities.ActionPlanPage", "fields": "items"})
    items = {item["id"]: item["items"] for item in data.json()["items"]}
    assert items
    for plan in ActionPlanPage.objects.filter(pk__in=items):
        stream = plan._meta.get_field("items").stream_block
        expected = JSONRenderer().render(stream.get_api_representation(plan.items))
        assert JSONRenderer().render(items[plan.pk]) == expected
