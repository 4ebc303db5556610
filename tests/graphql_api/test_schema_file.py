"""The committed SDL is what partners code against: it must match the live schema."""

from pathlib import Path

from graphql_api.schema import schema

SDL = Path(__file__).resolve().parents[2] / "graphql_api" / "schema.graphql"


def test_committed_sdl_matches_the_live_schema():
    assert SDL.read_text().strip() == schema.as_str().strip(), (
        "graphql_api/schema.graphql is out of date: run `make schema` and commit it."
    )


def test_contract_names_exist():
    sdl = schema.as_str()
    for name in (
        "locales: [Locale!]!",
        "cities(locale: String = null, region: String = null, first: Int = 100, "
        "after: String = null): [SisterCity!]!",
        "city(slug: String!, locale: String = null): SisterCity",
        "session(slug: String!, locale: String = null): Session",
        "page(path: String!, locale: String = null): Page",
        "preview(token: String!): Page!",
        "interface Page",
        "progressByArea: [AreaProgress!]!",
        "srcset(sizes: [Int!]!): String!",
    ):
        assert name in sdl, name
    assert "onlineLink" not in sdl
