"""The committee's dashboard panel: where each sister city's registrations stand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from cities.models import SisterCityPage

from ..lifecycle import STATUS_CHOICES
from ..models import Application
from ..selectors import status_counts_by_city

# Every status, in lifecycle order; each count links to the list filtered by city and status.
COLUMNS = STATUS_CHOICES


def city_counts(language_code: str | None = None) -> list[dict]:
    """One row per sister city that has applications, each status counted, in three queries.

    Titles are the translation in ``language_code`` if any; applications point at the
    source-locale city pages.
    """
    counts = status_counts_by_city()
    cities = list(
        SisterCityPage.objects.filter(pk__in=list(counts)).values_list(
            "pk", "title", "translation_key"
        )
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
            "counts": [(status, counts[pk].get(status, 0)) for status, _label in COLUMNS],
            "total": sum(counts[pk].values()),
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
            "totals": [
                (status, sum(row["counts"][i][1] for row in rows))
                for i, (status, _label) in enumerate(COLUMNS)
            ],
        }
