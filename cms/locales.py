"""Keep Wagtail's locales in step with the CONTENT_LANGUAGES setting, safely.

A new language gets its locale and a copy of the programme's snippets (regions, cooperation
areas, topics, organisations), made with wagtail-localize so they show up as translations to do;
a snippet created later in Persian is copied into every other language the same way
(``copy_new_snippet``, on save, from ``cms.sync``). Pages are
*not* copied: wagtail-localize's tree synchronisation would put every page live at once under
``/<code>/`` as an alias with the Persian text, so no ``LocaleSynchronization`` is kept. A page
exists in the new language only once someone translates it, and is public once it is published;
until then the site redirects to the Persian page and the API answers in Persian with
``isFallback`` (``cms.wagtail_hooks.serve_only_in_own_language``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


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


def translatable_snippet_models() -> list[type]:
    """The programme's translatable snippets, models pointed to before those that point."""
    from cities.models import CooperationArea, CooperationTopic, Region
    from cooperation.models import Organisation

    return [Region, CooperationArea, CooperationTopic, Organisation]


def copy_snippets(source_locale, locale) -> int:
    """Copy regions, areas, topics and organisations missing in ``locale`` (areas before the
    topics that point to them), in the source language until translated. Returns how many were
    made."""
    made = 0
    for model in translatable_snippet_models():
        existing = set(
            model.objects.filter(locale=locale).values_list("translation_key", flat=True)
        )
        for snippet in model.objects.filter(locale=source_locale).exclude(
            translation_key__in=existing
        ):
            _copy_snippet(snippet, locale)
            made += 1
    return made


def copy_new_snippet(snippet) -> list[str]:
    """Copy a snippet just created in the default language into every other locale.

    Like a new language's copy: in the source language, listed as a translation to do. A locale
    the copy cannot be written in (e.g. a same slug already used there) is logged and skipped,
    never a reason to refuse the Persian snippet. Returns the codes it was copied into.
    """
    from wagtail.models import Locale

    if snippet.locale.language_code != settings.DEFAULT_CONTENT_LANGUAGE:
        return []
    copied = []
    for locale in Locale.objects.exclude(pk=snippet.locale_id).order_by("pk"):
        if (
            type(snippet)
            .objects.filter(translation_key=snippet.translation_key, locale=locale)
            .exists()
        ):
            continue
        try:
            with transaction.atomic():
                _copy_snippet(snippet, locale)
        except Exception:
            logger.exception("Could not copy %s into %s", snippet, locale)
            continue
        copied.append(locale.language_code)
    return copied


def _copy_snippet(snippet, locale) -> None:
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(snippet)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    source.create_or_update_translation(locale, fallback=True)
