"""Helpers for values that must be one value across all translations of a page."""

from __future__ import annotations

from django.utils.functional import cached_property
from wagtail.models import Page


class SourceLocaleMixin:
    """Gives a translated page access to the page it was translated from.

    wagtail-localize copies choice, number and date values into a translation only when the
    translation is synced, so a translation's copy can go stale. Values that must be shared by
    every locale (session capacity and dates, Action Plan item tracking) are read from the
    source page: the first-created page with the same ``translation_key``.
    """

    @cached_property
    def source_page(self):
        if getattr(self, "_source_page", None) is not None:
            return self._source_page
        source = (
            type(self).objects.filter(translation_key=self.translation_key).order_by("pk").first()
        )
        return source or self

    def is_source(self) -> bool:
        return self.source_page.pk == self.pk


def translations_with_urls(page: Page, request=None) -> list[tuple[str, str]]:
    """(locale code, url) for every live translation of ``page``, itself included."""
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    return [(p.locale.language_code, p.get_url(request=request)) for p in pages]
