"""Lists of tracked items for a matrix cell and for an organisation, in the reader's language."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Locale

from cities.models import CooperationTopic, SisterCityPage
from cities.models.action_plans import ItemStatus, TrackedItem

from .localized import by_source_pk
from .models import Organisation, TrackedItemOrganisation, TrackedItemRecord
from .tracking import tag_tracked_items


@dataclass
class ItemRow:
    title: str
    city: SisterCityPage
    topic: CooperationTopic | None
    status: str
    progress: int
    start_date: date | None
    due_date: date | None
    lead_organisations: list[Organisation]
    partner_organisations: list[Organisation]
    partner: str
    plan_title: str
    plan_url: str
    role: str = ""
    plan_key: str = ""
    block_id: str = ""

    @property
    def status_label(self) -> str:
        return str(ItemStatus(self.status).label)


def item_rows(
    records: QuerySet,
    locale: Locale,
    default: Locale,
    request: HttpRequest | None = None,
    organisation: Organisation | None = None,
) -> list[ItemRow]:
    """Rows of ``records`` (any filter on ``TrackedItemRecord``), one per item, localized.

    Each item is taken in ``locale`` where its plan is translated, else in the default locale.
    A fixed number of queries: records with plans, their organisations, cities, topics.
    """
    tag_tracked_items()
    chosen: dict[tuple, TrackedItemRecord] = {}
    for record in records.filter(locale_id__in={locale.pk, default.pk}).select_related("plan"):
        key = (record.plan_key, record.block_id)
        if record.locale_id == locale.pk or key not in chosen:
            chosen[key] = record
    rows = list(chosen.values())
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for record_id, org_id, role in TrackedItemOrganisation.objects.filter(
        record_id__in=[r.pk for r in rows]
    ).values_list("record_id", "organisation_id", "role"):
        links[record_id].append((org_id, role))
    orgs = by_source_pk(Organisation.objects.select_related("city"), locale, default)
    cities = by_source_pk(SisterCityPage.objects.all(), locale, default)
    topics = by_source_pk(CooperationTopic.objects.all(), locale, default)
    result = []
    for record in rows:
        role_orgs = {
            role: [orgs[pk] for pk, r in links[record.pk] if r == role and pk in orgs]
            for role in TrackedItemOrganisation.Role.values
        }
        role = ""
        if organisation is not None:
            role = next((r for pk, r in links[record.pk] if pk == organisation.pk), "")
        result.append(
            ItemRow(
                title=record.title,
                city=cities.get(record.city_id),
                topic=topics.get(record.topic_id),
                status=record.status,
                progress=record.progress,
                start_date=record.start_date,
                due_date=record.due_date,
                lead_organisations=role_orgs[TrackedItemOrganisation.Role.LEAD],
                partner_organisations=role_orgs[TrackedItemOrganisation.Role.PARTNER],
                partner=record.partner,
                plan_title=record.plan.title,
                plan_url=f"{record.plan.get_url(request=request)}#item-{record.block_id}",
                role=role,
                plan_key=str(record.plan_key),
                block_id=record.block_id,
            )
        )
    result.sort(key=lambda row: (row.city.title if row.city else "", row.title))
    return result


def cell_records(city: SisterCityPage, topic: CooperationTopic) -> QuerySet:
    """Records of a matrix cell (``city`` and ``topic`` in the default locale)."""
    return TrackedItemRecord.objects.filter(city=city, topic=topic)


def organisation_records(organisation: Organisation) -> QuerySet:
    return TrackedItemRecord.objects.filter(
        organisation_links__organisation=organisation
    ).distinct()


@dataclass
class PlanItemOrganisations:
    """An Action Plan item with its lead and partner organisations in the page's language."""

    item: TrackedItem
    lead_organisations: list[Organisation]
    partner_organisations: list[Organisation]


def with_organisations(items: list[TrackedItem], locale_id: int) -> list[PlanItemOrganisations]:
    """``items`` (an Action Plan page's ``tracked_items``) with their organisations.

    The items name the source page's organisations; each is shown in ``locale_id`` where it is
    translated, else as chosen. One query for every item together (none without organisations).
    """
    ids = {pk for item in items for pk in item.lead_organisation_ids}
    ids |= {pk for item in items for pk in item.partner_organisation_ids}
    chosen: dict[int, Organisation] = {}
    translated: dict[tuple, Organisation] = {}
    if ids:
        keys = Organisation.objects.filter(pk__in=ids).values("translation_key")
        for org in Organisation.objects.filter(translation_key__in=keys):
            if org.pk in ids:
                chosen[org.pk] = org
            translated[(org.translation_key, org.locale_id)] = org

    def shown(pks: tuple[int, ...]) -> list[Organisation]:
        return [
            translated.get((chosen[pk].translation_key, locale_id), chosen[pk])
            for pk in pks
            if pk in chosen
        ]

    return [
        PlanItemOrganisations(
            item=item,
            lead_organisations=shown(item.lead_organisation_ids),
            partner_organisations=shown(item.partner_organisation_ids),
        )
        for item in items
    ]
