"""Lists that can grow are paged (default and maximum 100), and list loading reads only the
columns the operation selects."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import ActionPlanPage, SisterCityPage
from graphql_api.errors import PublicError
from graphql_api.pagination import MAX_PAGE_SIZE, first_after
from tests.registrations import factories as registrations

pytestmark = pytest.mark.django_db


def slugs(result: dict, field: str = "cities") -> list[str]:
    assert "errors" not in result, result.get("errors")
    return [item["slug"] for item in result["data"][field]]


def test_no_arguments_still_gives_every_city_of_the_programme(gql):
    everything = slugs(gql('{ cities(locale: "en") { slug } }'))
    live = SisterCityPage.objects.live().filter(locale__language_code="fa").count()
    assert len(everything) == live == 13


def test_cities_first_and_after_walk_the_list_without_gaps(gql):
    everything = slugs(gql('{ cities(locale: "en") { slug } }'))
    query = 'query($after: String) { cities(locale: "en", first: 5, after: $after) { slug } }'
    walked, after = [], None
    while True:
        page = slugs(gql(query, {"after": after}))
        walked += page
        if len(page) < 5:
            break
        after = page[-1]
    assert walked == everything


def test_unknown_after_is_an_invalid_argument(gql):
    result = gql('{ cities(first: 2, after: "atlantis") { slug } }')
    assert result["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"


def test_page_size_is_capped_at_100():
    items = [SimpleNamespace(slug=f"c{i}") for i in range(250)]
    assert len(first_after(items, 1000, None)) == MAX_PAGE_SIZE == 100
    assert len(first_after(items, None, None)) == 100
    assert first_after(items, 2, "c10") == items[11:13]
    assert first_after(items, -5, None) == []
    with pytest.raises(PublicError):
        first_after(items, 2, "nope")


def test_action_plans_page_by_translation_key(gql):
    plans = gql('{ actionPlans(locale: "en") { slug translationKey } }')["data"]["actionPlans"]
    assert len(plans) == ActionPlanPage.objects.live().filter(locale__language_code="fa").count()
    first = gql('{ actionPlans(locale: "en", first: 1) { translationKey } }')
    assert first["data"]["actionPlans"] == [{"translationKey": plans[0]["translationKey"]}]
    rest = gql(
        'query($after: String) { actionPlans(locale: "en", after: $after) { translationKey } }',
        {"after": plans[0]["translationKey"]},
    )["data"]["actionPlans"]
    assert [p["translationKey"] for p in rest] == [p["translationKey"] for p in plans[1:]]


def test_sessions_default_page_is_100(gql):
    city = registrations.city()
    for _ in range(22):
        registrations.make_session(city)
    result = gql('{ sessions(city: "florence") { slug } }')
    assert len(slugs(result, "sessions")) >= 22
    capped = gql('{ sessions(city: "florence", limit: 5000) { slug } }')
    assert len(slugs(capped, "sessions")) <= 100


def _selects_column(queries, table: str, column: str) -> bool:
    needle = f'"{table}"."{column}"'
    return any(
        needle in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT") for q in queries
    )


def test_list_reads_stream_fields_only_when_selected(client):
    def run(query: str):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", {"query": query}, content_type="application/json")
        assert "errors" not in response.json()
        return queries.captured_queries

    lean = run('{ cities(locale: "en") { slug title sessions { slug seatsLeft } } }')
    assert not _selects_column(lean, "cities_sistercitypage", "body")
    assert not _selects_column(lean, "cities_sessionpage", "agenda")
    full = run('{ cities(locale: "en") { slug body { blockType } sessions { agenda { id } } } }')
    assert _selects_column(full, "cities_sistercitypage", "body")
    assert _selects_column(full, "cities_sessionpage", "agenda")
    # A city's ``summary`` is text; a session's is a StreamField, read only when selected on it.
    city_only = run('{ cities(locale: "en") { summary sessions { slug } } }')
    assert not _selects_column(city_only, "cities_sessionpage", "summary")
    both = run(
        '{ cities(locale: "en") { summary sessions { ...S } } }'
        " fragment S on Session { summary { id } }"
    )
    assert _selects_column(both, "cities_sessionpage", "summary")


def test_shared_values_of_translations_are_read_narrowly(client):
    with CaptureQueriesContext(connection) as queries:
        result = client.post(
            "/graphql/",
            {"query": '{ sessions(locale: "en") { slug capacity startsAt } }'},
            content_type="application/json",
        ).json()
    assert result["data"]["sessions"]
    assert not _selects_column(queries.captured_queries, "cities_sessionpage", "body")
    assert not _selects_column(queries.captured_queries, "cities_sessionpage", "summary")


def test_search_and_page_read_stream_fields_only_when_selected(client):
    def run(query: str):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", {"query": query}, content_type="application/json")
        result = response.json()
        assert "errors" not in result, result
        return result["data"], queries.captured_queries

    data, lean = run('{ search(query: "Florence", locale: "en") { __typename title url } }')
    assert any(hit["__typename"] == "SisterCity" for hit in data["search"])
    assert not _selects_column(lean, "cities_sistercitypage", "body")
    data, full = run(
        '{ search(query: "Florence", locale: "en") { ... on SisterCity { body { blockType } } } }'
    )
    assert any("body" in hit for hit in data["search"])
    assert _selects_column(full, "cities_sistercitypage", "body")
    data, lean = run('{ page(path: "/en/cities/florence/") { title } }')
    assert data["page"]["title"]
    assert not _selects_column(lean, "cities_sistercitypage", "body")
    data, full = run('{ page(path: "/en/cities/florence/") { ... on SisterCity { body { id } } } }')
    assert "body" in data["page"]
    assert _selects_column(full, "cities_sistercitypage", "body")
