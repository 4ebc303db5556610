"""Build Action Plans and organisations through the models, for the cooperation map's tests."""

from __future__ import annotations

from datetime import date
from itertools import count

from wagtail.models import Locale

from cities.models import ActionPlanPage, CooperationTopic, SisterCityPage
from cooperation.models import Organisation

_numbers = count(1)


def fa() -> Locale:
    return Locale.objects.get(language_code="fa")


def city(slug: str) -> SisterCityPage:
    return SisterCityPage.objects.get(slug=slug, locale=fa())


def organisation(slug: str, *, side: str = "isfahan", city_slug: str = "", **fields):
    existing = Organisation.objects.filter(slug=slug, locale=fa()).first()
    if existing:
        return existing
    return Organisation.objects.create(
        slug=slug,
        name=fields.pop("name", slug.replace("-", " ").title()),
        kind=fields.pop("kind", "civil_society"),
        side=side,
        city=city(city_slug) if city_slug else None,
        locale=fa(),
        **fields,
    )


def item(
    topic: str,
    *,
    status: str = "planned",
    leads: tuple[str, ...] = (),
    partners: tuple[str, ...] = (),
    title: str = "",
    progress: int | None = None,
    due: date | None = None,
) -> dict:
    topic_obj = CooperationTopic.objects.get(slug=topic, locale=fa())
    return {
        "title": title or f"مورد {next(_numbers)}",
        "description": "",
        "partner": "",
        "area": topic_obj.area,
        "topic": topic_obj,
        "lead_actors": [],
        "lead_organisations": [organisation(s) for s in leads],
        "partner_organisations": [Organisation.objects.get(slug=s, locale=fa()) for s in partners],
        "start_date": None,
        "due_date": due,
        "status": status,
        "progress": 100 if status == "done" else (progress or 0),
    }


def plan(city_slug: str, items: list[dict], *, slug: str = "", publish: bool = True):
    """A Persian Action Plan under the city, published unless ``publish=False``."""
    parent = city(city_slug)
    page = ActionPlanPage(
        title=f"برنامه آزمایشی {next(_numbers)}",
        slug=slug or f"test-plan-{next(_numbers)}",
        locale=fa(),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        items=[("item", value) for value in items],
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def set_items(page: ActionPlanPage, items: list[dict]) -> ActionPlanPage:
    """Replace the plan's items and publish (keeps existing block ids for the first ones)."""
    page = ActionPlanPage.objects.get(pk=page.pk)
    page.items = [("item", value) for value in items]
    page.save_revision().publish()
    return page
