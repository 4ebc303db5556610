"""Publishing a source page or snippet brings its translations up to date, losing nothing.

Runs on Wagtail's ``page_published`` signal and on saves of translatable snippets (regions,
areas, topics, organisations), in the same request, with wagtail-localize's own machinery (a
snippet just created in Persian is copied into every other language instead,
``cms.locales.copy_new_snippet``):

1. ``TranslationSource.update_or_create_from_instance`` re-extracts the source's segments.
2. A text that changed keeps its context (field, or StreamField block id) but is a new string;
   its previous translation is copied to it, marked for review (``REVIEW_TOOL_NAME``), so the
   translator edits instead of retyping. Unchanged texts keep their translations as they are.
3. Every enabled translation is rewritten from the source (``create_or_update_translation``
   with ``fallback=True``): new Action Plan items or StreamField blocks appear in every language
   at once, in the source language until translated, and copied values follow the source.
   A live translation without pending draft changes is republished; otherwise a draft is saved.

``cms.staleness`` then reports the translation as outdated until the marked and new texts are
translated and published.
"""

from __future__ import annotations

import logging

from django.db import models, transaction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from .locales import copy_new_snippet, translatable_snippet_models
from .staleness import REVIEW_TOOL_NAME

logger = logging.getLogger(__name__)


def _segment_strings(source: TranslationSource) -> dict[int, int]:
    """context id → string id of the source's text segments."""
    return dict(StringSegment.objects.filter(source=source).values_list("context_id", "string_id"))


def _prefill_changed_texts(
    before: dict[int, int], after: dict[int, int], locale_ids: list[int]
) -> int:
    """Offer each changed text's previous translation for review. Returns how many were made."""
    changed = {
        context: (before[context], string)
        for context, string in after.items()
        if context in before and before[context] != string
    }
    if not changed:
        return 0
    previous = StringTranslation.objects.filter(
        context_id__in=changed,
        locale_id__in=locale_ids,
        translation_of_id__in={old for old, _new in changed.values()},
    )
    made = 0
    for old in previous:
        old_string, new_string = changed[old.context_id]
        if old.translation_of_id != old_string:
            continue
        _obj, created = StringTranslation.objects.get_or_create(
            translation_of_id=new_string,
            locale_id=old.locale_id,
            context_id=old.context_id,
            defaults={
                "data": old.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": REVIEW_TOOL_NAME,
            },
        )
        made += created
    return made


def _publish_target(target: models.Model | None) -> bool:
    if target is None:
        return True
    if isinstance(target, DraftStateMixin):  # pages included
        return bool(target.live and not target.has_unpublished_changes)
    return True


def sync_translations(instance: models.Model, user=None) -> list[models.Model]:
    """Bring every translation of ``instance`` (a translation source) in step with it.

    Does nothing for objects that are not the source of a translation. Returns the translated
    objects it wrote.
    """
    if not TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).exists():
        return []
    written = []
    with transaction.atomic():
        old_source = TranslationSource.objects.get(
            object_id=instance.translation_key, locale_id=instance.locale_id
        )
        before = _segment_strings(old_source)
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translations = list(
            Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
        )
        _prefill_changed_texts(
            before, _segment_strings(source), [t.target_locale_id for t in translations]
        )
        for translation in translations:
            try:
                target = translation.get_target_instance()
            except models.ObjectDoesNotExist:
                continue
            publish = _publish_target(target)
            if isinstance(target, Page) and target.alias_of_id:
                continue
            try:
                with transaction.atomic():
                    translated, _new = source.create_or_update_translation(
                        translation.target_locale, user=user, publish=publish, fallback=True
                    )
            except Exception:
                # One translation that cannot be written (e.g. a validation error) must not
                # stop the publication or the other languages; staleness shows it as outdated.
                logger.exception("Could not sync %s into %s", instance, translation.target_locale)
                continue
            written.append(translated)
    return written


def on_page_published(sender, instance: Page, revision=None, **kwargs) -> None:
    sync_translations(instance, user=getattr(revision, "user", None))


def on_snippet_saved(
    sender, instance: models.Model, created: bool = False, raw: bool = False, **kwargs
) -> None:
    if raw:
        return
    if created:
        copy_new_snippet(instance)
        return
    sync_translations(instance)


def connect() -> None:
    """Connect the handlers (``CmsConfig.ready``)."""
    from django.db.models.signals import post_save
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="cms.sync.page_published")
    for model in translatable_snippet_models():
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"cms.sync.{model.__name__}")
