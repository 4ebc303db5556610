"""Cost limits: repetition folded before validation, size caps, a budget, cached documents."""

from __future__ import annotations

import pytest
from django.utils import translation
from graphql import parse, print_ast

from graphql_api import cost
from graphql_api.cost import (
    MAX_FIELDS,
    MAX_FRAGMENT_SPREADS,
    MAX_KEY_REPEATS,
    fold_document,
    query_cost,
    size_errors,
)
from graphql_api.schema import schema

GQL = "application/graphql-response+json"


def post(client, query: str, variables: dict | None = None, accept: str = GQL):
    return client.post(
        "/graphql/",
        {"query": query, "variables": variables or {}},
        content_type="application/json",
        HTTP_ACCEPT=accept,
    )


def codes(response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json().get("errors", [])]


# --- folding (no database needed) ----------------------------------------------------------


def test_identical_selections_fold_into_one():
    folded = fold_document(parse("{ " + "cities { slug } " * 399 + "}"))
    assert print_ast(folded) == print_ast(parse("{ cities { slug } }"))


def test_same_field_with_different_sub_selections_merges_like_execution_does():
    folded = fold_document(parse("{ cities { slug } cities { title } cities { slug } }"))
    assert print_ast(folded) == print_ast(parse("{ cities { slug title } }"))


def test_aliases_arguments_and_directives_keep_selections_apart():
    source = (
        '{ a: cities { slug } cities(region: "europe") { slug } cities { slug } '
        "cities @include(if: true) { slug } }"
    )
    folded = fold_document(parse(source))
    assert len(folded.definitions[0].selection_set.selections) == 4


def test_inline_fragments_and_spreads_fold():
    source = (
        "query { ... on Query { locales { code } } ... on Query { locales { name } } ...F ...F } "
        "fragment F on Query { regions { slug } }"
    )
    folded = print_ast(fold_document(parse(source)))
    assert folded.count("... on Query") == 1
    assert folded.count("...F") == 1
    assert "locales {\n      code\n      name" in folded


# --- size caps -------------------------------------------------------------------------------


def test_too_many_fields_are_refused_before_validation():
    aliases = " ".join(f"f{i}: __typename" for i in range(MAX_FIELDS + 1))
    errors = size_errors(fold_document(parse(f"{{ {aliases} }}")))
    assert errors and errors[0].extensions["code"] == "QUERY_TOO_COMPLEX"


def test_fragment_bombs_count_expanded_fields():
    # Each level doubles: 2^12 fields from a tiny document.
    fragments = ["fragment L0 on Query { a: __typename b: __typename }"] + [
        f"fragment L{n} on Query {{ ...L{n - 1} x{n}: locales {{ ...C{n} }} }}"
        for n in range(1, 13)
    ]
    fragments += [f"fragment C{n} on Locale {{ code name }}" for n in range(1, 13)]
    spreads = " ".join(f"...L{n}" for n in range(13))
    errors = size_errors(fold_document(parse(f"{{ {spreads} }} " + " ".join(fragments))))
    assert errors and errors[0].extensions["code"] == "QUERY_TOO_COMPLEX"


def test_many_variants_of_one_field_are_refused():
    # Different arguments keep them apart (folding cannot merge them), all under one key.
    variants = [f'cities(region: "r{i}") {{ slug }}' for i in range(MAX_KEY_REPEATS + 1)]
    with translation.override("en"):
        errors = size_errors(fold_document(parse("{ " + " ".join(variants) + " }")))
    assert errors and "times in one place" in errors[0].message


def test_many_fragment_spreads_in_one_place_are_refused():
    count = MAX_FRAGMENT_SPREADS + 1
    fragments = " ".join(f"fragment F{i} on Query {{ locales {{ code }} }}" for i in range(count))
    spreads = " ".join(f"...F{i}" for i in range(count))
    with translation.override("en"):
        errors = size_errors(fold_document(parse(f"{{ {spreads} }} {fragments}")))
    assert errors and "fragment spreads" in errors[0].message


