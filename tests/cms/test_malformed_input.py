"""NUL bytes in slugs and REST v2 parameters: 404/400, never 500 (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

REST_PARAMETERS = [
    "/api/v2/pages/?slug=flo%00rence",
    "/api/v2/pages/?locale=e%00n",
    "/api/v2/pages/?type=cities.Sister%00CityPage",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?fields=title%00",
    "/api/v2/pages/?translation_of=1%00",
    "/api/v2/images/?title=%00",
]


@pytest.mark.parametrize("url", REST_PARAMETERS)
def test_nul_in_rest_parameters_is_a_json_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


def test_nul_in_a_rest_path_is_a_404(client):
    assert client.get("/api/v2/pages/1%00/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/cities/flo%00rence/", "/en/cities/%00/", "/register/flo%00rence/", "/%00"]
)
def test_nul_in_a_site_slug_is_a_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"<html" in response.content


def test_nul_in_a_site_query_string_is_a_400(client):
    assert client.get("/cities/?q=%00").status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/api/v2/pages/?slug=florence").status_code == 200
    assert client.get("/cities/florence/").status_code == 200
