"""Locales: the languages content is published in."""

from __future__ import annotations

from enum import Enum

import strawberry
from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.models import Locale as WagtailLocale

from .context import Info


@strawberry.enum(description="Writing direction of a language.")
class Direction(Enum):
    LTR = "ltr"
    RTL = "rtl"


@strawberry.type(description="A language the content is published in.")
class Locale:
    code: str = strawberry.field(description="Language code, e.g. “fa” or “en”.")
    name: str = strawberry.field(description="The language's name in English.")
    native_name: str = strawberry.field(description="The language's name in itself.")
    direction: Direction
    is_default: bool


def locale_info(code: str) -> Locale:
    try:
        info = get_language_info(code)
    except KeyError:
        info = {"name": code, "name_local": code, "bidi": False}
    return Locale(
        code=code,
        name=info["name"],
        native_name=info["name_local"],
        direction=Direction.RTL if info["bidi"] else Direction.LTR,
        is_default=code == settings.DEFAULT_CONTENT_LANGUAGE,
    )


@strawberry.type
class LocaleQuery:
    @strawberry.field(description="The languages of the site, the default (Persian) first.")
    def locales(self, info: Info) -> list[Locale]:
        existing = set(WagtailLocale.objects.values_list("language_code", flat=True))
        codes = [code for code in info.context.language_codes if code in existing]
        codes.sort(key=lambda c: c != settings.DEFAULT_CONTENT_LANGUAGE)
        return [locale_info(code) for code in codes]
