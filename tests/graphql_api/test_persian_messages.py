"""Every message the API shows people has a Persian translation, and Persian callers get it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

PROJECT = Path(__file__).resolve().parents[2]
APP = PROJECT / "graphql_api"
CATALOGUE = PROJECT / "locale" / "fa" / "LC_MESSAGES" / "django.po"
PY_CALL = re.compile(r"""\b(?:gettext|gettext_lazy|_)\(\s*u?(['"](?:[^'"\\]|\\.)*['"])\s*\)""")
TEMPLATE_CALL = re.compile(r"\b(?:gettext|_)\(u?('(?:[^'\\]|\\.)*')\)")


def app_msgids() -> set[str]:
    """Message ids of the content API (registrations' messages are checked with that app)."""
    ids = set()
    for path in APP.rglob("*.py"):
        if "registrations" not in path.relative_to(APP).parts:
            ids |= {ast.literal_eval(lit) for lit in PY_CALL.findall(path.read_text())}
    for path in (APP / "templates").rglob("*.html"):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        ids |= {ast.literal_eval(lit) for lit in TEMPLATE_CALL.findall(code)}
    return ids


def test_every_api_message_is_translated_to_persian():
    ids = app_msgids()
    assert "This preview link is not valid." in ids
    persian = {e.msgid: e for e in polib.pofile(str(CATALOGUE))}
    missing = sorted(i for i in ids if i not in persian or not persian[i].msgstr)
    assert missing == []


@pytest.mark.django_db
def test_errors_are_in_the_callers_language(gql):
    query = '{ cities(locale: "xx") { slug } }'
    persian = gql(query)["errors"][0]["message"]
    english = gql(query, HTTP_ACCEPT_LANGUAGE="en")["errors"][0]["message"]
    assert "زبان" in persian and "xx" in persian
    assert english.startswith("“xx” is not a language")
