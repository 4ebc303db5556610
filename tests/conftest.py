"""Shared fixtures.

The test database is created once per run and the programme content (`load_programme --demo`:
locales, regions, areas, topics, 13 dossiers in fa and en, a demo session and Action Plan) is
loaded into it once. Ordinary `db` tests run inside a transaction on top of it and roll back.
Transactional tests (`transaction=True`, live servers) flush the database when they finish, so
they must create what they need themselves: the `programme` fixture puts the loaded programme
back from a copy taken right after the first load (`tests/support/snapshot.py`), in a second
instead of the 20-35 s a new load takes.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.support import snapshot


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the .po catalogues (not committed as .mo) so tests see the Persian strings."""
    call_command("compile_translations", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_programme", "--demo", verbosity=0)
        snapshot.take()


@pytest.fixture
def programme(db):
    """Ensure the programme content exists: after a transactional test flushed the database,
    the rows the first load made are put back (the snapshot); otherwise it is still there."""
    from wagtail.models import Page

    if Page.get_first_root_node() is None:  # a flush removes the page tree's root too
        snapshot.restore()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
