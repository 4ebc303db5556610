"""The ``Page`` interface every page type implements, and ``page``, ``search``, ``preview``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from django.conf import settings
from wagtail.models import Page as WagtailPage
from wagtail.models import Site

from cms import http_cache
from cms.models import HomePage as HomePageModel
from cms.models import StandardPage as StandardPageModel
from cms.public_urls import public_url

from .blocks import Blocks, rich_text_html, stream_blocks
from .context import Info
from .fields import object_field
from .loaders import (
    FALLBACK_ATTR,
    REQUESTED_LOCALE_ATTR,
    in_locales,
    is_fallback,
    pick_localized,
)
from .pagination import DEFAULT_PAGE_SIZE, clamp_limit
from .preview import page_from_token


@strawberry.type(description="The same content in another language.")
class Translation:
    locale: str
    url: str


_TYPED_MODELS: list[type] = []
"""Page models with a GraphQL type of their own (``GenericPage`` serves the others)."""


def matches_model(model: type):
    """An ``is_type_of`` for the GraphQL type of ``model`` (resolves the ``Page`` interface)."""
    _TYPED_MODELS.append(model)

    def check(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, model)

    return classmethod(check)


@strawberry.interface(description="Any published page, in the requested locale or the default.")
class Page:
    title: str
    slug: str

    @object_field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.pk))

    @strawberry.field(description="Absolute public URL (on the site's public base URL).")
    def url(self, info: Info) -> str | None:
        return public_url(self, info.context.request)

    @strawberry.field(description="Language code of this object's content.")
    def locale(self, info: Info) -> str:
        return info.context.locale_by_id(self.locale_id).language_code

    @object_field(
        description="True when the object is missing in the requested locale and this is the "
        "default-locale (Persian) version instead."
    )
    def is_fallback(self) -> bool:
        return is_fallback(self)

    @object_field(description="The same for every translation of this content.")
    def translation_key(self) -> strawberry.ID:
        return strawberry.ID(str(self.translation_key))

    @strawberry.field(
        description="Published translations (this one included), for switchers; never a "
        "left-over alias page, which shows another language's text."
    )
    def translations(self, info: Info) -> list[Translation]:
        return [
            Translation(locale=code, url=url)
            for code, url in info.context.loaders.translations.get(self)
        ]

    @object_field(description="The page model, e.g. “cities.SisterCityPage”.")
    def page_type(self) -> str:
        return f"{self._meta.app_label}.{type(self).__name__}"

    @object_field
    def seo_title(self) -> str:
        return self.seo_title or self.title

    @object_field
    def search_description(self) -> str:
        return self.search_description or ""

    @object_field
    def last_published_at(self) -> datetime | None:
        return self.last_published_at

    @strawberry.field(
        description="True when this translation is behind its source (Persian) page: the "
        "source was changed and published since, and the change is not yet translated."
    )
    def translation_outdated(self, info: Info) -> bool:
        return info.context.loaders.translation_state.get(self).outdated

    @strawberry.field(
        description="When the source (Persian) page of this content was last published; null "
        "while it never was. Pages only: snippets (regions, cooperation areas, topics, "
        "organisations) have no publication date, so a snippet's source date is always null "
        "(their outdated state is shown in the admin)."
    )
    def source_last_published_at(self, info: Info) -> datetime | None:
        return info.context.loaders.translation_state.get(self).source_last_published_at

    @strawberry.field(
        description="True while any text of this translation is still a machine translation "
        "that no person has accepted."
    )
    def machine_translated(self, info: Info) -> bool:
        return info.context.loaders.translation_state.get(self).machine_translated


@strawberry.type(description="The home page.")
class HomePage(Page):
    is_type_of = matches_model(HomePageModel)

    @strawberry.field(description="Introduction (HTML).")
    def intro(self, info: Info) -> str:
        return rich_text_html(info, self.intro)

    @object_field
    def goals(self) -> Blocks:
        return stream_blocks(self.goals)

    @object_field
    def body(self) -> Blocks:
        return stream_blocks(self.body)


@strawberry.type(description="A page of text: about the programme, privacy, FAQ.")
class StandardPage(Page):
    is_type_of = matches_model(StandardPageModel)
    intro: str

    @object_field
    def body(self) -> Blocks:
        return stream_blocks(self.body)


@strawberry.type(description="A page type without its own GraphQL type.")
class GenericPage(Page):
    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, WagtailPage) and not isinstance(obj, tuple(_TYPED_MODELS))


def hand_out(info: Info, pages: list[WagtailPage]) -> list[WagtailPage]:
    """Register pages a resolver returns, so their nested fields load in batches."""
    info.context.loaders.prime_pages(pages)
    return pages


def find_by_path(info: Info, path: str, locale_code: str | None) -> WagtailPage | None:
    """The live page at ``path`` ("/cities/florence/", optionally "/en/cities/florence/")."""
    http_cache.tag(http_cache.ANY_PAGE_TAG)
    context = info.context
    parts = [part for part in path.split("/") if part]
    if parts and locale_code is None and parts[0] in context.language_codes:
        if parts[0] != settings.DEFAULT_CONTENT_LANGUAGE:
            locale_code = parts[0]
            parts = parts[1:]
    locale, default = context.locale(locale_code), context.default_locale
    site = (
        Site.find_for_request(context.request) or Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return None
    roots = in_locales(
        WagtailPage.objects.filter(translation_key=site.root_page.translation_key),
        locale,
        default,
    )
    url_paths = [root.url_path + "".join(f"{part}/" for part in parts) for root in roots]
    ids = WagtailPage.objects.live().filter(url_path__in=url_paths).order_by("pk")
    candidates = context.loaders.specific_pages(list(ids.values_list("pk", flat=True)), info)
    found = pick_localized(candidates, locale, default)
    return hand_out(info, found)[0] if found else None


@strawberry.type
class PageQuery:
    @strawberry.field(description="The page at a path such as “/cities/florence/”.")
    def page(self, info: Info, path: str, locale: str | None = None) -> Page | None:
        return find_by_path(info, path, locale)

    @strawberry.field(
        description="Full-text search of published pages in one language "
        "(at most 100 per request; `limit` defaults to 100)."
    )
    def search(
        self,
        info: Info,
        query: str,
        locale: str | None = None,
        limit: int | None = DEFAULT_PAGE_SIZE,
        offset: int = 0,
    ) -> list[Page]:
        target, default = info.context.locale(locale), info.context.default_locale
        limit, offset = clamp_limit(limit), max(offset, 0)
        if not query.strip() or limit == 0:
            return []
        http_cache.tag(http_cache.ANY_PAGE_TAG)
        results = in_locales(WagtailPage.objects.live(), target, default).search(
            query[:200], operator="and"
        )
        ids = [page.pk for page in results[: (offset + limit) * 2]]
        ordered = info.context.loaders.specific_pages(ids, info)
        found = pick_localized(ordered, target, default)[offset : offset + limit]
        return hand_out(info, found)

    @strawberry.field(
        description="The draft a signed preview link points at (errors: "
        "INVALID_PREVIEW_TOKEN, EXPIRED_PREVIEW_TOKEN)."
    )
    def preview(self, info: Info, token: str) -> Page:
        page = page_from_token(token)
        setattr(page, FALLBACK_ATTR, False)
        setattr(page, REQUESTED_LOCALE_ATTR, info.context.locale_by_id(page.locale_id))
        return hand_out(info, [page])[0]
