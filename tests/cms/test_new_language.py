"""Adding a language is safe: the locale and its snippets appear, pages stay unpublished until
translated, readers are sent to the Persian page meanwhile, and the switcher lists only live
languages."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource

from cities.models import CooperationTopic, SisterCityPage
from cms.locales import ensure_configured_locales, translatable_snippet_models
from cms.staleness import outdated_counts

from .html import read

pytestmark = pytest.mark.django_db

NEW = "it"


@pytest.fixture
def new_language(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, (NEW, "Italian")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    created = ensure_configured_locales()
    assert created == [NEW]
    return Locale.objects.get(language_code=NEW)


def test_new_language_gets_every_region_area_topic_and_organisation_to_translate(new_language):
    default = Locale.get_default()
    for model in translatable_snippet_models():
        source = set(model.objects.filter(locale=default).values_list("slug", flat=True))
        copied = set(model.objects.filter(locale=new_language).values_list("slug", flat=True))
        assert copied == source and source, model
    for topic in CooperationTopic.objects.filter(locale=new_language).select_related("area"):
        assert topic.area.locale_id == new_language.pk
    counts = outdated_counts()[NEW]
    assert counts["pages"] == 0
    assert counts["snippets"] == sum(
        model.objects.filter(locale=new_language).count() for model in translatable_snippet_models()
    )
    assert not LocaleSynchronization.objects.exists()
    assert ensure_configured_locales() == []  # idempotent


def test_no_page_exists_or_is_served_in_the_new_language_before_translation(client, new_language):
    assert not Page.objects.filter(locale=new_language).exists()
    for path, persian in (("/it/", "/"), ("/it/cities/florence/", "/cities/florence/")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == persian
    switcher_codes = [
        a.attrs["hreflang"]
        for a in read(client.get("/cities/florence/")).find_all("a")
        if "hreflang" in a.attrs and a.attrs.get("lang")
    ]
    assert NEW not in switcher_codes and "en" in switcher_codes


def test_api_falls_back_to_persian_with_is_fallback(client, new_language):
    query = '{ city(slug: "florence", locale: "it") { locale isFallback title } }'
    data = client.post("/graphql/", {"query": query}, content_type="application/json").json()
    city = data["data"]["city"]
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    assert city == {"locale": "fa", "isFallback": True, "title": fa.title}


def test_a_translated_and_published_page_is_served_left_to_right_and_listed(
    client, new_language, django_capture_on_commit_callbacks
):
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    for page in [*fa.get_ancestors().filter(depth__gt=1), fa]:
        with django_capture_on_commit_callbacks(execute=True):
            source, _ = TranslationSource.get_or_create_from_instance(page.specific)
            Translation.objects.get_or_create(source=source, target_locale=new_language)
            source.create_or_update_translation(new_language, publish=False, fallback=True)
    draft = SisterCityPage.objects.get(slug="florence", locale=new_language)
    assert not draft.live
    assert client.get("/it/cities/florence/").status_code == 302  # a draft is not public
    for page in [*draft.get_ancestors().filter(depth__gt=1), draft]:
        with django_capture_on_commit_callbacks(execute=True):
            page.specific.save_revision().publish()
    response = client.get("/it/cities/florence/")
    assert response.status_code == 200
    page = read(response)
    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == ("it", "ltr")
    switcher = read(client.get("/cities/florence/")).find_all("a")
    assert any(a.attrs.get("hreflang") == NEW for a in switcher)


def test_a_left_over_alias_is_never_served_under_its_language(client, new_language):
    fa = SisterCityPage.objects.get(slug="dakar", locale__language_code="fa")
    alias = fa.copy_for_translation(new_language, copy_parents=True, alias=True)
    assert alias.live and alias.alias_of_id == fa.pk
    response = client.get("/it/cities/dakar/")
    assert response.status_code == 302 and response.url == "/cities/dakar/"


def test_graphql_translations_list_no_left_over_alias(client, new_language):
    fa = SisterCityPage.objects.get(slug="dakar", locale__language_code="fa")
    alias = fa.copy_for_translation(new_language, copy_parents=True, alias=True)
    assert alias.live and alias.translation_key == fa.translation_key
    query = '{ city(slug: "dakar", locale: "en") { translations { locale url } } }'
    data = client.post("/graphql/", {"query": query}, content_type="application/json").json()
    translations = data["data"]["city"]["translations"]
    live_real = Page.objects.live().filter(translation_key=fa.translation_key, alias_of=None)
    assert sorted(t["locale"] for t in translations) == sorted(
        page.locale.language_code for page in live_real
    )
    assert NEW not in {t["locale"] for t in translations}
    assert {"fa", "en"} <= {t["locale"] for t in translations}
    assert all(t["url"] for t in translations)
