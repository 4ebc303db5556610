"""Publishing a source updates its translations with wagtail-localize's own sync and loses
nothing: unchanged texts keep their translation, a changed text is pre-filled with its previous
translation marked for review, and new items or blocks appear in every language at once."""

from __future__ import annotations

import uuid

import pytest
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cities.models import ActionPlanPage, CooperationArea, Region, SisterCityPage
from cms.staleness import REVIEW_TOOL_NAME, translation_state
from cms.sync import sync_translations

pytestmark = pytest.mark.django_db


def _publish(page, capture) -> None:
    with capture(execute=True):
        page.save_revision().publish()


def _translation_of(source_page, path: str, locale) -> StringTranslation | None:
    source = TranslationSource.objects.get_for_instance(source_page)
    segment = StringSegment.objects.get(source=source, context__path=path)
    return StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=locale
    ).first()


def test_changed_text_keeps_its_previous_translation_marked_for_review(
    django_capture_on_commit_callbacks,
):
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    en = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    old_summary, old_title = en.summary, en.title
    assert old_summary
    fa.summary = fa.summary.replace("۱۹۹۸", "۱۹۹۸ میلادی")
    _publish(fa, django_capture_on_commit_callbacks)

    prefilled = _translation_of(fa, "summary", en.locale)
    assert prefilled is not None and prefilled.data == old_summary
    assert prefilled.tool_name == REVIEW_TOOL_NAME
    with translation.override("en"):  # what the translation editor shows
        assert "review it" in prefilled.get_comment()
    unchanged = _translation_of(fa, "title", en.locale)
    assert unchanged.data == old_title and unchanged.tool_name == ""
    en.refresh_from_db()
    assert en.summary == old_summary and en.title == old_title  # never emptied
    assert translation_state(en).outdated

    # accepting it in the editor (a person saves it) clears the mark; publishing makes it current
    prefilled.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    prefilled.tool_name = ""
    prefilled.save()
    source = TranslationSource.objects.get_for_instance(fa)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(en.locale, publish=True)
    en.refresh_from_db()
    assert not translation_state(en).outdated


def test_new_action_plan_item_appears_in_every_translation_in_the_source_language(
    django_capture_on_commit_callbacks,
):
    fa = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="fa")
    area = CooperationArea.objects.get(slug="economy-trade", locale=fa.locale)
    block_id = str(uuid.uuid4())
    item = {
        "title": "دفتر مشترک تجاری",
        "description": "",
        "partner": "",
        "area": area.pk,
        "topic": None,
        "lead_actors": [],
        "status": "planned",
        "progress": 0,
        "start_date": None,
        "due_date": None,
    }
    fa.items = [*fa.items.raw_data, {"type": "item", "value": item, "id": block_id}]
    _publish(fa, django_capture_on_commit_callbacks)

    en = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="en")
    fa.refresh_from_db()
    assert [b["id"] for b in en.items.raw_data] == [b["id"] for b in fa.items.raw_data]
    new = next(b for b in en.items.raw_data if b["id"] == block_id)
    assert new["value"]["title"] == "دفتر مشترک تجاری"  # source language until translated
    assert en.live and not en.has_unpublished_changes
    assert en.progress == fa.progress
    assert translation_state(en).outdated  # the new text waits for a translator


def test_new_streamfield_block_appears_in_the_translation(django_capture_on_commit_callbacks):
    fa = SisterCityPage.objects.get(slug="dakar", locale__language_code="fa")
    fa.body = [*fa.body.raw_data, {"type": "heading", "value": "بخش تازه", "id": str(uuid.uuid4())}]
    _publish(fa, django_capture_on_commit_callbacks)
    en = SisterCityPage.objects.get(slug="dakar", locale__language_code="en")
    assert [b["value"] for b in en.body.raw_data if b["type"] == "heading"][-1] == "بخش تازه"
    assert en.title == "Dakar"


def test_a_draft_translation_is_not_published_by_the_sync(django_capture_on_commit_callbacks):
    fa = SisterCityPage.objects.get(slug="lahore", locale__language_code="fa")
    en = SisterCityPage.objects.get(slug="lahore", locale__language_code="en")
    en.save_revision()  # someone's pending draft
    live_title = en.title
    fa.summary = fa.summary + " ."
    _publish(fa, django_capture_on_commit_callbacks)
    en.refresh_from_db()
    assert en.has_unpublished_changes
    assert en.title == live_title


def test_snippet_translation_is_prefilled_and_outdated():
    fa = Region.objects.get(slug="europe", locale__language_code="fa")
    en = Region.objects.get(slug="europe", locale__language_code="en")
    old = en.name
    fa.name = "اروپای قاره‌ای"
    fa.save()
    en.refresh_from_db()
    assert en.name == old
    assert _translation_of(fa, "name", en.locale).tool_name == REVIEW_TOOL_NAME
    assert translation_state(en).outdated


def test_objects_that_are_not_sources_are_left_alone():
    en = Region.objects.get(slug="europe", locale__language_code="en")
    assert sync_translations(en) == []
