"""Listing columns for the committee's applications list.

Wagtail renders every table cell through a template (``wagtailadmin/tables/cell.html``); at 50
rows × 9 columns those template renders were most of the list page's time. ``TextColumn`` is
Wagtail's ``Column`` with the same cell markup built directly.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.admin.ui.tables import Column


class TextColumn(Column):
    """A ``Column`` whose cell is ``<td class="…">value</td>`` without a template render."""

    def render_cell_html(self, instance: Any, parent_context: Any) -> SafeString:
        value = self.get_cell_context_data(instance, parent_context)["value"]
        value = "" if value is None else value
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, value)
        return format_html("<td>{}</td>", value)
