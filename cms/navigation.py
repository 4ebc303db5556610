"""What the site's header needs: the same page in other languages and the locale's home page.

Kept out of the template tags so it can be tested and reused (sitemaps, previews) directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class LanguageVersion:
    """One language in which the current page can be read."""

    code: str
    name: str  # the language's own name (فارسی, English, Español…)
    url: str
    is_current: bool
    is_bidi: bool
    full_url: str  # absolute, for <link rel="alternate" hreflang>
    is_default: bool  # the default language also answers for hreflang="x-default"


def language_name(code: str) -> tuple[str, str, bool]:
    """(native name, name in the active language, right-to-left?) for a language code.

    Codes Django does not know as such (``zh``) fall back to their main variant, then to the
    code itself, so a new CONTENT_LANGUAGES entry never breaks the page.
    """
    for candidate in (code, f"{code}-hans"):
        try:
            info = translation.get_language_info(candidate)
        except KeyError:
            continue
        return info["name_local"], info["name_translated"], info["bidi"]
    return code, code, False


def _version(code: str, url: str, current: str, request: HttpRequest | None) -> LanguageVersion:
    native, _translated_name, bidi = language_name(code)
    return LanguageVersion(
        code=code,
        name=native,
        url=url,
        is_current=code == current,
        is_bidi=bidi,
        full_url=request.build_absolute_uri(url) if request else url,
        is_default=code == settings.DEFAULT_CONTENT_LANGUAGE,
    )


def page_language_versions(page: Page, request: HttpRequest | None = None) -> list[LanguageVersion]:
    """Every live translation of ``page`` (itself included), in the configured language order.

    Aliases are left out: they show another language's text (``serve_only_in_own_language``).
    """
    current = translation.get_language()
    order = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    versions = []
    translations = page.get_translations(inclusive=True).live().filter(alias_of__isnull=True)
    for translated in translations.select_related("locale"):
        code = translated.locale.language_code
        url = translated.get_url(request=request)
        if url is None:
            continue
        versions.append(_version(code, url, current, request))
    return sorted(versions, key=lambda v: order.get(v.code, len(order)))


def path_language_versions(request: HttpRequest) -> list[LanguageVersion]:
    """For pages that are not Wagtail pages (404, Django views): the same path in each language."""
    current = translation.get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        versions.append(_version(code, translate_url(request.path, code), current, request))
    return versions


def menu_pages(home: Page) -> list[Page]:
    """The main navigation under ``home``: the sister-city index, then pages marked for menus."""
    from cities.models import SisterCityIndexPage

    children = home.get_children().live().specific().order_by("path")
    return [
        child for child in children if isinstance(child, SisterCityIndexPage) or child.show_in_menus
    ]


def footer_pages(home: Page) -> list[Page]:
    """Standard pages under ``home`` (about, privacy policy, FAQ), linked from every page."""
    from cms.models import StandardPage

    return list(StandardPage.objects.live().child_of(home).order_by("path"))


def home_page_for_active_locale() -> Page | None:
    """The live home page in the active language, else the default language's."""
    from cms.models import HomePage

    homes = HomePage.objects.live().select_related("locale")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    return (locale and homes.filter(locale=locale).first()) or homes.filter(
        locale__language_code=settings.DEFAULT_CONTENT_LANGUAGE
    ).first()
