"""Co-sessions with a sister city: when, where, and whether one can register.

Dates, capacity, format and status are read from the source-locale page (they are one value
for every language); seat counts come from registrations in one batched call per request.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from cities.models import SessionPage, SisterCityPage
from cms import http_cache
from cms.dates import PROGRAMME_TIME_ZONE, format_display

from .blocks import Blocks, stream_blocks
from .context import Info
from .fields import object_field
from .loaders import in_locales, pick_localized, requested_locale, under_paths
from .pages import Page, hand_out, matches_model
from .pagination import DEFAULT_PAGE_SIZE, clamp_limit

if TYPE_CHECKING:
    from .cities import SisterCity


def _enum(name: str, choices, description: str) -> type[Enum]:
    return strawberry.enum(
        Enum(name, {member.name: member.value for member in choices}), description=description
    )


SessionFormat = _enum("SessionFormat", SessionPage.Format, "How a session is held.")
SessionStatus = _enum("SessionStatus", SessionPage.Status, "Whether a session is on.")
RegistrationState = _enum(
    "RegistrationState", SessionPage.RegistrationState, "Where registration stands now."
)


def display_date(info: Info, page, value) -> str | None:
    if value is None:
        return None
    locale = requested_locale(page) or info.context.locale_by_id(page.locale_id)
    return format_display(value, locale.language_code)


@strawberry.type(description="A co-session with a sister city.")
class Session(Page):
    is_type_of = matches_model(SessionPage)

    @strawberry.field
    def city(self, info: Info) -> Annotated[SisterCity, strawberry.lazy("graphql_api.cities")]:
        return info.context.loaders.parent_city.get(self)

    @strawberry.field(description="The co-session's number in the series with this city.")
    def number(self, info: Info) -> int:
        return _source(info, self).number

    @strawberry.field
    def starts_at(self, info: Info) -> datetime:
        return _source(info, self).starts_at

    @strawberry.field
    def ends_at(self, info: Info) -> datetime:
        return _source(info, self).ends_at

    @strawberry.field(description="Start date and time in the requested language (Tehran time).")
    def starts_at_display(self, info: Info) -> str:
        return display_date(info, self, _source(info, self).starts_at)

    @strawberry.field
    def ends_at_display(self, info: Info) -> str:
        return display_date(info, self, _source(info, self).ends_at)

    @object_field(description="The time zone of the …Display strings (sessions are in Isfahan).")
    def time_zone(self) -> str:
        return PROGRAMME_TIME_ZONE.key

    @object_field
    def venue(self) -> str:
        return self.venue

    @strawberry.field
    def format(self, info: Info) -> SessionFormat:
        return SessionFormat(_source(info, self).format)

    @strawberry.field
    def status(self, info: Info) -> SessionStatus:
        return SessionStatus(_source(info, self).status)

    @strawberry.field
    def registration_opens_at(self, info: Info) -> datetime | None:
        return _source(info, self).registration_opens_at

    @strawberry.field
    def registration_closes_at(self, info: Info) -> datetime | None:
        return _source(info, self).registration_closes_at

    @strawberry.field
    def registration_closes_at_display(self, info: Info) -> str | None:
        return display_date(info, self, _source(info, self).registration_closes_at)

    @strawberry.field
    def registration_state(self, info: Info) -> RegistrationState:
        return RegistrationState(_registration_state(info, self))

    @strawberry.field(description="Seats in total.")
    def capacity(self, info: Info) -> int:
        return _source(info, self).capacity

    @strawberry.field(description="Seats not yet confirmed to anyone.")
    def seats_left(self, info: Info) -> int:
        _source(info, self)
        return self.seats_left(info.context.loaders.seats_taken.get(self))

    @object_field(description="Participating institutions.")
    def participants(self) -> Blocks:
        return stream_blocks(self.participants)

    @object_field
    def agenda(self) -> Blocks:
        return stream_blocks(self.agenda)

    @object_field(description="The announcement.")
    def body(self) -> Blocks:
        return stream_blocks(self.body)

    @object_field(description="After the session: what was discussed and agreed.")
    def summary(self) -> Blocks:
        return stream_blocks(self.summary)


def _source(info: Info, page: SessionPage) -> SessionPage:
    return info.context.loaders.source_of(page)


def _registration_state(info: Info, page: SessionPage) -> str:
    _source(info, page)
    return page.registration_state(
        now=info.context.loaders.now(), seats_taken=info.context.loaders.seats_taken.get(page)
    )


def sort_sessions(info: Info, sessions: list[SessionPage], newest_first: bool = False):
    loaders = info.context.loaders
    return sorted(sessions, key=lambda s: loaders.source_of(s).starts_at, reverse=newest_first)


@strawberry.type
class SessionQuery:
    @strawberry.field(
        description="Published sessions; upcoming ones soonest first, otherwise latest first "
        "(at most 100 per request; `limit` defaults to 100)."
    )
    def sessions(
        self,
        info: Info,
        locale: str | None = None,
        city: str | None = None,
        upcoming: bool | None = None,
        registration_open: bool | None = None,
        limit: int | None = DEFAULT_PAGE_SIZE,
        offset: int = 0,
    ) -> list[Session]:
        target, default = info.context.locale(locale), info.context.default_locale
        limit, offset = clamp_limit(limit), max(offset, 0)
        http_cache.tag_model(SessionPage)
        queryset = in_locales(
            info.context.loaders.narrow(SessionPage.objects.live(), info), target, default
        )
        if city is not None:
            paths = SisterCityPage.objects.filter(slug=city).values_list("path", flat=True)
            queryset = queryset.filter(under_paths(paths))
        sessions = hand_out(info, pick_localized(queryset, target, default))
        now = info.context.loaders.now()
        if upcoming is not None:
            sessions = [s for s in sessions if s.is_upcoming(now) == upcoming]
        if registration_open is not None:
            sessions = [
                s
                for s in sessions
                if (_registration_state(info, s) == SessionPage.RegistrationState.OPEN)
                == registration_open
            ]
        ordered = sort_sessions(info, sessions, newest_first=not upcoming)
        return ordered[offset : offset + limit]

    @strawberry.field(description="One session by its slug (the same in every language).")
    def session(self, info: Info, slug: str, locale: str | None = None) -> Session | None:
        target, default = info.context.locale(locale), info.context.default_locale
        http_cache.tag_model(SessionPage)
        found = pick_localized(
            in_locales(SessionPage.objects.live().filter(slug=slug), target, default),
            target,
            default,
        )
        return hand_out(info, found)[0] if found else None
