"""PO files downloaded from the translation editor are named after the page's slug and locale.

wagtail-localize names the file after the slugified title, which is empty for a Persian title,
so every download was called ``-en.po``. The view below answers at the same URL (registered
ahead of wagtail-localize's) and renames the file: ``florence-en.po``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from .slugs import ascii_slug


def po_filename(translation: Translation) -> str:
    """``<slug>-<locale>.po``: the object's ASCII slug, else its transliterated name."""
    source = translation.source.get_source_instance()
    slug = getattr(source, "slug", "") or ""
    if not slug or not slug.isascii():
        slug = ascii_slug(slug or translation.source.object_repr)
    return f"{slug or f'translation-{translation.pk}'}-{translation.target_locale.language_code}.po"


def download_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    response = edit_translation.download_pofile(request, translation_id)
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    response["Content-Disposition"] = f'attachment; filename="{po_filename(translation)}"'
    return response
