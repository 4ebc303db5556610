"""Shared fixtures.

The test database is created once per run and the programme content (`load_programme --demo`:
locales, regions, areas, topics, 13 dossiers in fa and en, a demo session and Action Plan) is
loaded into it once. Ordinary `db` tests run inside a transaction on top of it and roll back.
Transactional tests (`transaction=True`, live servers) flush the database when they finish, so
they must create what they need themselves (the `programme` fixture does).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the .po catalogues (not committed as .mo) so tests see the Persian strings."""
    call_command("compile_translations", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_programme", "--demo", verbosity=0)


@pytest.fixture
def programme(db):
    """Ensure the programme content exists (re-loads it after a transactional test flushed it)."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        # A flush also removes the page tree's root, which a Wagtail migration had made.
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    call_command("load_programme", "--demo", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
