"""Persisted queries: registration by command, GET by id, Apollo APQ, persisted-only mode."""

from __future__ import annotations

import json
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from graphql_api.models import PersistedQuery
from graphql_api.persisted import document_hash

pytestmark = pytest.mark.django_db

CITY = "query City($slug: String!) { city(slug: $slug) { slug title } }\n"
LOCALES = "query Locales { locales { code } }"


@pytest.fixture
def registered(tmp_path) -> str:
    (tmp_path / "City.graphql").write_text(CITY, encoding="utf-8")
    call_command("register_queries", str(tmp_path / "City.graphql"), stdout=StringIO())
    return document_hash(CITY)


def get(client, params: dict, **headers):
    return client.get(f"/graphql/?{urlencode(params)}", **headers)


def apq(sha256: str) -> str:
    return json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha256}})


def code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


# --- registration --------------------------------------------------------------------------


def test_command_registers_graphql_files_by_sha256(tmp_path):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "City.graphql").write_text(CITY, encoding="utf-8")
    (folder / "Locales.gql").write_text(LOCALES, encoding="utf-8")
    out = StringIO()
    call_command("register_queries", str(folder), "--client", "partner-site", stdout=out)
    rows = {row.sha256: row for row in PersistedQuery.objects.all()}
    assert rows[document_hash(CITY)].document == CITY
    assert rows[document_hash(CITY)].name == "City"
    assert rows[document_hash(LOCALES)].client == "partner-site"
    assert "2 registered, 0 already registered." in out.getvalue()
    again = StringIO()
    call_command("register_queries", str(folder), stdout=again)
    assert "0 registered, 2 already registered." in again.getvalue()
    assert PersistedQuery.objects.count() == 2


def test_command_reads_apollo_and_map_manifests(tmp_path):
    apollo = {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{"id": document_hash(CITY), "name": "City", "type": "query", "body": CITY}],
    }
    (tmp_path / "apollo.json").write_text(json.dumps(apollo), encoding="utf-8")
    (tmp_path / "relay.json").write_text(
        json.dumps({document_hash(LOCALES): LOCALES}), encoding="utf-8"
    )
    call_command(
        "register_queries",
        str(tmp_path / "apollo.json"),
        str(tmp_path / "relay.json"),
        stdout=StringIO(),
    )
    assert set(PersistedQuery.objects.values_list("name", flat=True)) == {"City", "Locales"}


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"0" * 64: LOCALES}),
        json.dumps({document_hash("{ nope"): "{ nope"}),
        "not json",
    ],
    ids=["wrong-hash", "does-not-parse", "not-json"],
)
def test_command_refuses_bad_manifests_and_registers_nothing(tmp_path, content):
    (tmp_path / "m.json").write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("register_queries", str(tmp_path / "m.json"), stdout=StringIO())
    assert PersistedQuery.objects.count() == 0


# --- running them --------------------------------------------------------------------------


def test_get_by_id_runs_the_registered_document(client, registered):
    response = get(client, {"id": registered, "variables": json.dumps({"slug": "florence"})})
    assert response.status_code == 200
    assert response.json()["data"]["city"]["slug"] == "florence"
    prefixed = get(
        client, {"documentId": f"sha256:{registered}", "variables": '{"slug": "florence"}'}
    )
    assert prefixed.json() == response.json()


def test_apollo_apq_hash_only_over_get_and_post(client, registered):
    over_get = get(client, {"extensions": apq(registered), "variables": '{"slug": "florence"}'})
    assert over_get.json()["data"]["city"]["slug"] == "florence"
    over_post = client.post(
        "/graphql/",
        {"extensions": json.loads(apq(registered)), "variables": {"slug": "florence"}},
        content_type="application/json",
    )
    assert over_post.json() == over_get.json()


def test_unknown_hash_is_persisted_query_not_found(client):
    response = get(client, {"extensions": apq("a" * 64)})
    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert code(response) == "PERSISTED_QUERY_NOT_FOUND"
    strict = get(client, {"id": "a" * 64}, HTTP_ACCEPT="application/graphql-response+json")
    assert strict.status_code == 400


def test_apq_registration_flow_when_ad_hoc_queries_are_allowed(client):
    sha256 = document_hash(LOCALES)
    first = get(client, {"extensions": apq(sha256)})
    assert code(first) == "PERSISTED_QUERY_NOT_FOUND"
    second = get(client, {"extensions": apq(sha256), "query": LOCALES})
    assert second.json()["data"]["locales"][0]["code"] == "fa"
    third = get(client, {"extensions": apq(sha256)})
    assert third.json() == second.json()
    assert PersistedQuery.objects.count() == 0  # APQ never writes trusted documents


