"""iCalendar (RFC 5545) feeds of co-sessions and Action Plan due dates, per city and for all.

Every event has a UID that never changes (the source page's ``translation_key``, or the plan's
and the item's block id), so calendar apps update rather than duplicate; ``SEQUENCE`` is the
number of revisions the source page has had, so it grows with every change. Session times are
in UTC; the description gives them in Tehran time and the city's own time. A cancelled session
or item is ``STATUS:CANCELLED``. Item due dates are all-day events. Online meeting links are
never included.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.models import Locale, Page, Revision

from cities.models import ActionPlanPage, SessionPage, SisterCityPage

from .items import item_rows
from .localized import by_source_pk
from .models import TrackedItemRecord

TEHRAN = ZoneInfo("Asia/Tehran")
PRODID = "-//Isfahan Municipality//Citizen Diplomat//EN"


def _uid_domain() -> str:
    return urlsplit(settings.SITE_BASE_URL).hostname or "citizen-diplomat.invalid"


def _revision_counts(model, pks: list[int]) -> dict[int, int]:
    if not pks:
        return {}
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    rows = (
        Revision.objects.filter(
            Q(content_type=content_type) | Q(base_content_type=content_type),
            object_id__in=[str(pk) for pk in pks],
        )
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    return {int(row["object_id"]): row["n"] for row in rows}


def _sessions(cities: list[SisterCityPage], locale: Locale, default: Locale) -> list[tuple]:
    """[(session in locale or default, source session)] for the cities (default-locale pages)."""
    if not cities:
        return []
    under = Q()
    for city in cities:
        under |= Q(path__startswith=city.path, depth=city.depth + 1)
    sources = list(SessionPage.objects.live().filter(under, locale=default))
    translated = {}
    if locale.pk != default.pk:
        translated = {
            s.translation_key: s
            for s in SessionPage.objects.live().filter(
                locale=locale, translation_key__in=[s.translation_key for s in sources]
            )
        }
    return [(translated.get(s.translation_key, s), s) for s in sources]


def _in_zone(value: datetime, zone: str) -> str:
    try:
        local = value.astimezone(ZoneInfo(zone))
    except (KeyError, ValueError):
        return ""
    return local.strftime("%Y-%m-%d %H:%M")


def build_calendar(
    cities: list[SisterCityPage],
    locale: Locale,
    default: Locale,
    request: HttpRequest | None = None,
    name: str = "",
) -> Calendar:
    """The calendar of ``cities`` (default-locale pages) in ``locale``."""
    domain = _uid_domain()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or _("Citizen Diplomat"))
    calendar.add("x-wr-timezone", "Asia/Tehran")
    now = timezone.now().astimezone(UTC)
    zones = {city.pk: city.time_zone for city in cities}
    names = by_source_pk(SisterCityPage.objects.all(), locale, default)
    city_by_path = {city.path: city for city in cities}

    sessions = _sessions(cities, locale, default)
    sequences = _revision_counts(SessionPage, [source.pk for _s, source in sessions])
    for shown, source in sorted(sessions, key=lambda pair: pair[1].starts_at):
        city = city_by_path.get(source.path[: -Page.steplen])
        event = Event()
        event.add("uid", f"session-{source.translation_key}@{domain}")
        event.add("dtstamp", now)
        event.add("sequence", max(sequences.get(source.pk, 1) - 1, 0))
        event.add("dtstart", source.starts_at.astimezone(UTC))
        event.add("dtend", source.ends_at.astimezone(UTC))
        event.add("summary", shown.title)
        if source.last_published_at:
            event.add("last-modified", source.last_published_at.astimezone(UTC))
        place = ", ".join(part for part in (shown.venue, shown.address) if part)
        if place and source.format != SessionPage.Format.ONLINE:
            event.add("location", place)
        notes = [
            _("Tehran time: %(time)s") % {"time": _in_zone(source.starts_at, "Asia/Tehran")},
        ]
        if city is not None and zones.get(city.pk):
            notes.append(
                _("Time in %(city)s: %(time)s")
                % {
                    "city": names.get(city.pk, city).title,
                    "time": _in_zone(source.starts_at, zones[city.pk]),
                }
            )
        url = shown.get_full_url(request=request)
        if url:
            event.add("url", url)
            notes.append(url)
        event.add("description", "\n".join(notes))
        cancelled = source.status == SessionPage.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)

    records = TrackedItemRecord.objects.filter(
        city__in=[c.pk for c in cities], due_date__isnull=False
    )
    rows = item_rows(records, locale, default, request)
    plan_sequences = _revision_counts(
        ActionPlanPage,
        list(records.filter(locale=default).values_list("plan_id", flat=True).distinct()),
    )
    keys = dict(
        records.filter(locale=default).values_list("plan__translation_key", "plan_id").distinct()
    )
    for row in rows:
        event = Event()
        event.add("uid", f"item-{row.plan_key}-{row.block_id}@{domain}")
        event.add("dtstamp", now)
        event.add("sequence", max(plan_sequences.get(keys.get(UUID(row.plan_key)), 1) - 1, 0))
        event.add("dtstart", row.due_date)
        event.add("dtend", row.due_date + timedelta(days=1))
        event.add("summary", _("Due: %(title)s") % {"title": row.title})
        event.add(
            "description",
            "\n".join(
                part
                for part in (
                    f"{row.city.title if row.city else ''} — {row.plan_title}",
                    f"{row.status_label} · {row.progress}%",
                    _absolute(row.plan_url, request),
                )
                if part
            ),
        )
        event.add("url", _absolute(row.plan_url, request))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if row.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar


def _absolute(url: str, request: HttpRequest | None) -> str:
    if url.startswith("/"):
        return settings.SITE_BASE_URL.rstrip("/") + url
    return url
