"""The "needs review" mark of a changed text is stored as a code and shown translated."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cities.models import SisterCityPage
from cms.staleness import LEGACY_REVIEW_TOOL_NAMES, REVIEW_TOOL_NAME, translation_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def florence_summary():
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    en = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    source = TranslationSource.objects.get_for_instance(fa)
    segment = StringSegment.objects.get(source=source, context__path="summary")
    prefilled = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=en.locale
    )
    return en, prefilled


def _mark(string_translation: StringTranslation, tool_name: str) -> None:
    string_translation.tool_name = tool_name
    string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
    string_translation.save()


@pytest.mark.parametrize("stored", [REVIEW_TOOL_NAME, *LEGACY_REVIEW_TOOL_NAMES])
def test_the_mark_is_shown_in_the_admin_language_whatever_was_stored(florence_summary, stored):
    en, prefilled = florence_summary
    _mark(prefilled, stored)
    with translation.override("fa"):
        persian = prefilled.get_comment()
    with translation.override("en"):
        english = prefilled.get_comment()
    assert "بازبینی" in persian and "review" not in persian and stored not in persian
    assert english.startswith("Previous translation, kept because the source text changed")
    assert translation_state(en).outdated  # both spellings count as waiting for review


def test_other_comments_stay_wagtail_localizes(florence_summary):
    _en, prefilled = florence_summary
    _mark(prefilled, "DeepL")
    with translation.override("en"):
        assert prefilled.get_comment().startswith("Translated with DeepL on ")


def test_the_migration_turns_the_english_phrase_into_the_code(florence_summary):
    _en, prefilled = florence_summary
    _mark(prefilled, LEGACY_REVIEW_TOOL_NAMES[0])
    migration = importlib.import_module("cms.migrations.0005_review_marks_as_codes")
    migration.to_code(django_apps, None)
    prefilled.refresh_from_db()
    assert prefilled.tool_name == REVIEW_TOOL_NAME
    migration.to_phrase(django_apps, None)
    prefilled.refresh_from_db()
    assert prefilled.tool_name == LEGACY_REVIEW_TOOL_NAMES[0]
