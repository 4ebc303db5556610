"""Write translations through wagtail-localize's own machinery (sources, strings, targets).

Used by the seed command and by tests, so that translated content is exactly what an editor
translating in the admin would produce: a ``TranslationSource`` extracted from the source object,
a ``StringTranslation`` per segment, and the target saved by wagtail-localize itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.db import models, transaction
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


class MissingTranslations(Exception):
    """Some source strings have no translation in the mapping given."""

    def __init__(self, instance: models.Model, locale: Locale, strings: list[str]) -> None:
        self.strings = strings
        super().__init__(
            f"{type(instance).__name__} “{instance}” → {locale.language_code}: "
            f"no translation for {strings!r}"
        )


def needs_translation(text: str) -> bool:
    """Strings in Persian script need a translation; codes, times and numbers stay as they are."""
    return bool(ARABIC_SCRIPT.search(text))


def sync_source(instance: models.Model) -> TranslationSource:
    """(Re-)extract the translatable segments of ``instance``."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return source


@transaction.atomic
def translate(
    instance: models.Model,
    locale: Locale,
    strings: Mapping[str, str],
    *,
    publish: bool = True,
) -> models.Model:
    """Create or update the translation of ``instance`` into ``locale``.

    ``strings`` maps each source string to its translation. Every string in Persian script must
    be covered (``MissingTranslations`` otherwise, before anything is written); other strings
    (ASCII slugs, times, codes) are kept as they are. Parents of pages and translatable objects
    that ``instance`` refers to must already be translated. Returns the translated instance.
    """
    source = sync_source(instance)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    missing = [
        s.string.data
        for s in segments
        if s.string.data not in strings and needs_translation(s.string.data)
    ]
    if missing:
        raise MissingTranslations(instance, locale, missing)
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings.get(segment.string.data, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    Translation.objects.get_or_create(source=source, target_locale=locale)
    source.create_or_update_translation(locale, publish=publish, fallback=False)
    return source.get_translated_instance(locale)
