"""One number for one fact: Action Plan progress is the same in every locale, over HTML,
GraphQL and REST, while items are added, edited and removed in Persian.

A third locale (Italian) is configured here, so nothing depends on the two demo languages.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from wagtail.models import Locale, Page
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationSource

from cities.models import ActionPlanPage, CooperationArea, SessionPage
from cms import sync

from ..cms.html import read

pytestmark = pytest.mark.django_db

PLAN_SLUG = "florence-action-plan"
PLAN_PATH = "/cities/florence/florence-action-plan/"


@pytest.fixture
def italian(settings, django_capture_on_commit_callbacks):
    """An Italian locale with the Florence Action Plan (and its parents) published in it."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("it", "Italian")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    it = Locale.objects.create(language_code="it")
    plan = ActionPlanPage.objects.get(slug=PLAN_SLUG, locale__language_code="fa")
    chain = [*plan.get_ancestors().filter(depth__gt=1).specific(), plan]
    for page in chain:  # parents first, each published before its child is made
        with django_capture_on_commit_callbacks(execute=True):
            source, _ = TranslationSource.get_or_create_from_instance(page)
            Translation.objects.get_or_create(source=source, target_locale=it)
            source.create_or_update_translation(it, publish=True, fallback=True)
    return it


def _plans() -> list[ActionPlanPage]:
    return list(ActionPlanPage.objects.filter(slug=PLAN_SLUG).order_by("pk"))


def _expected(plan: ActionPlanPage) -> tuple[int, dict[str, int]]:
    """Progress computed independently from the Persian page's raw items."""
    items = [b["value"] for b in plan.items.raw_data if b["value"]["status"] != "cancelled"]
    overall = round(sum(i["progress"] for i in items) / len(items)) if items else 0
    by_area: dict[str, list[int]] = {}
    for item in items:
        slug = CooperationArea.objects.get(pk=item["area"]).slug
        by_area.setdefault(slug, []).append(item["progress"])
    return overall, {slug: round(sum(v) / len(v)) for slug, v in by_area.items()}


def _publish(plan: ActionPlanPage, blocks: list, capture) -> None:
    plan.items = blocks
    with capture(execute=True):
        plan.save_revision().publish()


def _html(client, code: str) -> tuple[int, dict[str, int], list[int]]:
    prefix = "" if code == "fa" else f"/{code}"
    response = client.get(f"{prefix}{PLAN_PATH}")
    assert response.status_code == 200
    page = read(response)
    panel = page.with_class("progress-panel")[0]
    bars = [int(p.attrs["value"]) for p in page.find_all("progress") if p.is_inside(panel)]
    items = [
        int(p.attrs["value"])
        for element in page.with_class("item")
        for p in page.find_all("progress")
        if p.is_inside(element)
    ]
    return bars[0], bars[1:], items


def _graphql(client, code: str) -> dict:
    query = """query($locale: String) { actionPlans(locale: $locale, city: "florence") {
      locale isFallback progress progressByArea { area { slug } progress }
      items { id status progress } } }"""
    response = client.post(
        "/graphql/",
        {"query": query, "variables": {"locale": code}},
        content_type="application/json",
    )
    data = response.json()
    assert "errors" not in data, data
    (plan,) = data["data"]["actionPlans"]
    assert (plan["locale"], plan["isFallback"]) == (code, False)
    return plan


def _rest(client, plan: ActionPlanPage) -> dict:
    response = client.get(f"/api/v2/pages/{plan.pk}/")
    assert response.status_code == 200
    return response.json()


def _assert_one_number(client, capture_source: ActionPlanPage) -> None:
    source = ActionPlanPage.objects.get(pk=capture_source.pk)
    overall, by_area = _expected(source)
    item_progress = [b["value"]["progress"] for b in source.items.raw_data]
    plans = _plans()
    assert {p.locale.language_code for p in plans} == {"fa", "en", "it"}
    for plan in plans:
        code = plan.locale.language_code
        html_overall, html_areas, html_items = _html(client, code)
        assert html_overall == overall, code
        assert sorted(html_areas) == sorted(by_area.values()), code
        assert html_items == item_progress, code
        api = _graphql(client, code)
        assert api["progress"] == overall, code
        assert {a["area"]["slug"]: a["progress"] for a in api["progressByArea"]} == by_area
        assert [i["progress"] for i in api["items"]] == item_progress, code
        assert [i["id"] for i in api["items"]] == [b["id"] for b in source.items.raw_data]
        rest = _rest(client, plan)
        assert rest["progress"] == overall, code
        assert {a["area"]["slug"]: a["progress"] for a in rest["progress_by_area"]} == by_area
        assert [i["progress"] for i in rest["tracked_items"]] == item_progress, code


