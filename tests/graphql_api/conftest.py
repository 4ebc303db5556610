"""Helpers for GraphQL tests: POST a query as JSON and get the decoded answer."""

from __future__ import annotations

import pytest


@pytest.fixture
def gql(client):
    def run(query: str, variables: dict | None = None, **headers) -> dict:
        response = client.post(
            "/graphql/",
            {"query": query, "variables": variables or {}},
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 200, response.content
        return response.json()

    return run


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run publishing's on-commit callbacks (pages go live only on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        yield
