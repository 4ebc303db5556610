"""The committee list's template-free columns render exactly what Wagtail's Column renders."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from wagtail.admin.ui.tables import Column

from registrations.admin.columns import TextColumn


def _html(column, instance) -> str:
    """The cell's markup, without the whitespace around tags that HTML ignores in a cell."""
    context = {"row": None, "table": None, "request": None}
    html = " ".join(str(column.render_cell_html(instance, context)).split())
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", html).replace("<td >", "<td>")


@pytest.mark.parametrize(
    "value",
    ["Florence", "<b>Maryam & Ali</b>", "", None, 3, 0, "۴٫۵", "مریم کریمی"],
)
@pytest.mark.parametrize("classname", [None, "title"])
def test_text_column_matches_wagtails_cell_template(value, classname):
    instance = SimpleNamespace(value=value)
    ours = TextColumn("value", classname=classname)
    wagtails = Column("value", classname=classname)
    assert _html(ours, instance) == _html(wagtails, instance)
    assert "<b>" not in _html(ours, instance)  # escaped like the template


def test_text_column_reads_callable_accessors():
    column = TextColumn("name", accessor=lambda obj: obj.first + " " + obj.last)
    assert _html(column, SimpleNamespace(first="Sara", last="Nouri")) == "<td>Sara Nouri</td>"
