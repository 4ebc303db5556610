"""Whether a translation is behind its source (Persian) page or snippet.

wagtail-localize marks nothing as outdated by itself. A translation is *outdated* here when any
of these holds:

- the source was published after its ``TranslationSource`` was last extracted (not synced yet);
- a text segment of the source, as last extracted, has no translation in the target locale, or
  only the previous translation of a changed text, pre-filled for review by ``cms.sync``;
- a page's translated strings were changed after the translation was last published.

Everything is computed for a whole list at once (a fixed number of queries, whatever its
length), so listings, the report, the dashboard and the API share one definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

# ``tool_name`` of a pre-filled translation that waits for a person to confirm it. A code, not
# a sentence: the translation editor shows it as a translated label (``cms.review_mark``).
REVIEW_TOOL_NAME = "cms:source-changed-review"
# What earlier versions stored (an English phrase); still read as the same mark.
LEGACY_REVIEW_TOOL_NAMES = ("previous translation, source changed: review",)
REVIEW_TOOL_NAMES = frozenset({REVIEW_TOOL_NAME, *LEGACY_REVIEW_TOOL_NAMES})


@dataclass(frozen=True)
class TranslationState:
    """What readers and editors are told about one object's translation."""

    outdated: bool = False
    # Pages only: snippets have no publication date, so it is None for every snippet.
    source_last_published_at: datetime | None = None
    machine_translated: bool = False


NOT_A_TRANSLATION = TranslationState()


def _base_model(obj: models.Model) -> type[models.Model]:
    return Page if isinstance(obj, Page) else type(obj)


def translation_states(objects: Iterable[models.Model]) -> dict[tuple[type, int], TranslationState]:
    """``(base model, pk) → TranslationState`` for translatable pages and snippets.

    Objects that are not translations (source pages, aliases, untranslatable models) get
    ``NOT_A_TRANSLATION`` with the source's last publication date where there is one.
    """
    groups: dict[type, list[models.Model]] = defaultdict(list)
    for obj in objects:
        if hasattr(obj, "translation_key"):
            groups[_base_model(obj)].append(obj)
    states: dict[tuple[type, int], TranslationState] = {}
    for model, group in groups.items():
        states.update(_states_for(model, group))
    return states


def translation_state(obj: models.Model) -> TranslationState:
    """The state of one object (for detail views; use ``translation_states`` for lists)."""
    return translation_states([obj]).get((_base_model(obj), obj.pk), NOT_A_TRANSLATION)


def is_outdated(obj: models.Model) -> bool:
    return translation_state(obj).outdated


def _states_for(
    model: type[models.Model], objects: Sequence[models.Model]
) -> dict[tuple[type, int], TranslationState]:
    keys = {obj.translation_key for obj in objects}
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in Translation.objects.filter(
            source__object_id__in=keys, target_locale_id__in={o.locale_id for o in objects}
        ).select_related("source")
    }
    sources = {t.source for t in translations.values()}
    source_published = _source_publication_dates(model, sources)
    segments: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for source_id, string_id, context_id in StringSegment.objects.filter(
        source__in=sources
    ).values_list("source_id", "string_id", "context_id"):
        segments[source_id].append((string_id, context_id))
    done: dict[tuple[int, int, int], tuple[str, str, datetime]] = {}
    for row in StringTranslation.objects.filter(
        context__object_id__in=keys, locale_id__in={t[1] for t in translations}
    ).values_list(
        "translation_of_id",
        "context_id",
        "locale_id",
        "tool_name",
        "translation_type",
        "updated_at",
    ):
        done[row[:3]] = row[3:]

    states = {}
    for obj in objects:
        translation = translations.get((obj.translation_key, obj.locale_id))
        if translation is None or getattr(obj, "alias_of_id", None):
            own = getattr(obj, "last_published_at", None)
            states[(model, obj.pk)] = TranslationState(source_last_published_at=own)
            continue
        source = translation.source
        published_at = source_published.get(source.pk)
        entries = [done.get((s, c, obj.locale_id)) for s, c in segments[source.pk]]
        pending = any(e is None or e[0] in REVIEW_TOOL_NAMES for e in entries)
        unsynced = published_at is not None and published_at > source.last_updated_at
        last_live = getattr(obj, "last_published_at", None)
        latest_edit = max((e[2] for e in entries if e is not None), default=None)
        unpublished = bool(last_live and latest_edit and latest_edit > last_live)
        # Machine output that is live: in the published version (pages) or saved (snippets).
        machine = any(
            e is not None
            and e[1] == StringTranslation.TRANSLATION_TYPE_MACHINE
            and e[0] not in REVIEW_TOOL_NAMES
            and (last_live is None or e[2] <= last_live)
            for e in entries
        )
        states[(model, obj.pk)] = TranslationState(
            outdated=pending or unsynced or unpublished,
            source_last_published_at=published_at,
            machine_translated=machine,
        )
    return states


