"""Sister cities and the programme's taxonomies: regions, cooperation areas and topics."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Annotated

import strawberry
from django.utils import translation
from django_countries import countries

from cities.models import CooperationArea as AreaModel
from cities.models import CooperationTopic as TopicModel
from cities.models import Region as RegionModel
from cities.models import SisterCityPage
from cms import http_cache

from .blocks import Blocks, stream_blocks
from .context import Info
from .fields import object_field
from .images import Image, shown
from .loaders import PageRow, in_locales, pick_localized, requested_locale
from .pages import Page, hand_out, matches_model
from .pagination import DEFAULT_PAGE_SIZE, first_after

if TYPE_CHECKING:
    from .action_plans import ActionPlan
    from .sessions import Session


@strawberry.type(description="A world region the sister cities belong to.")
class Region:
    slug: str
    name: str


@strawberry.type(description="A topic of cooperation (slug is the same in every language).")
class Topic:
    slug: str
    name: str
    description: str

    @object_field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.pk))


@strawberry.type(description="One of the programme's areas of cooperation, with its topics.")
class CooperationArea:
    slug: str
    name: str
    description: str

    @object_field
    def topics(self) -> list[Topic]:
        return getattr(self, "_api_topics", [])


@strawberry.type
class Country:
    code: str
    name: str


@strawberry.type(description="A sister city's dossier.")
class SisterCity(Page):
    is_type_of = matches_model(SisterCityPage)
    persian_name: str
    local_name: str
    twinned_since: int
    time_zone: str = strawberry.field(description="IANA time zone of the city.")
    summary: str

    @strawberry.field
    def country(self, info: Info) -> Country:
        code = self.country.code
        return Country(code=code, name=country_name(code, _language(info, self)))

    @object_field
    def region(self) -> Region:
        return self.region

    @object_field(description="The city's main languages as codes, e.g. [“es”, “ca”].")
    def languages(self) -> list[str]:
        return self.language_codes

    @object_field
    def latitude(self) -> float | None:
        return float(self.latitude) if self.latitude is not None else None

    @object_field
    def longitude(self) -> float | None:
        return float(self.longitude) if self.longitude is not None else None

    @object_field
    def hero_image(self) -> Image | None:
        return shown(self.hero_image)

    @object_field
    def body(self) -> Blocks:
        return stream_blocks(self.body)

    @strawberry.field(description="Topics of current cooperation.")
    def topics(self, info: Info) -> list[Topic]:
        return info.context.loaders.city_topics.get(self)

    @strawberry.field(description="Published sessions with the city, earliest first.")
    def sessions(
        self, info: Info
    ) -> list[Annotated[Session, strawberry.lazy("graphql_api.sessions")]]:
        from .sessions import sort_sessions

        return sort_sessions(info, info.context.loaders.city_sessions.get(self))

    @strawberry.field(description="Published Action Plans, latest period first.")
    def action_plans(
        self, info: Info
    ) -> list[Annotated[ActionPlan, strawberry.lazy("graphql_api.action_plans")]]:
        from .action_plans import sort_plans

        return sort_plans(info, info.context.loaders.city_action_plans.get(self))


@lru_cache(maxsize=4096)
def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (django-countries' names, translated)."""
    with translation.override(language):
        return str(countries.name(code))


def _language(info: Info, page) -> str:
    locale = requested_locale(page) or info.context.locale_by_id(page.locale_id)
    return locale.language_code


def live_cities(
    info: Info,
    locale: str | None,
    first: int | None = DEFAULT_PAGE_SIZE,
    after: str | None = None,
    **filters,
) -> list[SisterCityPage]:
    target, default = info.context.locale(locale), info.context.default_locale
    http_cache.tag_model(SisterCityPage)
    http_cache.tag_snippets(RegionModel)
    queryset = SisterCityPage.objects.live().filter(**filters)
    queryset = queryset.select_related("region", "hero_image")

    def by_title(rows: list[PageRow]) -> list[PageRow]:
        rows.sort(key=lambda row: row.title)
        return first_after(rows, first, after)

    cities = info.context.loaders.localized_pages(queryset, target, default, by_title, info)
    return hand_out(info, cities)


def localized_snippets(info: Info, queryset, locale: str | None) -> list:
    target, default = info.context.locale(locale), info.context.default_locale
    http_cache.tag_snippets(queryset.model)
    return pick_localized(in_locales(queryset, target, default), target, default)


@strawberry.type
class CityQuery:
    @strawberry.field(description="The world regions, in their sort order.")
    def regions(self, info: Info, locale: str | None = None) -> list[Region]:
        return localized_snippets(info, RegionModel.objects.all(), locale)

    @strawberry.field(description="The areas of cooperation with their topics.")
    def cooperation_areas(self, info: Info, locale: str | None = None) -> list[CooperationArea]:
        areas = localized_snippets(info, AreaModel.objects.all(), locale)
        topics = localized_snippets(info, TopicModel.objects.select_related("area"), locale)
        area_keys = {}
        for topic in topics:
            area_keys.setdefault(topic.area.translation_key, []).append(topic)
        for area in areas:
            area._api_topics = area_keys.get(area.translation_key, [])
        return areas

    @strawberry.field(
        description="The sister cities by title, optionally of one region (by slug); `first` "
        "(default and maximum 100) after the city whose slug is `after`."
    )
    def cities(
        self,
        info: Info,
        locale: str | None = None,
        region: str | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> list[SisterCity]:
        filters = {"region__slug": region} if region else {}
        return live_cities(info, locale, first, after, **filters)

    @strawberry.field(description="One sister city by its slug (the same in every language).")
    def city(self, info: Info, slug: str, locale: str | None = None) -> SisterCity | None:
        found = live_cities(info, locale, slug=slug)
        return found[0] if found else None
