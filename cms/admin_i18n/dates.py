"""Solar Hijri dates with Persian digits wherever the Wagtail admin shows a date to a Persian user.

Wagtail formats admin dates through Django's ``date_format`` (the ``date`` filter with a named
format, and ``{{ value }}`` of a date in a template) and through ``{% human_readable_date %}``,
whose template this app overrides. ``install()`` wraps ``django.utils.formats.date_format`` so
that, only inside an admin request (see ``middleware``) and only when Persian is active, the
named formats give the Solar Hijri date; every other caller, the public site included, is
untouched.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import jdatetime
from django.utils import formats, timezone, translation

from cms.dates import persian_digits, uses_solar_hijri

NAMED_FORMATS = ("DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT")
_in_admin: contextvars.ContextVar[bool] = contextvars.ContextVar("persian_admin", default=False)


@contextmanager
def admin_dates() -> Any:
    """Within this block (an admin request), named date formats follow the admin's language."""
    token = _in_admin.set(True)
    try:
        yield
    finally:
        _in_admin.reset(token)


def solar_hijri_active() -> bool:
    """Whether dates now being formatted are for a Persian admin user."""
    return _in_admin.get() and uses_solar_hijri(translation.get_language())


def format_admin_date(value: date | datetime, with_time: bool | None = None) -> str:
    """``۱۰ فروردین ۱۴۰۵، ۱۴:۳۰``: the Solar Hijri date in the current time zone, Persian digits."""
    show_time = isinstance(value, datetime) if with_time is None else with_time
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        day = value.date()
    else:
        day = value
    jalali = jdatetime.date.fromgregorian(date=day, locale=jdatetime.FA_LOCALE)
    text = f"{jalali.day} {jalali.j_months_fa[jalali.month - 1]} {jalali.year}"
    if show_time and isinstance(value, datetime):
        text += f"، {value:%H:%M}"
    return persian_digits(text)


def _named(format_name: str | None) -> str | None:
    """The named format ``format_name`` is, also when given as its resolved format string."""
    if format_name is None:
        return "DATE_FORMAT"
    if format_name in NAMED_FORMATS:
        return format_name
    for name in NAMED_FORMATS:
        if format_name == formats.get_format(name):
            return name
    return None


def install() -> None:
    """Wrap Django's ``date_format`` once (idempotent)."""
    original = formats.date_format
    if getattr(original, "solar_hijri_aware", False):
        return

    def date_format(value: Any, format: str | None = None, use_l10n: bool | None = None) -> str:
        if solar_hijri_active() and isinstance(value, date):
            name = _named(format)
            if name is not None:
                return format_admin_date(value, with_time="DATETIME" in name)
        return original(value, format, use_l10n)

    date_format.solar_hijri_aware = True  # type: ignore[attr-defined]
    formats.date_format = date_format