def _new_item(fa: ActionPlanPage, progress: int) -> dict:
    area = CooperationArea.objects.get(slug="science-universities", locale=fa.locale)
    return {
        "type": "item",
        "value": {
            "title": "تور علمی دانشجویان",
            "description": "",
            "partner": "",
            "area": area.pk,
            "topic": None,
            "lead_actors": ["university"],
            "status": "in_progress",
            "progress": progress,
            "start_date": None,
            "due_date": None,
        },
    }


@contextmanager
def sync_switched_off():
    """Publishing without the automatic sync, as if translations were never refreshed."""
    page_published.disconnect(dispatch_uid="cms.sync.page_published")
    try:
        yield
    finally:
        page_published.connect(sync.on_page_published, dispatch_uid="cms.sync.page_published")


def test_adding_editing_and_removing_items_in_persian_gives_one_number_everywhere(
    client, italian, django_capture_on_commit_callbacks
):
    fa = ActionPlanPage.objects.get(slug=PLAN_SLUG, locale__language_code="fa")
    _assert_one_number(client, fa)

    blocks = [*fa.items.raw_data, _new_item(fa, 90)]
    _publish(fa, blocks, django_capture_on_commit_callbacks)
    _assert_one_number(client, fa)
    fa = ActionPlanPage.objects.get(pk=fa.pk)
    assert len(fa.items.raw_data) == len(blocks)

    blocks = list(fa.items.raw_data)
    blocks[0] = {**blocks[0], "value": {**blocks[0]["value"], "progress": 5}}
    _publish(fa, blocks, django_capture_on_commit_callbacks)
    _assert_one_number(client, fa)

    fa = ActionPlanPage.objects.get(pk=fa.pk)
    _publish(fa, list(fa.items.raw_data)[1:], django_capture_on_commit_callbacks)
    _assert_one_number(client, fa)


def test_translations_show_the_source_items_even_before_they_are_synced(
    client, italian, django_capture_on_commit_callbacks
):
    fa = ActionPlanPage.objects.get(slug=PLAN_SLUG, locale__language_code="fa")
    with sync_switched_off():
        _publish(
            fa, [*fa.items.raw_data[1:], _new_item(fa, 70)], django_capture_on_commit_callbacks
        )
    en = ActionPlanPage.objects.get(slug=PLAN_SLUG, locale__language_code="en")
    fa.refresh_from_db()
    ids = [b["id"] for b in fa.items.raw_data]
    assert [b["id"] for b in en.items.raw_data] != ids  # not synced …
    _assert_one_number(client, fa)  # … and still one number
    titles = [item.title for item in en.tracked_items]
    assert titles[-1] == "تور علمی دانشجویان"  # untranslated: the source's text
    assert "Isfahan cultural week in Florence" not in titles  # removed in Persian


def test_session_shared_values_come_from_the_source_in_every_locale(
    client, italian, django_capture_on_commit_callbacks
):
    fa = SessionPage.objects.filter(locale__language_code="fa").first()
    en = fa.get_translations().filter(locale__language_code="en").specific().first()
    assert en is not None
    with sync_switched_off():
        fa.capacity = fa.capacity + 7
        fa.format = "hybrid"
        with django_capture_on_commit_callbacks(execute=True):
            fa.save_revision().publish()
    en = SessionPage.objects.get(pk=en.pk)
    assert en.capacity != fa.capacity  # the translation's own copy is stale …
    assert en.source_page.capacity == fa.capacity  # … readers get the source's
    query = """query($slug: String!, $locale: String) { session(slug: $slug, locale: $locale) {
      capacity format seatsLeft } }"""
    answers = []
    for code in ("fa", "en"):
        response = client.post(
            "/graphql/",
            {"query": query, "variables": {"slug": en.slug, "locale": code}},
            content_type="application/json",
        )
        answers.append(response.json()["data"]["session"])
    assert answers[0] == answers[1]
    assert answers[0]["capacity"] == fa.capacity and answers[0]["format"] == "HYBRID"
    assert Page.objects.filter(translation_key=fa.translation_key).count() == 2
