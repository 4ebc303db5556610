"""How the programme shows dates to people: Solar Hijri for Persian, Gregorian otherwise.

Every session happens in Isfahan, so datetimes are always shown in Tehran time whatever the
reader's language or the server's time zone. The logic lives here, outside any template tag, so
the server-rendered site and the GraphQL ``…Display`` fields format dates identically.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import jdatetime
from django.utils import dateformat, formats, timezone, translation

PROGRAMME_TIME_ZONE = ZoneInfo("Asia/Tehran")
SOLAR_HIJRI_LANGUAGES = frozenset({"fa"})

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_digits(text: str) -> str:
    """Write the ASCII digits of ``text`` as Persian digits (۰–۹)."""
    return str(text).translate(_PERSIAN_DIGITS)


def to_programme_time(value: datetime) -> datetime:
    """Return ``value`` in Tehran time; a naive datetime is taken to be Tehran time already."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=PROGRAMME_TIME_ZONE)
    return value.astimezone(PROGRAMME_TIME_ZONE)


def uses_solar_hijri(language: str | None) -> bool:
    """Whether readers of ``language`` expect the Solar Hijri calendar (Persian does)."""
    return (language or "").split("-")[0].lower() in SOLAR_HIJRI_LANGUAGES


def format_solar_hijri(value: date | datetime, with_time: bool = False) -> str:
    """``1 فروردین 1405`` (optionally with ``، ساعت 10:30``) with Persian digits and months."""
    if isinstance(value, datetime):
        value = to_programme_time(value)
    day = value.date() if isinstance(value, datetime) else value
    jalali = jdatetime.date.fromgregorian(date=day, locale=jdatetime.FA_LOCALE)
    text = f"{jalali.day} {jalali.j_months_fa[jalali.month - 1]} {jalali.year}"
    if with_time and isinstance(value, datetime):
        text += f"، ساعت {value:%H:%M}"
    return persian_digits(text)


def format_gregorian(value: date | datetime, language: str, with_time: bool = False) -> str:
    """The date in ``language``'s own Gregorian format (``March 21, 2026``), 24-hour time.

    Persian readers get Persian digits here too (``۲۱ مارس ۲۰۲۶``), as in the Solar Hijri date.
    """
    if isinstance(value, datetime):
        value = to_programme_time(value)
    with translation.override(language):
        # dateformat directly: the admin shows Persian users ``date_format`` in Solar Hijri
        # (cms.admin_i18n.dates), and this function is the Gregorian date by definition.
        text = dateformat.format(value, formats.get_format("DATE_FORMAT", use_l10n=True))
    persian = uses_solar_hijri(language)
    if with_time and isinstance(value, datetime):
        text += f"{'، ' if persian else ', '}{value:%H:%M}"
    return persian_digits(text) if persian else text


@lru_cache(maxsize=8192)
def format_display(value: date | datetime, language: str, with_time: bool | None = None) -> str:
    """Format ``value`` for a reader of ``language``.

    Persian gets the Solar Hijri calendar with Persian month names and digits; every other
    language the Gregorian calendar in its own format. Datetimes are shown in Tehran time and,
    unless ``with_time`` says otherwise, with the hour; dates never carry a time.
    """
    show_time = isinstance(value, datetime) and (True if with_time is None else with_time)
    if uses_solar_hijri(language):
        return format_solar_hijri(value, with_time=show_time)
    return format_gregorian(value, language, with_time=show_time)
