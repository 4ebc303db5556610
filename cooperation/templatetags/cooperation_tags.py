"""Template tags of the cooperation map for pages outside it (Action Plans)."""

from __future__ import annotations

from django import template

from cooperation.items import PlanItemOrganisations, with_organisations

register = template.Library()


@register.simple_tag
def plan_items_with_organisations(page) -> list[PlanItemOrganisations]:
    """An Action Plan page's items with their organisations, batched, in the page's language."""
    return with_organisations(page.tracked_items, page.locale_id)
