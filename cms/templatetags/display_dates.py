"""Dates as readers expect them: ``{% load display_dates %}``.

``{{ value|localdate_display }}`` gives the Solar Hijri date with Persian digits when the active
language is Persian and the Gregorian date otherwise, always in Tehran time; the formatting
itself is ``cms.dates`` (shared with the GraphQL API).
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import translation

from cms.dates import (
    format_display,
    format_gregorian,
    to_programme_time,
    uses_solar_hijri,
)
from cms.persian import localize_digits

register = template.Library()


def _with_time(arg: str | None) -> bool | None:
    return {"date": False, "datetime": True}.get(arg or "")


@register.filter
def localdate_display(value: date | datetime | None, arg: str | None = None) -> str:
    """``{{ d|localdate_display }}``; ``:"date"`` drops the time of a datetime."""
    if not value:
        return ""
    return format_display(value, translation.get_language() or "fa", _with_time(arg))


@register.filter
def gregorian_display(value: date | datetime | None, arg: str | None = None) -> str:
    """The Gregorian date in the active language (Persian readers see it next to the Hijri)."""
    if not value:
        return ""
    language = translation.get_language() or "fa"
    with_time = _with_time(arg)
    return format_gregorian(value, language, with_time is not False)


@register.filter
def machine_date(value: date | datetime | None) -> str:
    """ISO 8601 for ``<time datetime>``; datetimes in Tehran time with their offset."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return to_programme_time(value).isoformat(timespec="minutes")
    return value.isoformat()


@register.inclusion_tag("includes/display_date.html")
def display_date(value: date | datetime | None, arg: str | None = None) -> dict:
    """A ``<time>`` element; for Persian readers the Gregorian date follows in brackets."""
    language = translation.get_language() or "fa"
    return {
        "value": value,
        "arg": arg,
        "is_datetime": isinstance(value, datetime) and arg != "date",
        "show_gregorian": bool(value) and uses_solar_hijri(language),
    }


@register.filter
def local_digits(value: object) -> str:
    """Numbers in Persian digits (and ٪) for Persian readers, unchanged for everyone else."""
    return localize_digits(value)
