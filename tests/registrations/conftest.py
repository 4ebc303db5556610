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


@pytest.fixture(scope="session", autouse=True)
def _persian_catalogue():
    """Compile the registrations' Persian catalogue when it is missing or stale.

    ``make test`` compiles every catalogue first; this keeps a bare ``pytest`` run honest too
    (the email tests assert Persian text).
    """
    import shutil
    import subprocess
    from pathlib import Path

    from django.conf import settings
    from django.utils.translation import trans_real

    po = Path(settings.BASE_DIR) / "registrations/locale/fa/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if shutil.which("msgfmt") and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
        trans_real._translations = {}
        trans_real._default = None
