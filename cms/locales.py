"""Keep Wagtail's locales in step with the CONTENT_LANGUAGES setting, safely.

A new language gets its locale and a copy of the programme's snippets (regions, cooperation
areas, topics), made with wagtail-localize so they show up as translations to do. Pages are
*not* copied: wagtail-localize's tree synchronisation would put every page live at once under
``/<code>/`` as an alias with the Persian text, so no ``LocaleSynchronization`` is kept. A page
exists in the new language only once someone translates it, and is public once it is published;
until then the site redirects to the Persian page and the API answers in Persian with
``isFallback`` (``cms.wagtail_hooks.serve_only_in_own_language``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction


def ensure_configured_locales(**kwargs) -> list[str]:
    """Create a Wagtail locale for every configured language, with the snippets copied.

    Runs after every ``migrate``, so adding a code to CONTENT_LANGUAGES and migrating is all it
    takes to add a language. Returns the codes of locales it created.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    created = []
    with transaction.atomic():
        default, _ = Locale.objects.get_or_create(language_code=settings.DEFAULT_CONTENT_LANGUAGE)
        LocaleSynchronization.objects.filter(sync_from=default).delete()
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            locale, was_created = Locale.objects.get_or_create(language_code=code)
            if was_created and locale != default:
                created.append(code)
                copy_snippets(default, locale)
    return created


def copy_snippets(source_locale, locale) -> int:
    """Copy regions, areas and topics missing in ``locale`` (areas before the topics that
    point to them), in the source language until translated. Returns how many were made."""
    from wagtail_localize.models import Translation, TranslationSource

    from cities.models import CooperationArea, CooperationTopic, Region

    made = 0
    for model in (Region, CooperationArea, CooperationTopic):
        existing = set(
            model.objects.filter(locale=locale).values_list("translation_key", flat=True)
        )
        for snippet in model.objects.filter(locale=source_locale).exclude(
            translation_key__in=existing
        ):
            source, _ = TranslationSource.get_or_create_from_instance(snippet)
            Translation.objects.get_or_create(source=source, target_locale=locale)
            source.create_or_update_translation(locale, fallback=True)
            made += 1
    return made
