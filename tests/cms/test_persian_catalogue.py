"""The Persian catalogue is complete: every interface string of the project is translated."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUE = PROJECT / "locale" / "fa" / "LC_MESSAGES" / "django.po"
SITE_TEMPLATES = sorted(
    path
    for path in (PROJECT / "templates").rglob("*.html")
    if path.relative_to(PROJECT / "templates").parts[0] not in {"registrations", "emails"}
)
# templatize() writes {% translate %} as gettext('…') and _("…") in tag arguments as it was.
GETTEXT_CALL = re.compile(r"""\b(?:gettext|_)\(u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)""")


def template_msgids(path: Path) -> set[str]:
    python_like = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    return {ast.literal_eval(literal) for literal in GETTEXT_CALL.findall(python_like)}


@pytest.fixture(scope="module")
def persian() -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}


def test_the_site_templates_have_strings_to_translate():
    assert len(SITE_TEMPLATES) >= 15
    assert "Skip to main content" in template_msgids(PROJECT / "templates" / "base.html")


@pytest.mark.parametrize(
    "template", SITE_TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT / "templates"))
)
def test_every_string_of_the_template_is_translated_to_persian(template, persian):
    untranslated = [
        msgid
        for msgid in sorted(template_msgids(template))
        if msgid not in persian or not persian[msgid].msgstr or persian[msgid].fuzzy
    ]
    assert untranslated == [], "run `make messages` and translate these in locale/fa"


APP_DIRS = ("cms", "cities", "registrations", "graphql_api", "outbox")
GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


def module_msgids(path: Path) -> set[str]:
    """Literal message ids passed to gettext functions in a Python module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in GETTEXT_FUNCTIONS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


PYTHON_MODULES = sorted(
    path
    for app in APP_DIRS
    for path in (PROJECT / app).rglob("*.py")
    if "migrations" not in path.parts
)


@pytest.mark.parametrize("module", PYTHON_MODULES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_python_string_is_translated_to_persian(module, persian):
    untranslated = [
        msgid
        for msgid in sorted(module_msgids(module))
        if msgid not in persian
        or persian[msgid].fuzzy
        or not (persian[msgid].msgstr or any(persian[msgid].msgstr_plural.values()))
    ]
    assert untranslated == [], "run `make messages` and translate these in locale/fa"


def test_the_catalogue_has_nothing_left_to_translate():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 500
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
