"""Filters for the admin templates this app overrides."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import formats

from cms.dates import persian_digits

from ..dates import format_admin_date, solar_hijri_active

register = template.Library()


@register.filter
def admin_digits(value: Any) -> str:
    """Persian digits for a Persian admin user; the text unchanged otherwise."""
    return persian_digits(str(value)) if solar_hijri_active() else str(value)


@register.filter
def admin_date(value: Any, format_name: str = "DATETIME_FORMAT") -> str:
    """The date as the admin user reads it: Solar Hijri for Persian, ``format_name`` otherwise."""
    if not isinstance(value, date):
        return ""
    if solar_hijri_active():
        return format_admin_date(value, with_time="DATETIME" in format_name)
    return formats.date_format(value, format_name)
