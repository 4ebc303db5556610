"""Action Plans: what Isfahan and a sister city agreed to do, and how far they have got.

Item texts are the page's own (translated); tracking values (area, topic, dates, status,
progress) are shared by every language and come from the source page. Progress is derived.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from cities.models import ActionPlanPage, SisterCityPage, TrackedItem
from cities.models.action_plans import ItemStatus as ItemStatusChoices
from cities.models.action_plans import LeadActor as LeadActorChoices
from cms import http_cache

from .cities import CooperationArea, Topic
from .context import Info
from .fields import object_field
from .loaders import in_locales, pick_localized, under_paths
from .pages import Page, hand_out, matches_model
from .pagination import DEFAULT_PAGE_SIZE, first_after
from .sessions import display_date

if TYPE_CHECKING:
    from .cities import SisterCity
    from .cooperation import Organisation
    from .sessions import Session

ItemStatus = strawberry.enum(
    Enum("ItemStatus", {m.name: m.value for m in ItemStatusChoices}),
    description="Where an Action Plan item stands.",
)
LeadActor = strawberry.enum(
    Enum("LeadActor", {m.name: m.value for m in LeadActorChoices}),
    description="Who leads an Action Plan item on Isfahan's side.",
)


@strawberry.type(description="One thing the cities agreed to do.")
class ActionPlanItem:
    id: strawberry.ID
    title: str
    description: str
    partner: str = strawberry.field(description="The partner on the sister city's side.")
    start_date: date | None
    due_date: date | None
    progress: int = strawberry.field(description="0–100.")

    @object_field
    def area(self) -> CooperationArea | None:
        return self.area

    @object_field
    def topic(self) -> Topic | None:
        return self.topic

    @object_field
    def lead_actors(self) -> list[LeadActor]:
        return [LeadActor(a) for a in self.lead_actors if a in LeadActorChoices.values]

    @object_field
    def status(self) -> ItemStatus:
        return ItemStatus(self.status)

    @strawberry.field(description="The Isfahan organisations that lead the item.")
    def lead_organisations(
        self, info: Info
    ) -> list[Annotated[Organisation, strawberry.lazy("graphql_api.cooperation")]]:
        return _organisations(info, self, self.lead_organisation_ids)

    @strawberry.field(description="The sister city's organisations partnering on the item.")
    def partner_organisations(
        self, info: Info
    ) -> list[Annotated[Organisation, strawberry.lazy("graphql_api.cooperation")]]:
        return _organisations(info, self, self.partner_organisation_ids)

    @object_field(description="The status in the requested language.")
    def status_display(self) -> str:
        return self.status_label


@strawberry.type
class AreaProgress:
    area: CooperationArea
    progress: int


@strawberry.type(description="The Action Plan agreed with a sister city after co-sessions.")
class ActionPlan(Page):
    is_type_of = matches_model(ActionPlanPage)
    summary: str

    @strawberry.field
    def city(self, info: Info) -> Annotated[SisterCity, strawberry.lazy("graphql_api.cities")]:
        return info.context.loaders.parent_city.get(self)

    @strawberry.field(description="The co-sessions this plan follows from.")
    def sessions(
        self, info: Info
    ) -> list[Annotated[Session, strawberry.lazy("graphql_api.sessions")]]:
        return info.context.loaders.followed_sessions.get(self)

    @strawberry.field
    def period_start(self, info: Info) -> date:
        return info.context.loaders.source_of(self).period_start

    @strawberry.field
    def period_end(self, info: Info) -> date:
        return info.context.loaders.source_of(self).period_end

    @strawberry.field
    def period_start_display(self, info: Info) -> str:
        return display_date(info, self, info.context.loaders.source_of(self).period_start)

    @strawberry.field
    def period_end_display(self, info: Info) -> str:
        return display_date(info, self, info.context.loaders.source_of(self).period_end)

    @strawberry.field
    def items(self, info: Info) -> list[ActionPlanItem]:
        return _items(info, self)

    @strawberry.field(description="Mean progress of the items not cancelled, 0–100.")
    def progress(self, info: Info) -> int:
        _items(info, self)
        return self.progress

    @strawberry.field(description="Mean progress per area of cooperation.")
    def progress_by_area(self, info: Info) -> list[AreaProgress]:
        _items(info, self)
        return [AreaProgress(area=a, progress=p) for a, p in self.progress_by_area()]


def _organisations(info: Info, item: TrackedItem, ids: tuple[int, ...]) -> list:
    loader = info.context.loaders.organisations
    found = [loader.get((pk, item.locale_id)) for pk in ids]
    return [org for org in found if org is not None]


def _items(info: Info, plan: ActionPlanPage) -> list[TrackedItem]:
    return info.context.loaders.tracked_items.get(plan)


def sort_plans(info: Info, plans: list[ActionPlanPage]) -> list[ActionPlanPage]:
    loaders = info.context.loaders
    return sorted(plans, key=lambda p: loaders.source_of(p).period_start, reverse=True)


@strawberry.type
class ActionPlanQuery:
    @strawberry.field(
        description="Published Action Plans, optionally of one city (by slug), latest period "
        "first; `first` (default and maximum 100) after the plan whose `translationKey` is "
        "`after` (plans' slugs repeat between cities)."
    )
    def action_plans(
        self,
        info: Info,
        locale: str | None = None,
        city: str | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> list[ActionPlan]:
        target, default = info.context.locale(locale), info.context.default_locale
        http_cache.tag_model(ActionPlanPage)
        queryset = in_locales(
            info.context.loaders.narrow(ActionPlanPage.objects.live(), info), target, default
        )
        if city is not None:
            paths = SisterCityPage.objects.filter(slug=city).values_list("path", flat=True)
            queryset = queryset.filter(under_paths(paths))
        plans = pick_localized(queryset, target, default)
        info.context.loaders.prime_sources(plans)
        plans = sort_plans(info, plans)
        return hand_out(
            info, first_after(plans, first, after, cursor=lambda plan: str(plan.translation_key))
        )
