"""HTTP caching of the GraphQL API: public GET queries are cached, validated and purged; anything
personal or changing is never cached."""

from __future__ import annotations

import pytest

from cities.models import Region, SessionPage, SisterCityPage
from tests.registrations import factories as registrations

pytestmark = pytest.mark.django_db

CITY = """query City($slug: String!, $locale: String) {
  city(slug: $slug, locale: $locale) { id title url }
}"""
SESSION = """query Session($slug: String!) {
  session(slug: $slug) { slug seatsLeft registrationState }
}"""


def get(client, query: str, variables: str = "{}", **headers):
    return client.get("/graphql/", {"query": query, "variables": variables}, **headers)


def florence(client, **headers):
    return get(client, CITY, '{"slug": "florence", "locale": "en"}', **headers)


def test_public_get_query_is_cacheable_with_etag_vary_and_tags(client):
    response = florence(client)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("public, ")
    assert "max-age=" in cache_control and "stale-while-revalidate=" in cache_control
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "Accept-Language" in response["Vary"]
    city = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    tags = response["Surrogate-Key"].split()
    assert f"page:{city.pk}" in tags
    assert "type:cities.sistercitypage" in tags
    assert response["xkey"] == response["Surrogate-Key"]


def test_matching_if_none_match_answers_304_without_body(client):
    first = florence(client)
    again = florence(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = florence(client, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_second_identical_get_is_served_from_the_server_cache(client, django_assert_num_queries):
    first = florence(client)
    assert first["X-Response-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = florence(client)
    assert second["X-Response-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_key_includes_variables_and_language(client):
    florence(client)
    other_city = get(client, CITY, '{"slug": "kuala-lumpur", "locale": "en"}')
    assert other_city["X-Response-Cache"] == "miss"
    fa = get(client, CITY, '{"slug": "florence"}', HTTP_ACCEPT_LANGUAGE="fa")
    en = get(client, CITY, '{"slug": "florence"}', HTTP_ACCEPT_LANGUAGE="en")
    assert en["X-Response-Cache"] == "miss"
    assert fa.json() != en.json()


def test_publishing_the_page_purges_what_used_it(client, django_capture_on_commit_callbacks):
    before = florence(client).json()["data"]["city"]
    assert florence(client)["X-Response-Cache"] == "hit"
    page = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    page.title = "Florence, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = florence(client)
    assert response["X-Response-Cache"] == "miss"
    assert response.json()["data"]["city"]["title"] == "Florence, renamed" != before["title"]


def test_unpublishing_a_city_purges_the_city_list(client, django_capture_on_commit_callbacks):
    query = '{ cities(locale: "en") { slug } }'
    slugs = [c["slug"] for c in get(client, query).json()["data"]["cities"]]
    assert "florence" in slugs
    page = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    response = get(client, query)
    assert response["X-Response-Cache"] == "miss"
    # The Persian page is the fallback now.
    assert "florence" in [c["slug"] for c in response.json()["data"]["cities"]]


def test_editing_a_snippet_purges_answers_that_show_it(client, django_capture_on_commit_callbacks):
    query = '{ regions(locale: "en") { slug name } }'
    assert get(client, query)["X-Response-Cache"] == "miss"
    assert get(client, query)["X-Response-Cache"] == "hit"
    region = Region.objects.filter(locale__language_code="en").first()
    region.name = "Renamed region"
    with django_capture_on_commit_callbacks(execute=True):
        region.save()
    response = get(client, query)
    assert response["X-Response-Cache"] == "miss"
    assert "Renamed region" in [r["name"] for r in response.json()["data"]["regions"]]


def test_a_seat_change_purges_seats_left(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = registrations.make_session(capacity=3)
    variables = f'{{"slug": "{session.slug}"}}'
    first = get(client, SESSION, variables)
    assert f"seats:{session.pk}" in first["Surrogate-Key"].split()
    assert first.json()["data"]["session"]["seatsLeft"] == 3
    assert get(client, SESSION, variables)["X-Response-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        registrations.confirmed(session)
    after = get(client, SESSION, variables)
    assert after["X-Response-Cache"] == "miss"
    assert after.json()["data"]["session"]["seatsLeft"] == 2


def test_post_is_private_and_never_stored(client):
    response = client.post(
        "/graphql/", {"query": "{ locales { code } }"}, content_type="application/json"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response and "Surrogate-Key" not in response


@pytest.mark.parametrize(
    "query",
    [
        '{ applicationStatus(reference: "CD-X", token: "t") { status } }',
        '{ preview(token: "nope") { title } }',
        '{ cities { slug } applicationStatus(reference: "CD-X", token: "t") { status } }',
        "query { ...Personal } fragment Personal on Query "
        '{ applicationStatus(reference: "CD-X", token: "t") { status } }',
    ],
)
def test_personal_or_preview_get_is_private(client, query):
    response = get(client, query)
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    assert "X-Response-Cache" not in response
    assert "X-Response-Cache" not in get(client, query)


def test_get_with_errors_is_not_cached(client):
    response = get(client, '{ cities(locale: "xx") { slug } }')
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_LOCALE"
    assert response["Cache-Control"] == "private, no-store"


def test_signed_in_users_get_private_answers(client, admin_user):
    client.force_login(admin_user)
    response = florence(client)
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Response-Cache" not in response


def test_site_pages_are_public_with_etag_and_304(client):
    response = client.get("/en/cities/florence/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, ")
    page = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    assert {"html", f"page:{page.pk}"} <= set(response["Surrogate-Key"].split())
    again = client.get("/en/cities/florence/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_session_page_html_is_tagged_so_a_seat_change_reaches_it(client):
    session = SessionPage.objects.live().filter(locale__language_code="fa").first()
    response = client.get(session.url)
    assert response.status_code == 200
    assert f"page:{session.pk}" in response["Surrogate-Key"].split()


def test_citizen_pages_are_private(client):
    response = client.get("/register/status/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Surrogate-Key" not in response


def test_rest_api_lists_are_public_with_etag(client):
    response = client.get("/api/v2/pages/", {"type": "cities.SisterCityPage"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, ")
    assert "rest" in response["Surrogate-Key"].split()
    again = client.get(
        "/api/v2/pages/", {"type": "cities.SisterCityPage"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_stored_answers_keep_cors_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    florence(client, HTTP_ORIGIN="https://partner.example")
    hit = florence(client, HTTP_ORIGIN="https://partner.example")
    assert hit["X-Response-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "https://partner.example"


def test_deleting_a_page_purges_lists_that_showed_it(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = registrations.make_session(capacity=3)
    query = '{ sessions(city: "florence", limit: 100) { slug } }'
    assert session.slug in slugs_of(get(client, query))
    assert get(client, query)["X-Response-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        SessionPage.objects.get(pk=session.pk).delete()
    response = get(client, query)
    assert response["X-Response-Cache"] == "miss"
    assert session.slug not in slugs_of(response)


def slugs_of(response) -> list[str]:
    return [item["slug"] for item in response.json()["data"]["sessions"]]


CITY_SESSIONS = """query CitySessions($slug: String!) {
  city(slug: $slug) { slug sessions { slug seatsLeft } }
}"""


def test_a_first_seat_purges_a_list_that_shows_the_session(
    client, django_capture_on_commit_callbacks
):
    """The stored answer checks the page type, not each page listed (``checked_tags``): a
    seat change, which purges no page type, must reach it through the session's seats tag,
    also for a session where no seat was taken yet."""
    with django_capture_on_commit_callbacks(execute=True):
        session = registrations.make_session(capacity=3)
    city_slug = session.get_parent().slug
    variables = f'{{"slug": "{city_slug}"}}'
    first = get(client, CITY_SESSIONS, variables)
    shown = {s["slug"]: s["seatsLeft"] for s in first.json()["data"]["city"]["sessions"]}
    assert shown[session.slug] == 3
    assert get(client, CITY_SESSIONS, variables)["X-Response-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        registrations.confirmed(session)
    after = get(client, CITY_SESSIONS, variables)
    assert after["X-Response-Cache"] == "miss"
    shown = {s["slug"]: s["seatsLeft"] for s in after.json()["data"]["city"]["sessions"]}
    assert shown[session.slug] == 2


def test_stored_answers_check_page_types_instead_of_every_page():
    from cms.http_cache import checked_tags

    listed = {"type:cities.sistercitypage", "page:1", "page:2", "snippet:cities.region"}
    assert checked_tags(listed) == {"type:cities.sistercitypage", "snippet:cities.region"}
    assert checked_tags({"page:7", "html"}) == {"page:7", "html"}  # no type: every page
