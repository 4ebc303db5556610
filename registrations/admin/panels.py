"""The committee's dashboard panel: where each sister city's registrations stand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from cities.models import SisterCityPage

from ..models import Application
from ..selectors import counts_by_city

COLUMNS = [
    ("registered", _("Registered")),
    ("in_review", _("In review")),
    ("accepted", _("Accepted")),
    ("waitlisted", _("Waitlisted")),
    ("invited", _("Invited")),
    ("confirmed", _("Confirmed")),
    ("attended", _("Attended")),
]


def city_counts(language_code: str | None = None) -> list[dict]:
    """One row per sister city, every one even without applications, in two or three queries.

    The counts come from ``selectors.counts_by_city`` (keyed by the source-locale city pages
    that applications point at); titles are the translation in ``language_code`` if any.
    """
    counts = counts_by_city()
    cities = list(
        SisterCityPage.objects.filter(
            locale__language_code=settings.DEFAULT_CONTENT_LANGUAGE
        ).values_list("pk", "title", "translation_key")
    )
    titles: dict = {}
    if language_code and language_code != settings.DEFAULT_CONTENT_LANGUAGE:
        titles = dict(
            SisterCityPage.objects.filter(
                translation_key__in=[key for _pk, _title, key in cities],
                locale__language_code=language_code,
            ).values_list("translation_key", "title")
        )
    rows = [
        {
            "pk": pk,
            "title": titles.get(key, title),
            "counts": [counts.get(pk, {}).get(name, 0) for name, _label in COLUMNS],
        }
        for pk, title, key in cities
    ]
    return sorted(rows, key=lambda row: row["title"])


class RegistrationsSummaryPanel(Component):
    name = "registrations_summary"
    template_name = "registrations/admin/summary_panel.html"
    order = 50

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        request = parent_context["request"]
        if not policy_registry.get_by_type(Application).user_has_permission(request.user, "view"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        rows = city_counts(get_language())
        return {
            "columns": COLUMNS,
            "rows": rows,
            "totals": [sum(row["counts"][i] for row in rows) for i in range(len(COLUMNS))],
        }
