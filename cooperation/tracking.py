"""Keeps the tracked-item table (``TrackedItemRecord``) in step with published Action Plans.

``refresh_plan`` rewrites the rows of one plan in every language from the pages' live content:
texts from each page, tracking values (area, topic, status, progress, dates, lead actors and
organisations) from the source page's item with the same block id. It runs when a plan or a
translation of it is published or unpublished (``cooperation.signals``); ``rebuild_all``
(``manage.py refresh_cooperation``) rewrites the whole table. Every rewrite purges the HTTP
cache's ``tracked-items`` tag, which ``tag_tracked_items`` puts on whatever reads the table.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from wagtail.models import Page

from cities.models import ActionPlanPage, CooperationArea, CooperationTopic, SisterCityPage
from cities.models.action_plans import ItemStatus, organisation_ids
from cms import http_cache

from .models import Organisation, TrackedItemOrganisation, TrackedItemRecord

LIVE_STATUSES = frozenset({ItemStatus.PLANNED, ItemStatus.IN_PROGRESS})
"""Items that are still to be done: the ones that need coordinating."""


def _raw_items(page: ActionPlanPage) -> list[tuple[str, dict[str, Any]]]:
    return [
        (block["id"], block.get("value") or {})
        for block in page.items.raw_data
        if block.get("type") == "item" and block.get("id")
    ]


def _date(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _existing(model, ids: set[int]) -> set[int]:
    return set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def tag_tracked_items() -> None:
    """Tell the HTTP cache that the response shows tracked items: the table itself, and the
    plans, cities, topics and organisations its rows name."""
    http_cache.tag(http_cache.TRACKED_ITEMS_TAG)
    http_cache.tag_model(ActionPlanPage)
    http_cache.tag_model(SisterCityPage)
    for model in (CooperationArea, CooperationTopic, Organisation):
        http_cache.tag_snippets(model)


def _tracked_items_changed() -> None:
    http_cache.purge({http_cache.TRACKED_ITEMS_TAG})


@transaction.atomic
def refresh_plan(translation_key: UUID | str) -> int:
    """Rewrite the rows of the plan with this ``translation_key``; returns how many rows now."""
    count = _rewrite_plan(translation_key)
    _tracked_items_changed()
    return count


def _rewrite_plan(translation_key: UUID | str) -> int:
    TrackedItemRecord.objects.filter(plan_key=translation_key).delete()
    pages = list(ActionPlanPage.objects.filter(translation_key=translation_key).order_by("pk"))
    if not pages:
        return 0
    source = pages[0]
    city = SisterCityPage.objects.filter(path=source.path[: -Page.steplen]).first()
    if city is None:
        return 0
    city = city.source_page
    shared = dict(_raw_items(source))
    area_ids = _existing(CooperationArea, {v.get("area") for v in shared.values()} - {None})
    topic_ids = _existing(CooperationTopic, {v.get("topic") for v in shared.values()} - {None})
    org_ids = _existing(
        Organisation,
        {
            pk
            for value in shared.values()
            for field in ("lead_organisations", "partner_organisations")
            for pk in organisation_ids(value.get(field))
        },
    )
    records, links = [], []
    for page in pages:
        if not page.live:
            continue
        for position, (block_id, own) in enumerate(_raw_items(page)):
            values = shared.get(block_id, own)
            record = TrackedItemRecord(
                plan=page,
                plan_key=page.translation_key,
                locale_id=page.locale_id,
                city=city,
                block_id=block_id,
                position=position,
                title=(own.get("title") or "")[:255],
                partner=(own.get("partner") or "")[:255],
                area_id=values.get("area") if values.get("area") in area_ids else None,
                topic_id=values.get("topic") if values.get("topic") in topic_ids else None,
                lead_actors=list(values.get("lead_actors") or []),
                status=values.get("status") or ItemStatus.PLANNED,
                progress=int(values.get("progress") or 0),
                start_date=_date(values.get("start_date")),
                due_date=_date(values.get("due_date")),
            )
            records.append(record)
            for role, field in (
                (TrackedItemOrganisation.Role.LEAD, "lead_organisations"),
                (TrackedItemOrganisation.Role.PARTNER, "partner_organisations"),
            ):
                chosen = [pk for pk in organisation_ids(values.get(field)) if pk in org_ids]
                links.extend((record, pk, role, n) for n, pk in enumerate(chosen))
    TrackedItemRecord.objects.bulk_create(records)
    TrackedItemOrganisation.objects.bulk_create(
        TrackedItemOrganisation(record_id=record.pk, organisation_id=pk, role=role, position=n)
        for record, pk, role, n in links
    )
    return len(records)


@transaction.atomic
def rebuild_all() -> int:
    """Rewrite the whole table from every Action Plan; returns the number of rows.

    In one transaction, so readers never see the table half empty, and with one purge.
    """
    TrackedItemRecord.objects.all().delete()
    keys = set(ActionPlanPage.objects.values_list("translation_key", flat=True))
    count = sum(_rewrite_plan(key) for key in keys)
    _tracked_items_changed()
    return count


def live_topic_ids(city_id: int) -> set[int]:
    """Topics (default-locale pks) of the city's live Action Plan items: planned or in progress."""
    from django.conf import settings

    return set(
        TrackedItemRecord.objects.filter(
            city_id=city_id,
            status__in=LIVE_STATUSES,
            topic__isnull=False,
            locale__language_code=settings.DEFAULT_CONTENT_LANGUAGE,
        ).values_list("topic_id", flat=True)
    )
