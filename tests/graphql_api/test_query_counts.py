"""The all-cities dossier query costs a fixed number of SQL queries, whatever the city count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import SisterCityPage

from .factories import make_city

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15

DOSSIERS = """query Dossiers($locale: String) { cities(locale: $locale) {
  id title slug url locale isFallback translationKey
  translations { locale url }
  country { code name } region { slug name } topics { slug name }
  heroImage { url alt width height rendition(filter: "fill-400x300") { url } }
  sessions { id title slug url number startsAt startsAtDisplay format registrationState
             capacity seatsLeft status translations { locale url } }
  actionPlans { id title url periodStart progress
                progressByArea { area { slug name } progress }
                items { id title area { slug name } topic { slug name } status progress }
                sessions { slug } }
} }"""


def run(client, locale: str) -> tuple[dict, int]:
    def post():
        return client.post(
            "/graphql/",
            {"query": DOSSIERS, "variables": {"locale": locale}},
            content_type="application/json",
        ).json()

    post()  # renditions are generated on the first request; measure the steady state
    with CaptureQueriesContext(connection) as queries:
        result = post()
    assert "errors" not in result, result.get("errors")
    return result, len(queries)


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_all_cities_query_is_bounded(client, locale, django_assert_max_num_queries, on_commit):
    make_city("test-count-a")  # one city with a hero image, a session and an Action Plan
    client.post("/graphql/", {"query": DOSSIERS}, content_type="application/json")  # renditions
    with django_assert_max_num_queries(MAX_QUERIES):
        result = client.post(
            "/graphql/",
            {"query": DOSSIERS, "variables": {"locale": locale}},
            content_type="application/json",
        ).json()
    assert "errors" not in result, result.get("errors")
    assert (
        len(result["data"]["cities"])
        == SisterCityPage.objects.filter(locale__language_code="fa").live().count()
    )


def test_three_times_as_many_cities_cost_the_same(client, on_commit):
    # One content build, measured in both languages (each build of 26 cities is a minute on
    # PostgreSQL).
    make_city("test-count-0")
    small = {locale: run(client, locale) for locale in ("fa", "en")}
    cities = len(small["fa"][0]["data"]["cities"])
    assert len(small["en"][0]["data"]["cities"]) == cities  # English falls back to Persian
    for n in range(1, 2 * cities + 1):
        make_city(f"test-count-{n}", sessions=2, title_en=None if n % 3 == 0 else "")
    for locale in ("fa", "en"):
        (small_result, small_count), (large, large_count) = small[locale], run(client, locale)
        assert len(large["data"]["cities"]) == 3 * cities, locale
        assert sum(len(c["sessions"]) for c in large["data"]["cities"]) > 3 * sum(
            len(c["sessions"]) for c in small_result["data"]["cities"]
        ), locale
        assert large_count <= MAX_QUERIES, locale
        assert large_count == small_count, locale


SESSIONS = """query Sessions($locale: String) {
  sessions(locale: $locale, limit: 100) {
    id title url startsAtDisplay registrationState seatsLeft translations { locale url }
    city { slug title region { name } }
  }
  actionPlans(locale: $locale) { title progress city { slug } items { area { name } } }
}"""


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_session_and_plan_lists_cost_the_same_for_more_rows(client, locale, on_commit):
    def count() -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as queries:
            result = client.post(
                "/graphql/",
                {"query": SESSIONS, "variables": {"locale": locale}},
                content_type="application/json",
            ).json()
        assert "errors" not in result, result.get("errors")
        return len(queries), result["data"]

    # Start with both kinds of rows (translated and Persian-only), warm the site-root cache.
    for n in range(2):
        make_city(f"test-list-{n}", sessions=3, with_image=False, title_en=None if n else "")
    count()
    small_count, small = count()
    for n in range(2, 8):
        make_city(f"test-list-{n}", sessions=3, with_image=False, title_en=None if n % 2 else "")
    large_count, large = count()
    assert len(large["sessions"]) == len(small["sessions"]) + 18
    assert len(large["actionPlans"]) == len(small["actionPlans"]) + 6
    assert large_count == small_count <= MAX_QUERIES
