"""The cooperation matrix: Action Plan items by sister city and topic, read-only.

Everything is read from the tracked-item table (``TrackedItemRecord``), never from StreamField
JSON, in a fixed number of queries whatever the number of cities, topics and items. The rules:

- An item counts in its plan's city and its topic; only live plans have rows.
- A cell's colour is its *most advanced* status: done > in progress > planned > stalled >
  cancelled (the status filter narrows which items count).
- *Coordination needed*: two or more live items (planned or in progress) on the same topic with
  the same city, led by at least two different Isfahan organisations. It is a property of the
  cell, so the filters never hide it.
- Facilitators: applications for the city that are accepted or further along (invited,
  confirmed, attended) and offered the topic; shown only from ``FACILITATOR_THRESHOLD`` up, so
  no one can be singled out.

What the matrix is built from is recorded for the HTTP cache (``cms/http_cache.py``): tracked
items with their plans, cities, areas, topics and organisations, and the facilitator counts,
which a committee decision purges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count
from wagtail.models import Locale

from cities.models import CityTopic, CooperationArea, CooperationTopic, SisterCityPage
from cities.models.action_plans import ItemStatus
from cms import http_cache
from registrations.lifecycle import Status

from .localized import by_source_pk, default_locale
from .models import Organisation, TrackedItemOrganisation, TrackedItemRecord
from .tracking import LIVE_STATUSES, tag_tracked_items

STATUS_RANK = {
    ItemStatus.CANCELLED: 0,
    ItemStatus.STALLED: 1,
    ItemStatus.PLANNED: 2,
    ItemStatus.IN_PROGRESS: 3,
    ItemStatus.DONE: 4,
}
"""How far an item has got; the cell shows its most advanced item's status."""

FACILITATOR_STATUSES = (Status.ACCEPTED, Status.INVITED, Status.CONFIRMED, Status.ATTENDED)
FACILITATOR_THRESHOLD = 3


def changes_facilitator_count(from_status: str, to_status: str) -> bool:
    """Whether an application moving between these statuses enters or leaves the counts."""
    return (from_status in FACILITATOR_STATUSES) != (to_status in FACILITATOR_STATUSES)


@dataclass(frozen=True)
class Filters:
    area: str = ""
    status: str = ""
    organisation: str = ""
    city: str = ""

    @classmethod
    def clean(cls, area: Any = "", status: Any = "", organisation: Any = "", city: Any = ""):
        """Unknown or malformed values are ignored rather than refused (GET links are shared)."""

        def slug(value: Any) -> str:
            value = str(value or "")[:80]
            return value if value.replace("-", "").replace("_", "").isalnum() else ""

        status = str(status or "")
        return cls(
            area=slug(area),
            status=status if status in ItemStatus.values else "",
            organisation=slug(organisation),
            city=slug(city),
        )


@dataclass
class Cell:
    city: SisterCityPage
    topic: CooperationTopic
    counts: Counter = field(default_factory=Counter)
    is_current_topic: bool = False
    facilitators: int = 0
    lead_organisations: list[Organisation] = field(default_factory=list)
    coordination_organisations: list[Organisation] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(self.counts.values())

    @property
    def items_by_status(self) -> list[tuple[str, str, int]]:
        """(status, label, count) from the most advanced status down, non-zero only."""
        return [
            (status, str(ItemStatus(status).label), self.counts[status])
            for status in sorted(self.counts, key=STATUS_RANK.get, reverse=True)
            if self.counts[status]
        ]

    @property
    def most_advanced(self) -> str:
        present = [s for s, n in self.counts.items() if n]
        return max(present, key=STATUS_RANK.get) if present else ""

    @property
    def most_advanced_label(self) -> str:
        return str(ItemStatus(self.most_advanced).label) if self.most_advanced else ""

    @property
    def facilitator_count(self) -> int | None:
        """The number of facilitators, or None below the threshold (not shown)."""
        return self.facilitators if self.facilitators >= FACILITATOR_THRESHOLD else None

    @property
    def needs_coordination(self) -> bool:
        return bool(self.coordination_organisations)


@dataclass
class Matrix:
    locale: Locale
    filters: Filters
    cities: list[SisterCityPage]
    areas: list[tuple[CooperationArea, list[CooperationTopic]]]
    cells: dict[tuple[int, int], Cell]
    organisations: list[Organisation] = field(default_factory=list)
    area_options: list[CooperationArea] = field(default_factory=list)

    def cell(self, city: SisterCityPage, topic: CooperationTopic) -> Cell:
        return self.cells[(city._source_pk, topic._source_pk)]

    def rows(self):
        """[(area, [(topic, [cell per city])])] in display order, for the template."""
        return [
            (area, [(topic, [self.cell(city, topic) for city in self.cities]) for topic in topics])
            for area, topics in self.areas
        ]

    @property
    def all_cells(self) -> list[Cell]:
        return [cell for _area, topics in self.rows() for _t, cells in topics for cell in cells]


