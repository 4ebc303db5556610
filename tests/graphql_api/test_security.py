"""Abuse limits: each test sends the malicious request the limit is there to stop."""

from __future__ import annotations

import importlib
import json
from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from graphql_api.context import ApiContext
from graphql_api.schema import build_schema
from graphql_api.security import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS

from .factories import make_city, session_at

pytestmark = pytest.mark.django_db


def messages(result: dict) -> str:
    return " ".join(e["message"] for e in result.get("errors", []))


def nested_query(depth: int) -> str:
    """sessions → city → sessions → city … to the given selection depth."""
    inner = "title"
    for level in range(depth - 1):
        inner = f"city {{ sessions {{ {inner} }} }}" if level % 2 == 0 else inner
    query = "title"
    for level in range(depth - 1):
        query = f"{'city' if level % 2 else 'sessions'} {{ {query} }}"
    return f"{{ cities {{ {query} }} }}"


def test_depth_limit(gql):
    too_deep = nested_query(MAX_DEPTH + 2)
    result = gql(too_deep)
    assert result.get("data") is None
    assert "exceeds maximum operation depth" in messages(result)
    assert "errors" not in gql(nested_query(4))


def test_alias_limit(gql):
    aliases = " ".join(f"a{i}: locales {{ code }}" for i in range(MAX_ALIASES + 1))
    result = gql(f"{{ {aliases} }}")
    assert "aliases" in messages(result)
    assert result.get("data") is None
    ok = " ".join(f"a{i}: locales {{ code }}" for i in range(MAX_ALIASES))
    assert "errors" not in gql(f"{{ {ok} }}")


def test_token_limit(gql):
    fields = " ".join(["code"] * (MAX_TOKENS // 1 + 1))
    result = gql(f"{{ locales {{ {fields} }} }}")
    assert "token" in messages(result).lower()
    assert result.get("data") is None


def test_batching_is_off(client):
    batch = [{"query": "{ locales { code } }"}] * 50
    response = client.post("/graphql/", batch, content_type="application/json")
    assert response.status_code == 400
    assert b"locales" not in response.content


def test_limit_is_capped_at_100(gql, on_commit):
    city = make_city("test-many-sessions", sessions=0, with_plan=False, title_en=None)
    for n in range(105):
        session = session_at(city, timezone.now() - timedelta(days=n + 1))
        session.slug = f"past-{n}"
        session.save_revision().publish()
    result = gql('{ sessions(city: "test-many-sessions", limit: 1000) { slug } }')
    assert len(result["data"]["sessions"]) == 100


def test_mutation_over_get_and_form_posts_are_refused():
    client = Client(enforce_csrf_checks=True)
    form = client.post("/graphql/", {"query": "mutation { __typename }"})
    assert form.status_code == 415
    text = client.post("/graphql/", "query=mutation{__typename}", content_type="text/plain")
    assert text.status_code == 415
    get = client.get("/graphql/", {"query": "mutation { __typename }"})
    assert get.status_code in (400, 405)
    # JSON from a partner app works without a CSRF cookie.
    ok = client.post(
        "/graphql/", {"query": "{ locales { code } }"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["data"]["locales"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"])
def test_cors_allows_only_configured_origins(client):
    preflight = {
        "HTTP_ORIGIN": "https://partner.example",
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "content-type",
    }
    allowed = client.options("/graphql/", **preflight)
    assert allowed["access-control-allow-origin"] == "https://partner.example"
    evil = client.options("/graphql/", **{**preflight, "HTTP_ORIGIN": "https://evil.example"})
    assert "access-control-allow-origin" not in evil


def test_cors_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    import cms.settings.base as base

    reloaded = importlib.reload(base)
    try:
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://a.example", "https://b.example"]
    finally:
        monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


def test_production_settings_turn_off_introspection_and_graphiql(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    import cms.settings.production as production

    production = importlib.reload(production)
    assert production.GRAPHQL_INTROSPECTION is False
    assert production.GRAPHIQL_ENABLED is False
    assert production.DEBUG is False


def test_introspection_is_refused_when_off():
    with override_settings(GRAPHQL_INTROSPECTION=False, DEBUG=False):
        schema = build_schema()
    request = RequestFactory().post("/graphql/")
    context = ApiContext(request=request, response=HttpResponse())
    result = schema.execute_sync("{ __schema { types { name } } }", context_value=context)
    assert result.data is None
    assert "introspection" in str(result.errors[0]).lower()
    assert schema.execute_sync("{ locales { code } }", context_value=context).errors is None


def test_unexpected_errors_are_masked_but_coded_errors_are_not(monkeypatch, gql):
    from graphql_api import locales

    def broken(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(locales, "locale_info", broken)
    masked = gql("{ locales { code } }")
    assert masked["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in json.dumps(masked)
    coded = gql('{ cities(locale: "zz") { slug } }')
    assert coded["errors"][0]["extensions"]["code"] == "INVALID_LOCALE"


def test_graphiql_is_off_outside_development(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()
