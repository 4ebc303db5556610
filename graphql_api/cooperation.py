"""The cooperation map over GraphQL: organisations and the city × topic matrix.

Resolvers only hand out what ``cooperation.matrix`` computed (a fixed number of queries, read
from the tracked-item table); the rules (most advanced status, coordination, facilitator
threshold) live there, not here. Cities and topics are named by slug, the same in every
language; names come in the requested locale (Persian where untranslated).
"""

from __future__ import annotations

from enum import Enum

import strawberry

from cities.models import SisterCityPage
from cms import http_cache
from cooperation.matrix import Cell, Filters, build_matrix
from cooperation.models import Organisation as OrganisationModel
from cooperation.models import OrganisationKind as KindChoices
from cooperation.models import OrganisationSide as SideChoices

from .action_plans import ItemStatus
from .context import Info
from .fields import object_field
from .loaders import in_locales, pick_localized

OrganisationKind = strawberry.enum(
    Enum("OrganisationKind", {m.name: m.value for m in KindChoices}),
    description="What kind of actor an organisation is.",
)
OrganisationSide = strawberry.enum(
    Enum("OrganisationSide", {m.name: m.value for m in SideChoices}),
    description="Whether an organisation acts for Isfahan or for a sister city.",
)


@strawberry.type(description="An actor that leads (Isfahan) or partners (sister city) on items.")
class Organisation:
    slug: str
    name: str
    website: str

    @object_field
    def kind(self) -> OrganisationKind:
        return OrganisationKind(self.kind)

    @object_field
    def side(self) -> OrganisationSide:
        return OrganisationSide(self.side)

    @strawberry.field(description="The language of this version (a fallback is in Persian).")
    def locale(self, info: Info) -> str:
        return info.context.locale_by_id(self.locale_id).language_code

    @object_field(description="For a sister-city organisation: its city's slug.")
    def city(self) -> str | None:
        # Every source of organisations (matrix, loaders, the list) selects the city with them.
        if not self.city_id:
            return None
        http_cache.tag_model(SisterCityPage)
        return self.city.slug


@strawberry.type
class MatrixCity:
    slug: str
    title: str


@strawberry.type
class MatrixArea:
    slug: str
    name: str


@strawberry.type
class MatrixTopic:
    slug: str
    name: str
    area: MatrixArea


@strawberry.type
class StatusCount:
    status: ItemStatus
    count: int


@strawberry.type(description="The Action Plan items of one city on one topic.")
class MatrixCell:
    city: str = strawberry.field(description="The city's slug.")
    topic: str = strawberry.field(description="The topic's slug.")
    item_count: int
    items_by_status: list[StatusCount]
    most_advanced_status: ItemStatus | None
    lead_organisations: list[Organisation]
    facilitator_count: int | None = strawberry.field(
        description="Accepted-or-later facilitators who offered the topic for the city; null "
        "below 3, so no one can be singled out."
    )
    is_current_topic: bool
    needs_coordination: bool = strawberry.field(
        description="Two or more live items led by at least two different Isfahan organisations."
    )
    coordination_organisations: list[Organisation]


@strawberry.type(description="Action Plan items by sister city and topic.")
class CooperationMatrix:
    cities: list[MatrixCity]
    topics: list[MatrixTopic]
    cells: list[MatrixCell]


def _cell(cell: Cell) -> MatrixCell:
    return MatrixCell(
        city=cell.city.slug,
        topic=cell.topic.slug,
        item_count=cell.item_count,
        items_by_status=[
            StatusCount(status=ItemStatus(status), count=count)
            for status, _label, count in cell.items_by_status
        ],
        most_advanced_status=ItemStatus(cell.most_advanced) if cell.most_advanced else None,
        lead_organisations=cell.lead_organisations,
        facilitator_count=cell.facilitator_count,
        is_current_topic=cell.is_current_topic,
        needs_coordination=cell.needs_coordination,
        coordination_organisations=cell.coordination_organisations,
    )


@strawberry.type
class CooperationQuery:
    @strawberry.field(
        description="Action Plan items of every sister city by topic, optionally narrowed to "
        "an area, a city or an organisation (slugs)."
    )
    def cooperation_matrix(
        self,
        info: Info,
        locale: str | None = None,
        area: str | None = None,
        city: str | None = None,
        organisation: str | None = None,
        status: ItemStatus | None = None,
    ) -> CooperationMatrix:
        target = info.context.locale(locale)
        filters = Filters.clean(
            area=area, city=city, organisation=organisation, status=status.value if status else ""
        )
        matrix = build_matrix(target, filters)
        return CooperationMatrix(
            cities=[MatrixCity(slug=c.slug, title=c.title) for c in matrix.cities],
            topics=[
                MatrixTopic(
                    slug=t.slug,
                    name=t.name,
                    area=MatrixArea(slug=area_obj.slug, name=area_obj.name),
                )
                for area_obj, topics in matrix.areas
                for t in topics
            ],
            cells=[_cell(cell) for cell in matrix.all_cells],
        )

    @strawberry.field(description="Organisations, optionally of one kind or side.")
    def organisations(
        self,
        info: Info,
        locale: str | None = None,
        kind: OrganisationKind | None = None,
        side: OrganisationSide | None = None,
    ) -> list[Organisation]:
        target, default = info.context.locale(locale), info.context.default_locale
        http_cache.tag_snippets(OrganisationModel)
        queryset = in_locales(OrganisationModel.objects.select_related("city"), target, default)
        if kind is not None:
            queryset = queryset.filter(kind=kind.value)
        if side is not None:
            queryset = queryset.filter(side=side.value)
        organisations = pick_localized(queryset.order_by("side", "name"), target, default)
        return sorted(organisations, key=lambda o: (o.side != "isfahan", o.name))