# --- cost --------------------------------------------------------------------------------------


def test_cost_multiplies_lists_by_their_expected_length():
    graphql_schema = schema._schema
    assert query_cost(graphql_schema, parse("{ locales { code } }")) >= 1 + 2 * 1
    cities = query_cost(graphql_schema, parse("{ cities { slug } }"))
    assert cities == 1 + cost.LIST_SIZES["Query.cities"] * 1
    nested = query_cost(graphql_schema, parse("{ cities { sessions { slug } } }"))
    assert nested == 1 + 100 * (1 + cost.LIST_SIZES["SisterCity.sessions"])
    limited = query_cost(graphql_schema, parse("{ sessions(limit: 3) { slug title } }"))
    assert limited == 1 + 3 * 2
    by_variable = query_cost(
        graphql_schema,
        parse("query($n: Int) { sessions(limit: $n) { slug } }"),
        variables={"n": 5},
    )
    assert by_variable == 1 + 5


def test_the_dossier_query_fits_the_budget_with_room():
    dossier = parse(
        """{ cities(locale: "en") {
          id title slug url summary twinnedSince country { code name } region { slug name }
          topics { slug name } heroImage { url alt width height }
          sessions { title slug startsAt startsAtDisplay registrationState seatsLeft }
          actionPlans { title progress progressByArea { area { slug } progress }
                        items { title status progress } }
        } }"""
    )
    assert query_cost(schema._schema, dossier) * 2 <= cost.MAX_COST
    from .test_query_counts import DOSSIERS

    assert query_cost(schema._schema, parse(DOSSIERS)) <= cost.MAX_COST


@pytest.mark.django_db
def test_over_budget_queries_are_refused_with_query_too_complex(client):
    deep = (
        "{ cities { sessions { city { sessions { city { actionPlans { items { title } } } } } } } }"
    )
    response = post(client, deep)
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > error["extensions"]["maxCost"] == cost.MAX_COST
    old_client = post(client, deep, accept="application/json")
    assert old_client.status_code == 200 and codes(old_client) == ["QUERY_TOO_COMPLEX"]


@pytest.mark.django_db
def test_the_budget_is_a_setting(client, settings):
    settings.GRAPHQL_MAX_COST = 50
    assert codes(post(client, "{ cities { slug } }")) == ["QUERY_TOO_COMPLEX"]
    assert post(client, "{ locales { code } }").status_code == 200


@pytest.mark.django_db
def test_repeated_fields_answer_like_one(client):
    repeated = post(client, "{ " + "cities { slug } " * 399 + "}")
    assert repeated.status_code == 200
    once = post(client, "{ cities { slug } }")
    assert repeated.json() == once.json()
    locales = post(client, "{ locales { " + "code " * 490 + "} }")
    assert locales.json()["data"]["locales"][0] == {"code": "fa"}


@pytest.mark.django_db
def test_size_refusals_are_in_the_callers_language(client):
    aliases = " ".join(f"f{i}: __typename" for i in range(MAX_FIELDS + 1))
    response = client.post(
        "/graphql/",
        {"query": f"{{ {aliases} }}"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fa",
    )
    message = response.json()["errors"][0]["message"]
    assert any("\u0600" <= char <= "\u06ff" for char in message), message


@pytest.mark.django_db
def test_documents_are_parsed_and_validated_once(client, monkeypatch):
    calls = {"parse": 0, "validate": 0}
    real_parse, real_validate = cost.parse, cost.validate_document

    def counting_parse(*args, **kwargs):
        calls["parse"] += 1
        return real_parse(*args, **kwargs)

    def counting_validate(*args, **kwargs):
        calls["validate"] += 1
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(cost, "parse", counting_parse)
    monkeypatch.setattr(cost, "validate_document", counting_validate)
    query = "query CachedOnce { locales { code name } }"
    for _ in range(3):
        assert post(client, query).json()["data"]["locales"]
    assert calls == {"parse": 1, "validate": 1}
