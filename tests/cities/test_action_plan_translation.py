"""Action Plan items: texts are translated with wagtail-localize, tracking values are shared.

Everything here goes through wagtail-localize's own machinery (TranslationSource, String
translations, ``create_or_update_translation``), as an editor translating in the admin would.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cities.models import ActionPlanPage, CooperationArea, CooperationTopic
from cms.translation import MissingTranslations, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    fa = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="fa")
    en = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="en")
    return fa, en


def _set_item(plan: ActionPlanPage, index: int, **values) -> None:
    blocks = list(plan.items.raw_data)
    blocks[index] = {**blocks[index], "value": {**blocks[index]["value"], **values}}
    plan.items = blocks
    plan.save_revision().publish()


def test_item_texts_are_translated_and_block_ids_are_shared(plans):
    fa, en = plans
    assert [b.id for b in fa.items] == [b.id for b in en.items]
    assert [i.title for i in en.tracked_items][:2] == [
        "Isfahan cultural week in Florence",
        "Joint crafts exhibition",
    ]
    assert fa.tracked_items[0].title == "هفته فرهنگی اصفهان در فلورانس"
    assert en.tracked_items[0].partner == "Comune di Firenze"


def test_area_and_topic_are_shown_in_the_page_language(plans):
    fa, en = plans
    item = en.tracked_items[0]
    assert isinstance(item.area, CooperationArea) and item.area.locale.language_code == "en"
    assert item.topic.name == "Cultural weeks"
    assert fa.tracked_items[0].topic.locale.language_code == "fa"


def test_progress_updated_once_shows_in_every_language(plans, django_capture_on_commit_callbacks):
    fa, en = plans
    with django_capture_on_commit_callbacks(execute=True):
        _set_item(fa, 1, status="in_progress", progress=60)
    en = ActionPlanPage.objects.get(pk=en.pk)
    # publishing the source syncs the translation's own copy (cms.sync) …
    assert en.items.raw_data[1]["value"]["progress"] == 60
    # … and readers always see the one shared value, read from the source
    assert en.tracked_items[1].progress == 60
    assert en.tracked_items[1].status == "in_progress"
    assert en.tracked_items[1].title == "Joint crafts exhibition"


def test_plan_progress_is_derived_from_items_in_both_languages(
    plans, django_capture_on_commit_callbacks
):
    fa, en = plans
    # demo items: 40 (in progress), 0 (planned), 100 (done), 20 (stalled), 0 (planned)
    assert fa.progress == en.progress == round((40 + 0 + 100 + 20 + 0) / 5)
    with django_capture_on_commit_callbacks(execute=True):
        _set_item(fa, 3, status="cancelled")  # cancelled items do not count
    fa = ActionPlanPage.objects.get(pk=fa.pk)
    en = ActionPlanPage.objects.get(pk=en.pk)
    assert fa.progress == en.progress == round((40 + 0 + 100 + 0) / 4)
    by_area_en = {area.slug: value for area, value in en.progress_by_area()}
    assert by_area_en == {
        "culture-tourism-media": round((40 + 0) / 2),
        "economy-trade": 0,
        "science-universities": 100,
    }
    assert all(area.locale.language_code == "en" for area, _ in en.progress_by_area())


def test_resync_keeps_translations_and_refreshes_copied_values(
    plans, django_capture_on_commit_callbacks
):
    fa, en = plans
    with django_capture_on_commit_callbacks(execute=True):
        _set_item(fa, 0, progress=75)
        source, _ = TranslationSource.update_or_create_from_instance(fa)
        Translation.objects.get(source=source, target_locale=en.locale).save_target(publish=True)
    en = ActionPlanPage.objects.get(pk=en.pk)
    assert en.items.raw_data[0]["value"]["progress"] == 75
    assert en.tracked_items[0].title == "Isfahan cultural week in Florence"
    assert [b.id for b in fa.items] == [b.id for b in en.items]


def test_new_item_is_translated_with_wagtail_localize(plans, django_capture_on_commit_callbacks):
    fa, en = plans
    area = CooperationArea.objects.get(slug="science-universities", locale=fa.locale)
    topic = CooperationTopic.objects.get(slug="scientific-tours", locale=fa.locale)
    fa.items.append(
        (
            "item",
            {
                "title": "تور علمی دانشجویان",
                "description": "",
                "partner": "",
                "area": area,
                "topic": topic,
                "lead_actors": ["university"],
                "status": "planned",
                "progress": 10,
                "start_date": None,
                "due_date": None,
            },
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        fa.save_revision().publish()  # publishing syncs the new item into English (cms.sync)
    assert ActionPlanPage.objects.get(pk=en.pk).tracked_items[-1].title == "تور علمی دانشجویان"
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(MissingTranslations):
            translate(fa, en.locale, {})  # nothing is written when a string is missing
        translate(
            fa,
            en.locale,
            {
                fa.title: en.title,
                **{
                    fa_item.title: en_item.title
                    for fa_item, en_item in zip(fa.tracked_items, en.tracked_items, strict=False)
                },
                **{
                    fa_item.description: en_item.description
                    for fa_item, en_item in zip(fa.tracked_items, en.tracked_items, strict=False)
                },
                **{
                    fa_item.partner: en_item.partner
                    for fa_item, en_item in zip(fa.tracked_items, en.tracked_items, strict=False)
                },
                fa.summary: en.summary,
                # last: en.tracked_items lists the new item too, with its Persian text
                "تور علمی دانشجویان": "Students' scientific tour",
            },
        )
    en = ActionPlanPage.objects.get(pk=en.pk)
    new = en.tracked_items[-1]
    assert new.title == "Students' scientific tour"
    assert new.progress == 10 and new.topic.name == "Scientific tours"
    assert new.id == fa.items[-1].id


def test_missing_translation_writes_nothing(plans):
    fa, _en = plans
    es, _ = Locale.objects.get_or_create(language_code="es")
    with pytest.raises(MissingTranslations) as excinfo:
        translate(fa, es, {})
    assert "هفته فرهنگی اصفهان در فلورانس" in excinfo.value.strings
    assert fa.get_translation_or_none(es) is None


def _count_queries(plan_pk: int) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = ActionPlanPage.objects.get(pk=plan_pk)
    with CaptureQueriesContext(connection) as ctx:
        items = plan.tracked_items
        [(item.area.name, item.topic.name) for item in items]
    return len(ctx.captured_queries), len(items)


def test_tracked_items_cost_the_same_queries_for_three_times_the_items(plans):
    fa, en = plans
    queries, count = _count_queries(en.pk)
    assert count == 5
    for plan in (fa, en):
        raw = list(plan.items.raw_data)
        plan.items = raw + [
            {**block, "id": f"{block['id'][:-2]}{copy:02d}"} for copy in (1, 2) for block in raw
        ]
        plan.save()
    more_queries, more = _count_queries(en.pk)
    assert more == 15
    assert more_queries == queries <= 8
