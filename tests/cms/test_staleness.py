"""Outdated translations are visible: model, admin (listing, header, editor, report, dashboard),
public site and GraphQL. A Persian edit shows up as outdated within the publishing request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cities.models import Region, SisterCityPage
from cms.staleness import (
    outdated_counts,
    outdated_translations,
    translation_state,
    translation_states,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gql(client):
    def run(query: str, variables: dict) -> dict:
        response = client.post(
            "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    return run


@pytest.fixture
def florence():
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    en = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    return fa, en


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def edit_persian_summary(florence, capture) -> None:
    fa, _en = florence
    fa.summary = fa.summary + " این جمله تازه است."
    publish(fa, capture)


def test_the_demo_programme_has_no_outdated_translation(django_assert_max_num_queries):
    objects = list(Page.objects.all()) + list(Region.objects.all())
    with django_assert_max_num_queries(12):
        states = translation_states(objects)
    assert len(states) == len(objects)
    assert not [obj for obj in objects if states[(type(obj), obj.pk)].outdated]
    assert outdated_translations() == []


def test_list_states_cost_the_same_for_few_and_many_pages():
    pages = list(Page.objects.filter(locale__language_code="en"))
    assert len(pages) >= 15
    with CaptureQueriesContext(connection) as few:
        translation_states(pages[:3])
    with CaptureQueriesContext(connection) as many:
        translation_states(pages)
    assert len(few) == len(many) <= 5


def test_a_persian_edit_makes_every_other_language_outdated(
    florence, django_capture_on_commit_callbacks
):
    fa, en = florence
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    fa.refresh_from_db()
    state = translation_state(en)
    assert state.outdated
    assert state.source_last_published_at == fa.last_published_at
    assert not translation_state(fa).outdated
    rows = outdated_translations()
    assert [(row.locale_code, row.target.pk) for row in rows] == [("en", en.pk)]
    assert outdated_counts() == {"en": {"pages": 1, "snippets": 0}}


def test_translating_the_changed_text_and_publishing_brings_it_up_to_date(
    florence, django_capture_on_commit_callbacks
):
    fa, en = florence
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get_for_instance(fa)
    segment = StringSegment.objects.get(source=source, context__path="summary")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=en.locale,
        context=segment.context,
        defaults={"data": "Florence, reviewed.", "translation_type": "manual", "tool_name": ""},
    )
    en.refresh_from_db()
    assert translation_state(en).outdated  # translated, not yet published
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(en.locale, publish=True)
    en.refresh_from_db()
    assert en.summary == "Florence, reviewed."
    assert not translation_state(en).outdated


def test_a_persian_snippet_edit_makes_its_translation_outdated():
    fa = Region.objects.get(slug="europe", locale__language_code="fa")
    fa.name = "اروپای قاره"
    fa.save()
    en = Region.objects.get(slug="europe", locale__language_code="en")
    assert translation_state(en).outdated
    assert outdated_counts() == {"en": {"pages": 0, "snippets": 1}}


def test_report_lists_outdated_pages_and_snippets_with_a_link_to_translate(
    admin_client, florence, django_capture_on_commit_callbacks
):
    _fa, en = florence
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    region = Region.objects.get(slug="europe", locale__language_code="fa")
    region.name = "اروپای قاره"
    region.save()
    en_region = Region.objects.get(slug="europe", locale__language_code="en")
    response = admin_client.get(reverse("outdated_translations_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[en.pk]) in html
    assert f"/region/edit/{en_region.pk}/" in html
    assert 'data-locale="en"' in html
    up_to_date = SisterCityPage.objects.get(slug="dakar", locale__language_code="en")
    assert reverse("wagtailadmin_pages:edit", args=[up_to_date.pk]) not in html


def test_report_filters_by_language(admin_client, florence, django_capture_on_commit_callbacks):
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    Locale.objects.create(language_code="it")
    response = admin_client.get(reverse("outdated_translations_report") + "?locale=it")
    assert response.status_code == 200
    assert 'data-locale="en"' not in response.content.decode()


def test_dashboard_panel_counts_outdated_translations(
    admin_client, florence, django_capture_on_commit_callbacks
):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert b"data-outdated-translations-panel" not in response.content
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "data-outdated-translations-panel" in html
    assert "?locale=en" in html


def test_page_listing_header_and_translation_editor_show_the_status(
    admin_client, florence, django_capture_on_commit_callbacks
):
    fa, en = florence
    listing = reverse("wagtailadmin_explore", args=[en.get_parent().pk])
    assert b"data-translation-outdated" not in admin_client.get(listing).content
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    html = admin_client.get(listing).content.decode()
    assert html.count("data-translation-outdated") == 1
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[en.pk])).content.decode()
    assert "translation-outdated-notice" in editor  # the translation editor's notice
    assert editor.count("data-translation-outdated") == 2  # … and the header's status tag
    source_editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[fa.pk]))
    assert b"data-translation-outdated" not in source_editor.content


def test_public_notice_in_the_page_language_links_to_the_persian_page(
    client, florence, django_capture_on_commit_callbacks
):
    assert b"translation-notice" not in client.get("/en/cities/florence/").content
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    html = client.get("/en/cities/florence/").content.decode()
    assert "This page may not reflect the latest Persian version." in html
    assert 'href="/cities/florence/" lang="fa"' in html
    assert b"translation-notice" not in client.get("/cities/florence/").content
    assert b"translation-notice" not in client.get("/en/cities/dakar/").content


QUERY = """query($locale: String) { city(slug: "florence", locale: $locale) {
  translationOutdated sourceLastPublishedAt machineTranslated
  actionPlans { translationOutdated sourceLastPublishedAt }
  sessions { translationOutdated } } }"""


def test_graphql_exposes_outdated_and_source_publication(
    gql, florence, django_capture_on_commit_callbacks
):
    fa, _en = florence
    before = gql(QUERY, {"locale": "en"})["data"]["city"]
    assert before["translationOutdated"] is False
    assert before["machineTranslated"] is False
    assert all(plan["sourceLastPublishedAt"] for plan in before["actionPlans"])
    edit_persian_summary(florence, django_capture_on_commit_callbacks)
    fa.refresh_from_db()
    after = gql(QUERY, {"locale": "en"})["data"]["city"]
    assert after["translationOutdated"] is True
    assert after["sourceLastPublishedAt"].startswith(fa.last_published_at.isoformat()[:19])
    assert [p["translationOutdated"] for p in after["actionPlans"]] == [False] * len(
        after["actionPlans"]
    )
    assert gql(QUERY, {"locale": "fa"})["data"]["city"]["translationOutdated"] is False


CITIES = """query($withState: Boolean!) { cities(locale: "en") { title
  translationOutdated @include(if: $withState)
  sessions { title translationOutdated @include(if: $withState) }
  actionPlans { title machineTranslated @include(if: $withState) } } }"""


def test_translation_state_in_graphql_is_batched(gql):
    with CaptureQueriesContext(connection) as without:
        gql(CITIES, {"withState": False})
    with CaptureQueriesContext(connection) as with_state:
        data = gql(CITIES, {"withState": True})
    assert len(data["data"]["cities"]) >= 13
    # one batch for all cities, one for the sessions and plans: a few queries, not one per page
    assert len(with_state) - len(without) <= 12


def test_snippet_translation_editor_shows_the_notice(admin_client):
    en = Region.objects.get(slug="europe", locale__language_code="en")
    edit = reverse("wagtailsnippets_cities_region:edit", args=[en.pk])
    assert b"translation-outdated-notice" not in admin_client.get(edit).content
    fa = Region.objects.get(slug="europe", locale__language_code="fa")
    fa.name = "اروپای قاره"
    fa.save()
    assert b"translation-outdated-notice" in admin_client.get(edit).content