def test_a_hash_that_does_not_match_the_query_is_refused(client):
    response = get(client, {"extensions": apq("b" * 64), "query": LOCALES})
    assert code(response) == "PERSISTED_QUERY_HASH_MISMATCH"


@pytest.mark.parametrize(
    "extensions",
    [
        {"persistedQuery": {"version": 2, "sha256Hash": "a" * 64}},
        {"persistedQuery": {"version": 1, "sha256Hash": "xyz"}},
        {"persistedQuery": "a" * 64},
    ],
)
def test_malformed_persisted_query_extensions_are_refused(client, extensions):
    response = client.post("/graphql/", {"extensions": extensions}, content_type="application/json")
    assert code(response) == "PERSISTED_QUERY_INVALID"
    assert "data" not in response.json()


# --- persisted-only mode ---------------------------------------------------------------------


@pytest.fixture
def persisted_only(settings):
    settings.GRAPHQL_PERSISTED_ONLY = True


def test_persisted_only_refuses_anonymous_ad_hoc_queries(client, persisted_only, registered):
    response = client.post(
        "/graphql/",
        {"query": LOCALES},
        content_type="application/json",
        HTTP_ACCEPT="application/graphql-response+json",
    )
    assert response.status_code == 400
    assert code(response) == "PERSISTED_QUERY_REQUIRED"
    assert "data" not in response.json()
    # APQ cannot be used to register one either.
    sha256 = document_hash(LOCALES)
    assert code(get(client, {"extensions": apq(sha256), "query": LOCALES})) == (
        "PERSISTED_QUERY_REQUIRED"
    )
    assert code(get(client, {"extensions": apq(sha256)})) == "PERSISTED_QUERY_NOT_FOUND"
    # Registered documents still work, by id and by APQ hash.
    ok = get(client, {"id": registered, "variables": '{"slug": "florence"}'})
    assert ok.json()["data"]["city"]["slug"] == "florence"
    with_query = get(
        client, {"extensions": apq(registered), "query": CITY, "variables": '{"slug": "rome"}'}
    )
    assert "errors" not in with_query.json()


def test_persisted_only_lets_staff_send_ad_hoc_queries(client, persisted_only):
    staff = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    response = client.post("/graphql/", {"query": LOCALES}, content_type="application/json")
    assert response.json()["data"]["locales"][0]["code"] == "fa"


def test_persisted_only_refuses_signed_in_non_staff(client, persisted_only):
    citizen = get_user_model().objects.create_user("citizen", password="x")
    client.force_login(citizen)
    response = client.post("/graphql/", {"query": LOCALES}, content_type="application/json")
    assert code(response) == "PERSISTED_QUERY_REQUIRED"


def test_persisted_mutations_still_need_post(client, tmp_path):
    (tmp_path / "m.graphql").write_text("mutation M { __typename }", encoding="utf-8")
    call_command("register_queries", str(tmp_path / "m.graphql"), stdout=StringIO())
    response = get(client, {"id": document_hash("mutation M { __typename }")})
    assert response.status_code == 405


def test_production_settings_default_to_persisted_only(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    import cms.settings.production as production

    assert importlib.reload(production).GRAPHQL_PERSISTED_ONLY is True
    monkeypatch.setenv("GRAPHQL_PERSISTED_ONLY", "false")
    assert importlib.reload(production).GRAPHQL_PERSISTED_ONLY is False


def test_the_readme_worked_example_works(client, tmp_path):
    """README's partner-site example: the query file, its hash, and the GET that uses it."""
    import re
    import textwrap
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```graphql\n(.*?)```", readme, re.S).group(1)
    query = textwrap.dedent(block)
    sha256 = re.search(r"--data-urlencode 'id=([0-9a-f]{64})'", readme).group(1)
    variables = re.search(r"--data-urlencode 'variables=(\{.*?\})'", readme).group(1)
    (tmp_path / "City.graphql").write_text(query, encoding="utf-8")
    out = StringIO()
    call_command("register_queries", str(tmp_path), "--client", "partner", stdout=out)
    assert f"{sha256}  City" in out.getvalue()
    response = get(
        client,
        {"id": sha256, "variables": variables},
        HTTP_ACCEPT="application/graphql-response+json",
    )
    assert response.status_code == 200
    city = response.json()["data"]["city"]
    assert city["url"].endswith("/en/cities/barcelona/")
    assert city["sessions"] is not None