def _source_publication_dates(model: type[models.Model], sources: set[Any]) -> dict[int, datetime]:
    """Source pk → when the source object was last published (pages only; snippets have none)."""
    if model is not Page or not sources:
        return {}
    wanted = {(s.object_id, s.locale_id): s.pk for s in sources}
    rows = Page.objects.filter(
        translation_key__in={key for key, _locale in wanted},
        locale_id__in={locale for _key, locale in wanted},
    ).values_list("translation_key", "locale_id", "last_published_at")
    return {
        wanted[(key, locale)]: published
        for key, locale, published in rows
        if (key, locale) in wanted and published is not None
    }


@dataclass(frozen=True)
class OutdatedTranslation:
    """One row of the *Outdated translations* report."""

    translation: Translation
    target: models.Model
    locale_code: str

    @property
    def is_page(self) -> bool:
        return isinstance(self.target, Page)


def translation_targets(
    translations: Iterable[Translation],
) -> dict[int, tuple[models.Model, TranslationState]]:
    """``Translation pk → (translated object, its state)`` for the translations whose object
    exists. A fixed number of queries per translatable model, whatever their number; the
    translations need ``source__specific_content_type`` selected."""
    by_model: dict[type, list[Translation]] = defaultdict(list)
    for translation in translations:
        model = translation.source.specific_content_type.model_class()
        if model is not None:
            by_model[Page if issubclass(model, Page) else model].append(translation)
    result = {}
    for model, group in by_model.items():
        targets = {
            (obj.translation_key, obj.locale_id): obj
            for obj in model.objects.filter(
                translation_key__in={t.source.object_id for t in group},
                locale_id__in={t.target_locale_id for t in group},
            )
        }
        states = translation_states(targets.values())
        for translation in group:
            target = targets.get((translation.source.object_id, translation.target_locale_id))
            if target is not None:
                result[translation.pk] = (target, states[(model, target.pk)])
    return result


def outdated_translations(locale_code: str | None = None) -> list[OutdatedTranslation]:
    """Every outdated translated page and snippet, by locale then title.

    A fixed number of queries per translatable model, whatever the number of translations.
    """
    queryset = Translation.objects.filter(enabled=True).select_related(
        "source", "source__specific_content_type", "target_locale"
    )
    if locale_code:
        queryset = queryset.filter(target_locale__language_code=locale_code)
    translations = list(queryset)
    targets = translation_targets(translations)
    rows = [
        OutdatedTranslation(t, targets[t.pk][0], t.target_locale.language_code)
        for t in translations
        if t.pk in targets and targets[t.pk][1].outdated
    ]
    return sorted(rows, key=lambda r: (r.locale_code, str(r.target)))


def outdated_counts() -> dict[str, dict[str, int]]:
    """``{locale code: {"pages": n, "snippets": m}}`` for the dashboard."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"pages": 0, "snippets": 0})
    for row in outdated_translations():
        counts[row.locale_code]["pages" if row.is_page else "snippets"] += 1
    return dict(counts)
