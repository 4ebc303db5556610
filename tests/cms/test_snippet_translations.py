"""Snippets in the translation workflow: listings show the *Outdated* status (batched),
wagtail-localize's Translations report tells the truth, and a snippet created in Persian is
copied into every other language at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail_localize.models import Translation

from cities.models import CooperationArea, CooperationTopic, Region, SisterCityPage
from cms.locales import copy_snippets, translatable_snippet_models
from cms.staleness import outdated_translations, translation_state
from cooperation.models import Organisation

pytestmark = pytest.mark.django_db

LISTINGS = {
    Region: "wagtailsnippets_cities_region:list",
    CooperationArea: "wagtailsnippets_cities_cooperationarea:list",
    CooperationTopic: "wagtailsnippets_cities_cooperationtopic:list",
    Organisation: "wagtailsnippets_cooperation_organisation:list",
}


def _edit_persian(model) -> tuple:
    fa = model.objects.filter(locale__language_code="fa").order_by("pk").first()
    assert fa is not None, model
    fa.name = fa.name + " (ویرایش)"
    fa.save()
    en = model.objects.get(translation_key=fa.translation_key, locale__language_code="en")
    return fa, en


@pytest.mark.parametrize("model", list(LISTINGS), ids=lambda m: m.__name__)
def test_snippet_listing_shows_the_outdated_status(admin_client, model):
    url = reverse(LISTINGS[model]) + "?locale=en"
    before = admin_client.get(url)
    assert before.status_code == 200
    assert b"data-translation-outdated" not in before.content
    _fa, en = _edit_persian(model)
    assert translation_state(en).outdated
    html = admin_client.get(url).content.decode()
    assert html.count("data-translation-outdated") == 1
    source_listing = admin_client.get(reverse(LISTINGS[model]) + "?locale=fa")
    assert b"data-translation-outdated" not in source_listing.content


def test_snippet_listing_status_costs_the_same_for_few_and_many_rows(admin_client):
    url = reverse(LISTINGS[CooperationTopic]) + "?locale=en"
    for topic in CooperationTopic.objects.filter(locale__language_code="fa"):
        topic.name = topic.name + " ۲"
        topic.save()
    many = CooperationTopic.objects.filter(locale__language_code="en").count()
    assert many > 20  # two pages of the listing (20 a page)
    with CaptureQueriesContext(connection) as first_page:
        full = admin_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as last_page:
        rest = admin_client.get(url + "&p=2").content.decode()
    assert full.count("data-translation-outdated") == 20
    assert rest.count("data-translation-outdated") == many - 20
    # the status of 20 rows costs what the status of 5 rows costs
    assert _staleness_queries(first_page) == _staleness_queries(last_page) > 0


# --- wagtail-localize's Translations report -------------------------------------------------


def test_translations_report_never_says_up_to_date_for_an_outdated_translation(
    admin_client, django_capture_on_commit_callbacks
):
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    fa.summary = fa.summary + " این جمله تازه است."
    with django_capture_on_commit_callbacks(execute=True):
        fa.save_revision().publish()
    _region_fa, region_en = _edit_persian(Region)
    outdated = {row.translation.pk for row in outdated_translations()}
    assert len(outdated) == 2

    url = reverse("wagtail_localize:translations_report") + "?target_locale=en"
    html = admin_client.get(url).content.decode()
    assert "data-translations-report" in html
    rows = _report_rows(html)
    assert outdated <= set(rows)
    with translation.override("fa"):  # the admin user's language here
        labels = {
            "outdated": gettext("Outdated translation"),
            "current": gettext("Translation up to date"),
            "theirs": gettext("Up to date"),
        }
    assert labels["outdated"] != "Outdated translation"  # the Persian label is shown
    for pk, (status, marked) in rows.items():
        assert status != labels["theirs"]
        if pk in outdated:
            assert marked and status == labels["outdated"]
        else:
            assert not marked and status == labels["current"]
    # the results-only view (AJAX filtering) is the same view
    results = admin_client.get(reverse("wagtail_localize:translations_report_results"))
    assert b"data-translations-report" in results.content


def test_translations_report_status_is_batched(admin_client):
    url = reverse("wagtail_localize:translations_report")
    region = Region.objects.get(slug="europe", locale__language_code="fa").name
    with CaptureQueriesContext(connection) as one:
        html = admin_client.get(url + f"?target_locale=en&source_title={region}").content.decode()
    assert len(_report_rows(html)) == 1
    with CaptureQueriesContext(connection) as page:
        html = admin_client.get(url).content.decode()
    assert len(_report_rows(html)) >= 20
    # two per kind of content on the page (segments, string translations), not per row
    kinds = len({cells[0] for cells in _report_rows(html, with_kind=True).values()})
    per_kind = _staleness_queries(one) - 1  # one listing query reads segments too
    assert _staleness_queries(page) <= 1 + per_kind * kinds < len(_report_rows(html))


def _staleness_queries(captured: CaptureQueriesContext) -> int:
    """Queries of ``cms.staleness`` (segments and string translations)."""
    return sum(
        "wagtail_localize_stringsegment" in q["sql"]
        or "wagtail_localize_stringtranslation" in q["sql"]
        for q in captured.captured_queries
    )


def _report_rows(html: str, with_kind: bool = False) -> dict[int, tuple]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", attrs={"data-translations-report": True})
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        status = tr("td")[-1]
        row = (
            status.get_text(" ", strip=True),
            status.find(attrs={"data-translation-outdated": True}) is not None,
        )
        kind = tr("td")[0].get_text(strip=True)
        rows[int(tr["data-translation"])] = (kind, *row) if with_kind else row
    return rows


# --- A snippet created in Persian is copied into every other language ------------------------


@pytest.fixture
def third_locale():
    """A third language with the snippets copied, as ``cms.locales`` makes it on migrate."""
    locale = Locale.objects.create(language_code="it")
    copy_snippets(Locale.objects.get(language_code="fa"), locale)
    return locale


@pytest.mark.parametrize("model", list(LISTINGS), ids=lambda m: m.__name__)
def test_a_new_persian_snippet_is_copied_into_every_language(model, third_locale):
    fa = Locale.objects.get(language_code="fa")
    fields = {"slug": f"new-{model.__name__.lower()}", "name": "تازه", "locale": fa}
    if model is CooperationTopic:
        fields["area"] = CooperationArea.objects.filter(locale=fa).first()
    if model is Organisation:
        fields["kind"] = "civil_society"
    snippet = model.objects.create(**fields)
    others = Locale.objects.exclude(pk=fa.pk)
    assert {"en", "it"} <= set(others.values_list("language_code", flat=True))
    for locale in others:
        copy = model.objects.get(translation_key=snippet.translation_key, locale=locale)
        assert copy.name == "تازه" and copy.slug == snippet.slug
        assert Translation.objects.filter(
            source__object_id=snippet.translation_key, target_locale=locale, enabled=True
        ).exists()
        assert translation_state(copy).outdated  # listed as a translation to do
        if model is CooperationTopic:
            assert copy.area.locale_id == locale.pk


def test_creating_a_snippet_through_the_admin_copies_it(admin_client):
    add = reverse("wagtailsnippets_cities_region:add") + "?locale=fa"
    response = admin_client.post(add, {"name": "اقیانوسیه", "slug": "oceania", "sort_order": 9})
    assert response.status_code == 302, response.content[:2000]
    fa = Region.objects.get(slug="oceania", locale__language_code="fa")
    en = Region.objects.get(slug="oceania", locale__language_code="en")
    assert en.translation_key == fa.translation_key
    assert {row.target.pk for row in outdated_translations("en")} >= {en.pk}


def test_a_copy_that_cannot_be_made_never_refuses_the_persian_snippet():
    en = Locale.objects.get(language_code="en")
    Region.objects.create(slug="taken-in-english", name="Taken", locale=en)
    fa = Region.objects.create(
        slug="taken-in-english", name="گرفته", locale=Locale.objects.get(language_code="fa")
    )
    assert Region.objects.filter(pk=fa.pk).exists()
    assert not Region.objects.filter(translation_key=fa.translation_key, locale=en).exists()


def test_editing_a_persian_organisation_syncs_its_translation():
    fa, en = _edit_persian(Organisation)
    en.refresh_from_db()
    assert en.name != fa.name  # the English name is kept…
    assert translation_state(en).outdated  # …and the change is flagged


def test_translated_snippet_models_include_organisations():
    assert Organisation in translatable_snippet_models()


def test_snippets_have_no_source_publication_date_and_the_docs_say_so():
    from pathlib import Path

    from graphql_api.schema import schema

    _fa, en = _edit_persian(Region)
    state = translation_state(en)
    assert state.outdated and state.source_last_published_at is None
    description = schema._schema.get_type("Page").fields["sourceLastPublishedAt"].description
    assert "snippets" in description and "always null" in description
    project = Path(__file__).resolve().parents[2]
    assert description.split(";")[0] in (project / "graphql_api" / "schema.graphql").read_text()
    readme = " ".join((project / "README.md").read_text(encoding="utf-8").split())
    assert "Snippets (regions, areas, topics, organisations) have no publication date" in readme