def build_matrix(locale: Locale, filters: Filters | None = None) -> Matrix:
    """The matrix in ``locale`` (Persian where something is untranslated)."""
    filters = filters or Filters()
    default = locale if locale.language_code == settings.DEFAULT_CONTENT_LANGUAGE else None
    default = default or default_locale()

    cities_by_source = by_source_pk(SisterCityPage.objects.live(), locale, default)
    areas_by_source = by_source_pk(CooperationArea.objects.all(), locale, default)
    topics_by_source = by_source_pk(CooperationTopic.objects.all(), locale, default)
    orgs_by_source = by_source_pk(Organisation.objects.select_related("city"), locale, default)
    for mapping in (cities_by_source, areas_by_source, topics_by_source, orgs_by_source):
        for source_pk, obj in mapping.items():
            obj._source_pk = source_pk

    cities = sorted(cities_by_source.values(), key=lambda c: c.title)
    if filters.city:
        cities = [c for c in cities if c.slug == filters.city]
    areas = area_options = sorted(areas_by_source.values(), key=lambda a: (a.sort_order, a.name))
    if filters.area:
        areas = [a for a in areas if a.slug == filters.area]
    topics_by_area: dict[int, list[CooperationTopic]] = defaultdict(list)
    source_topics = CooperationTopic.objects.filter(locale=default).values_list("pk", "area_id")
    topic_area = dict(source_topics)
    for source_pk, topic in topics_by_source.items():
        topics_by_area[topic_area.get(source_pk)].append(topic)
    grouped = [
        (area, sorted(topics_by_area[area._source_pk], key=lambda t: (t.sort_order, t.name)))
        for area in areas
    ]

    city_ids = [c._source_pk for c in cities]
    tag_tracked_items()
    # Only the city filter narrows the cities whose counts are shown.
    http_cache.tag_facilitators(city_ids if filters.city else None)
    cells = {
        (city._source_pk, topic._source_pk): Cell(city=city, topic=topic)
        for city in cities
        for _area, topics in grouped
        for topic in topics
    }
    _add_items(cells, city_ids, default, filters, orgs_by_source)
    for page_id, topic_id in CityTopic.objects.filter(page_id__in=city_ids).values_list(
        "page_id", "topic_id"
    ):
        if (page_id, topic_id) in cells:
            cells[(page_id, topic_id)].is_current_topic = True
    facilitators = (
        _facilitator_applications(city_ids)
        .values("city_id", "topics")
        .annotate(n=Count("applicant_id", distinct=True))
    )
    for row in facilitators:
        if (row["city_id"], row["topics"]) in cells:
            cells[(row["city_id"], row["topics"])].facilitators = row["n"]
    organisations = sorted(orgs_by_source.values(), key=lambda o: (o.side != "isfahan", o.name))
    return Matrix(
        locale=locale,
        filters=filters,
        cities=cities,
        areas=grouped,
        cells=cells,
        organisations=organisations,
        area_options=area_options,
    )


def _facilitator_applications(city_ids: list[int]):
    from registrations.models import Application

    return Application.objects.filter(city_id__in=city_ids, status__in=FACILITATOR_STATUSES)


def _add_items(cells, city_ids, default, filters: Filters, orgs_by_source) -> None:
    records = list(
        TrackedItemRecord.objects.filter(
            locale=default, city_id__in=city_ids, topic__isnull=False
        ).values_list("pk", "city_id", "topic_id", "status")
    )
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for record_id, org_id, role in TrackedItemOrganisation.objects.filter(
        record__locale=default, record__city_id__in=city_ids
    ).values_list("record_id", "organisation_id", "role"):
        links[record_id].append((org_id, role))
    wanted_org = None
    if filters.organisation:
        wanted_org = next(
            (pk for pk, org in orgs_by_source.items() if org.slug == filters.organisation), -1
        )
    live_leads: dict[tuple[int, int], list[set[int]]] = defaultdict(list)
    for record_id, city_id, topic_id, status in records:
        cell = cells.get((city_id, topic_id))
        if cell is None:
            continue
        leads = [org for org, role in links[record_id] if role == TrackedItemOrganisation.Role.LEAD]
        if status in LIVE_STATUSES and leads:
            live_leads[(city_id, topic_id)].append(set(leads))
        if filters.status and status != filters.status:
            continue
        if wanted_org is not None and wanted_org not in {org for org, _r in links[record_id]}:
            continue
        cell.counts[status] += 1
        for org_id in leads:
            org = orgs_by_source.get(org_id)
            if org is not None and org not in cell.lead_organisations:
                cell.lead_organisations.append(org)
    for key, lead_sets in live_leads.items():
        distinct = set().union(*lead_sets)
        if len(lead_sets) >= 2 and len(distinct) >= 2:
            cells[key].coordination_organisations = sorted(
                (orgs_by_source[pk] for pk in distinct if pk in orgs_by_source),
                key=lambda org: org.name,
            )
