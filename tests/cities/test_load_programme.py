"""The seed command: counts per locale, translations through wagtail-localize, idempotence."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from cities.models import (
    ActionPlanPage,
    CooperationArea,
    CooperationTopic,
    Region,
    SessionPage,
    SisterCityIndexPage,
    SisterCityPage,
)
from cities.seed import data
from cms.models import HomePage

pytestmark = pytest.mark.django_db

CITY_SLUGS = {
    "xian",
    "kuala-lumpur",
    "florence",
    "iasi",
    "barcelona",
    "yerevan",
    "kuwait-city",
    "freiburg",
    "havana",
    "lahore",
    "saint-petersburg",
    "dakar",
    "baalbek",
}


@pytest.mark.parametrize("code", ["fa", "en"])
def test_counts_per_locale(code):
    locale = Locale.objects.get(language_code=code)
    assert Region.objects.filter(locale=locale).count() == 5
    assert CooperationArea.objects.filter(locale=locale).count() == 3
    assert CooperationTopic.objects.filter(locale=locale).count() == 25
    cities = SisterCityPage.objects.live().filter(locale=locale)
    assert set(cities.values_list("slug", flat=True)) == CITY_SLUGS
    assert HomePage.objects.live().filter(locale=locale).count() == 1
    assert SisterCityIndexPage.objects.live().filter(locale=locale).count() == 1


def test_topics_per_area_follow_the_brief():
    fa = Locale.objects.get(language_code="fa")
    counts = {area.slug: area.topics.count() for area in CooperationArea.objects.filter(locale=fa)}
    assert counts == {"culture-tourism-media": 11, "economy-trade": 5, "science-universities": 9}


def test_english_is_a_real_translation_not_a_copy():
    en = Locale.objects.get(language_code="en")
    fa_city = SisterCityPage.objects.get(slug="xian", locale__language_code="fa")
    en_city = SisterCityPage.objects.get(slug="xian", locale=en)
    assert fa_city.title == "شیان" and en_city.title == "Xi'an"
    assert en_city.translation_key == fa_city.translation_key
    assert en_city.alias_of_id is None
    assert en_city.summary.startswith("Xi'an, capital of Shaanxi")
    # the region is re-pointed to the English snippet, and language-neutral facts are shared
    assert en_city.region.locale == en and en_city.region.name == "Asia"
    assert (en_city.time_zone, en_city.languages, en_city.twinned_since) == (
        "Asia/Shanghai",
        "zh",
        1989,
    )
    topic = CooperationTopic.objects.get(slug="city-marketing", locale=en)
    assert topic.name == "City marketing" and topic.area.locale == en


def test_slugs_are_ascii_and_identical_across_locales():
    for page in Page.objects.filter(depth__gt=2):
        assert page.slug.isascii(), page
    fa_slugs = set(
        SisterCityPage.objects.filter(locale__language_code="fa").values_list("slug", flat=True)
    )
    en_slugs = set(
        SisterCityPage.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )
    assert fa_slugs == en_slugs == CITY_SLUGS


def test_site_root_is_the_persian_home_page():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "fa"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail").exists()


def test_demo_content_is_marked_as_sample():
    sessions = SessionPage.objects.filter(locale__language_code="en")
    assert sessions.count() == 2
    assert all("(sample)" in s.title for s in sessions)
    assert {s.status for s in sessions} == {"held", "scheduled"}
    upcoming = sessions.get(status="scheduled")
    assert upcoming.registration_state() == SessionPage.RegistrationState.OPEN
    plan = ActionPlanPage.objects.get(locale__language_code="fa")
    assert "(نمونه)" in plan.title and len(plan.items) == 5


def test_running_again_changes_nothing():
    before = {
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "title", "slug", "latest_revision_id")
        ),
        "regions": Region.objects.count(),
        "topics": CooperationTopic.objects.count(),
    }
    out = StringIO()
    call_command("load_programme", "--demo", stdout=out)
    after = {
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "title", "slug", "latest_revision_id")
        ),
        "regions": Region.objects.count(),
        "topics": CooperationTopic.objects.count(),
    }
    assert after == before
    assert "nothing changed" in out.getvalue()


def test_command_reports_progress():
    out = StringIO()
    call_command("load_programme", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"[{len(data.CITIES)}/{len(data.CITIES)}] Baalbek: exists (fa, en)" in lines


def test_seed_data_has_no_duplicate_slugs():
    topic_slugs = [t.slug for a in data.AREAS for t in a.topics]
    assert len(topic_slugs) == len(set(topic_slugs)) == 25
    assert len({c.slug for c in data.CITIES}) == len(data.CITIES) == 13
