"""Fixtures of the registration tests (data builders live in ``factories``)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from . import factories


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def chair(db):
    return factories.staff()


@pytest.fixture
def session(db):
    return factories.make_session(capacity=20)
