"""Reading what Persian editors type: Solar Hijri dates and Persian/Arabic digits."""

from __future__ import annotations

import re
from datetime import date, datetime

import jdatetime

from registrations.normalize import to_ascii_digits

# 1405/1/10, 1405-01-10 or 1405.01.10, optionally followed by a time (14:30 or 14:30:00).
_DATE = re.compile(
    r"^\s*(?P<year>\d{4})\s*[/\-.]\s*(?P<month>\d{1,2})\s*[/\-.]\s*(?P<day>\d{1,2})"
    r"(?:\s*[,،]?\s*(?:ساعت\s*)?(?P<hour>\d{1,2})[:٫](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*$"
)
# Years at or above this are Gregorian already (a Solar Hijri year is about 621 lower).
FIRST_GREGORIAN_YEAR = 1700


def parse_solar_hijri(text: str) -> date | datetime | None:
    """``۱۴۰۵/۰۱/۱۰`` → 2026-03-30, ``۱۴۰۵/۰۱/۱۰ ۱۴:۳۰`` → 2026-03-30 14:30; None if not a date.

    Persian and Arabic digits are accepted. A Gregorian year (2026-03-30) is taken as it is.
    """
    match = _DATE.match(to_ascii_digits(text or ""))
    if not match:
        return None
    year, month, day = (int(match[part]) for part in ("year", "month", "day"))
    try:
        if year >= FIRST_GREGORIAN_YEAR:
            day_value = date(year, month, day)
        else:
            day_value = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    if match["hour"] is None:
        return day_value
    try:
        return datetime(
            day_value.year,
            day_value.month,
            day_value.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
        )
    except ValueError:
        return None


def format_solar_hijri_input(value: date | datetime) -> str:
    """The editable form of a date: ``۱۴۰۵/۰۱/۱۰`` (``۱۴۰۵/۰۱/۱۰ ۱۴:۳۰`` for a datetime)."""
    day = value.date() if isinstance(value, datetime) else value
    jalali = jdatetime.date.fromgregorian(date=day)
    text = f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"
    if isinstance(value, datetime):
        text += f" {value:%H:%M}"
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
