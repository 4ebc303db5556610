"""GraphQL over HTTP: media types, status codes, and malformed requests answered 4xx, never 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

GQL = "application/graphql-response+json"


@pytest.fixture
def client():
    # Errors the view does not handle must surface as 500, not as a test exception.
    return Client(raise_request_exception=False)


def post(client, body, accept: str | None = None, content_type="application/json"):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    # The test client leaves out Content-Type when the body is empty; a real client sends it.
    return client.post(
        "/graphql/", data, content_type=content_type, CONTENT_TYPE=content_type, **headers
    )


def error_code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GQL, GQL),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (None, "application/json"),
        (f"{GQL}, application/json;q=0.9", GQL),
        (f"application/json, {GQL};q=0.5", "application/json"),
    ],
)
def test_the_response_type_follows_accept(client, accept, media_type):
    response = post(client, {"query": "{ locales { code } }"}, accept)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.json()["data"]["locales"][0]["code"] == "fa"
    assert "Accept" in response["Vary"]


REQUEST_ERRORS = {
    "parse": {"query": "{"},
    "validation": {"query": "{ noSuchField }"},
    "variable-coercion": {"query": "query Q($id: ID!) { __typename }"},
    "unknown-operation": {"query": "query A { __typename }", "operationName": "B"},
    "two-operations-unnamed": {"query": "query A { __typename } query B { __typename }"},
}


@pytest.mark.parametrize("body", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
def test_request_errors_are_400_without_data_for_graphql_response_json(client, body):
    response = post(client, body, GQL)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(GQL)
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"]


@pytest.mark.parametrize("body", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
def test_request_errors_stay_200_for_application_json(client, body):
    response = post(client, body, "application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"]


def test_field_errors_keep_200_and_data_for_both_types(client):
    for accept in (GQL, "application/json"):
        response = post(
            client, {"query": '{ locales { code } cities(locale: "zz") { slug } }'}, accept
        )
        assert response.status_code == 200
        body = response.json()
        assert body["data"] is None or "locales" in (body["data"] or {})
        assert body["errors"][0]["extensions"]["code"] == "INVALID_LOCALE"
        assert body["errors"][0]["path"] == ["cities"]


MALFORMED_BODIES = {
    "json-string": b'"{ locales { code } }"',
    "json-null": b"null",
    "json-number": b"42",
    "batch": b'[{"query": "{ locales { code } }"}]',
    "not-json": b'{ "not a JSON',
    "empty": b"",
    "invalid-utf8": b'{"query": "{ locales { code } }\xff\xfe"}',
    "utf16": json.dumps({"query": "{ locales { code } }"}).encode("utf-16"),
    "utf16-le-no-bom": json.dumps({"query": "{ locales { code } }"}).encode("utf-16-le"),
    "nested-3000": b'{"query": "{ locales { code } }", "variables": {"a": '
    + b"[" * 3000
    + b"]" * 3000
    + b"}}",
    "nested-3000-top": b"[" * 3000 + b"]" * 3000,
    "nested-200-objects": b'{"query": "{ __typename }", "extensions": '
    + b'{"a":' * 200
    + b"1"
    + b"}" * 200
    + b"}",
    "nul-in-query": b'{"query": "{ locales { code } }\\u0000"}',
    "nul-in-variables": b'{"query": "query($r: String) { cities(region: $r) { slug } }", '
    b'"variables": {"r": "eu\\u0000rope"}}',
    "lone-surrogate": b'{"query": "query($r: String) { cities(region: $r) { slug } }", '
    b'"variables": {"r": "\\ud800"}}',
    "query-not-string": b'{"query": {"obj": "ect"}}',
    "query-array": b'{"query": ["{ __typename }"]}',
    "variables-string": b'{"query": "{ __typename }", "variables": "{}"}',
    "variables-array": b'{"query": "{ __typename }", "variables": []}',
    "extensions-number": b'{"query": "{ __typename }", "extensions": 0}',
    "operation-name-false": b'{"query": "{ __typename }", "operationName": false}',
    "no-query": b'{"notquery": "{ __typename }"}',
}


@pytest.mark.parametrize("accept", [GQL, "application/json"])
@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_bodies_answer_400_with_a_json_error(client, body, accept):
    response = post(client, body, accept)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == f"{accept}; charset=utf-8"
    assert error_code(response) == "BAD_REQUEST"
    assert response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/graphql",
        "multipart/form-data; boundary=x",
    ],
)
def test_other_content_types_are_415(client, content_type):
    response = client.post("/graphql/", '{"query": "{ __typename }"}', content_type=content_type)
    assert response.status_code == 415
    assert error_code(response) == "UNSUPPORTED_MEDIA_TYPE"


def test_a_charset_other_than_utf8_is_415(client):
    response = post(
        client, {"query": "{ __typename }"}, content_type="application/json; charset=utf-16"
    )
    assert response.status_code == 415


def test_a_post_without_content_type_is_4xx(client):
    response = client.generic("POST", "/graphql/", b'{"query": "{ __typename }"}', content_type="")
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_405_with_allow(client, method):
    response = getattr(client, method)(
        "/graphql/", '{"query": "{ __typename }"}', content_type="application/json"
    )
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert error_code(response) == "METHOD_NOT_ALLOWED"


def test_queries_over_get_with_variables(client):
    response = client.get(
        "/graphql/",
        {
            "query": "query($slug: String!) { city(slug: $slug) { slug } }",
            "variables": '{"slug": "florence"}',
        },
        HTTP_ACCEPT=GQL,
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"city": {"slug": "florence"}}}


def test_mutations_over_get_are_405(client):
    response = client.get("/graphql/", {"query": "mutation { __typename }"}, HTTP_ACCEPT=GQL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize(
    "params",
    [
        {"query": "{ __typename }", "variables": "not json"},
        {"query": "{ __typename }", "variables": "[" * 3000 + "]" * 3000},
        {"query": "{ __typename }", "extensions": '"string"'},
        {"query": "{ locales { code } }\x00"},
        {"query": "{ __typename }", "variables": '{"a": "\\ud800"}'},
        {},
    ],
    ids=[
        "variables-not-json",
        "variables-nested",
        "extensions-string",
        "nul",
        "surrogate",
        "nothing",
    ],
)
def test_malformed_get_requests_are_400(client, params):
    response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


def test_nul_in_a_graphql_string_literal_never_reaches_the_database(client):
    response = post(client, {"query": '{ cities(region: "eu\\u0000rope") { slug } }'}, GQL)
    assert response.status_code == 400
    assert "data" not in response.json()


def test_too_many_query_string_fields_is_a_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    params = "&".join(f"f{i}=1" for i in range(20))
    response = client.get(f"/graphql/?query=%7B__typename%7D&{params}")
    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


def test_a_body_over_the_size_limit_is_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, {"query": "{ __typename }", "variables": {"pad": "x" * 2000}})
    assert response.status_code == 413
    assert error_code(response) == "PAYLOAD_TOO_LARGE"


def test_graphiql_is_served_to_browsers_when_enabled(rf):
    from graphql_api.schema import schema
    from graphql_api.views import ApiView

    view = ApiView.as_view(schema=schema, graphql_ide="graphiql")
    page = view(rf.get("/graphql/", HTTP_ACCEPT="text/html,application/xhtml+xml"))
    assert page.status_code == 200 and b"graphiql" in page.content.lower()
    query = view(rf.get("/graphql/", {"query": "{ __typename }"}, HTTP_ACCEPT="text/html"))
    assert query["Content-Type"].startswith("application/json")
