"""Every interface string of the registration pages and the committee's admin reads in Persian.

The strings live in the project catalogue (``locale/``) or come from Django and Wagtail; what
matters is what a Persian reader gets, so this asks gettext.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from tests.cms.test_persian_catalogue import template_msgids

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((PROJECT / "templates" / "registrations").rglob("*.html"))
MODULES = [
    *sorted((PROJECT / "registrations" / "admin").glob("*.py")),
    PROJECT / "registrations" / "forms.py",
    PROJECT / "registrations" / "views.py",
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy"}


def module_msgids(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in GETTEXT_NAMES
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def untranslated(msgids: set[str]) -> list[str]:
    with translation.override("fa"):
        return sorted(m for m in msgids if translation.gettext(m) == m)


def test_there_are_strings_to_check():
    assert len(TEMPLATES) >= 10
    assert "Send my application" in template_msgids(
        PROJECT / "templates/registrations/register.html"
    )
    assert "Record decision" in module_msgids(PROJECT / "registrations/admin/actions.py")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_strings_read_in_persian(template):
    assert untranslated(template_msgids(template)) == []


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_python_strings_read_in_persian(module):
    assert untranslated(module_msgids(module)) == []
