"""City index, dossier, co-session and Action Plan pages rendered in Persian and English."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cities.models import (
    ActionPlanPage,
    CityPartner,
    Region,
    SessionPage,
    SisterCityIndexPage,
    SisterCityPage,
)
from cms.dates import format_display, persian_digits
from tests.cms.html import read

pytestmark = pytest.mark.django_db

LANGUAGES = [("", "fa", "rtl"), ("/en", "en", "ltr")]
FLORENCE = "/cities/florence/"
UPCOMING = FLORENCE + "florence-co-session-2/"
HELD = FLORENCE + "florence-co-session-1/"
PLAN = FLORENCE + "florence-action-plan/"


def page_in(model, slug: str, language: str):
    return model.objects.get(slug=slug, locale__language_code=language)


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_city_index_lists_the_13_cities_under_their_regions(client, prefix, language, direction):
    page = read(client.get(f"{prefix}/cities/"))

    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == (language, direction)
    region_list = page.with_class("region-list")[0]
    sections = [e for e in page.find_all("section") if e.is_inside(region_list)]
    assert len(sections) == 5
    cities = SisterCityPage.objects.live().filter(locale__language_code=language)
    assert cities.count() == 13
    for city in cities.select_related("region"):
        section = next(s for s in sections if city.region.name in s.text)
        links = [a for a in page.find_all("a") if a.is_inside(section)]
        assert f"{prefix}/cities/{city.slug}/" in [a.attrs["href"] for a in links]
        assert city.title in [a.text.strip() for a in links]


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_city_dossier_shows_facts_summary_topics_sessions_and_plans(
    client, prefix, language, direction
):
    city = page_in(SisterCityPage, "florence", language)

    page = read(client.get(f"{prefix}{FLORENCE}"))

    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == (language, direction)
    assert page.find("h1").text.strip() == city.title
    facts = page.with_class("facts-panel")[0].text
    with translation.override(language):
        assert str(city.country.name) in facts
    assert city.region.name in facts
    # The time zone by the city people know it by (Europe/Rome), with its offset from Greenwich.
    assert ("به وقت رم" if language == "fa" else "Rome time") in facts
    assert ("۱۹۹۸" if language == "fa" else "1998") in facts
    assert ("ایتالیایی" if language == "fa" else "Italian") in facts
    assert " ".join(city.summary.split()) in page.main_text
    topic_names = [ct.topic.name for ct in city.topics.select_related("topic")]
    assert topic_names and all(name in page.main_text for name in topic_names)
    hrefs = [a.attrs["href"] for a in page.find_all("a")]
    for slug in ("florence-co-session-1", "florence-co-session-2", "florence-action-plan"):
        assert f"{prefix}{FLORENCE}{slug}/" in hrefs
    plan = page_in(ActionPlanPage, "florence-action-plan", language)
    assert page.find("progress").attrs["value"] == str(plan.progress)
    assert f"https://www.openstreetmap.org/?mlat={city.latitude}&mlon={city.longitude}" in {
        href.split("#")[0] for href in hrefs
    }


def test_city_dossier_shows_partners_public_contact_details(
    client, django_capture_on_commit_callbacks
):
    city = page_in(SisterCityPage, "barcelona", "fa")
    CityPartner.objects.create(
        page=city,
        locale=city.locale,
        name="انجمن دوستی اصفهان و بارسلونا",
        kind=CityPartner.Kind.FRIENDSHIP_ASSOCIATION,
        website="https://friends.example.org/",
        public_email="hello@friends.example.org",
        public_phone="+34 93 000 00 00",
        address="Plaça de Sant Jaume 1, Barcelona",
    )
    with django_capture_on_commit_callbacks(execute=True):
        city.save_revision().publish()

    page = read(client.get("/cities/barcelona/"))

    card = next(e for e in page.with_class("card") if "انجمن دوستی" in e.text)
    assert "Plaça de Sant Jaume 1" in card.text
    hrefs = [a.attrs["href"] for a in page.find_all("a") if a.is_inside(card)]
    assert hrefs == [
        "https://friends.example.org/",
        "mailto:hello@friends.example.org",
        "tel:+34930000000",
    ]


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_upcoming_session_page(client, prefix, language, direction):
    session = page_in(SessionPage, "florence-co-session-2", language)
    source = session.source_page

    response = client.get(f"{prefix}{UPCOMING}")
    page = read(response)

    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == (language, direction)
    assert page.find("h1").text.strip() == session.title
    times = page.find_all("time")
    with translation.override(language):
        start, end = (
            format_display(source.starts_at, language),
            format_display(source.ends_at, language),
        )
    assert [t.text for t in times[:2]] == [start, end]
    assert times[0].attrs["datetime"].endswith("+03:30")
    if language == "fa":
        assert "ساعت" in start and any(c in start for c in "۰۱۲۳۴۵۶۷۸۹")
        assert page.with_class("alt-calendar"), "Persian readers also get the Gregorian date"
    else:
        assert not page.with_class("alt-calendar")
    assert session.venue in page.main_text
    assert source.registration_state() == SessionPage.RegistrationState.OPEN
    with translation.override(language):
        open_label = str(SessionPage.RegistrationState.OPEN.label)
    assert page.with_class("registration-state")[0].text.strip() == open_label
    seats = str(source.seats_left())
    assert page.with_class("seats-left")[0].text.strip() == (
        persian_digits(seats) if language == "fa" else seats
    )
    for block in session.participants:
        assert block.value["name"] in page.main_text
    agenda_titles = [e.text.strip() for e in page.with_class("agenda-item__title")]
    assert agenda_titles == [b.value["title"] for b in session.agenda if b.block_type == "item"]


@pytest.mark.parametrize("path", [UPCOMING, "/en" + UPCOMING])
def test_session_page_never_shows_the_online_link(client, path):
    source = page_in(SessionPage, "florence-co-session-2", "fa")
    assert source.online_link, "the demo session should have a link to hide"

    html = client.get(path).content.decode()

    assert source.online_link not in html
    assert "meet.example.org" not in html


def test_english_session_page_shows_the_shared_dates_of_the_persian_source(client):
    source = page_in(SessionPage, "florence-co-session-2", "fa")
    new_start = source.starts_at + timedelta(days=7)
    # A change on the source that has not been synced to the translation yet.
    SessionPage.objects.filter(pk=source.pk).update(
        starts_at=new_start, ends_at=source.ends_at + timedelta(days=7)
    )

    page = read(client.get("/en" + UPCOMING))

    assert page.find("time").text == format_display(new_start, "en")


@pytest.mark.parametrize(("prefix", "language"), [("", "fa"), ("/en", "en")])
def test_held_session_shows_its_summary_and_no_registration(client, prefix, language):
    session = page_in(SessionPage, "florence-co-session-1", language)
    assert session.status == SessionPage.Status.HELD

    page = read(client.get(f"{prefix}{HELD}"))

    assert not page.with_class("registration-panel")
    words = re.sub(r"<[^>]+>", " ", str(session.summary[0].value.source)).split()
    assert words
    assert " ".join(words[:4]) in page.main_text


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_action_plan_page_shows_items_progress_and_progress_per_area(
    client, prefix, language, direction
):
    plan = page_in(ActionPlanPage, "florence-action-plan", language)

    page = read(client.get(f"{prefix}{PLAN}"))

    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == (language, direction)
    assert page.find("h1").text.strip() == plan.title
    held = page_in(SessionPage, "florence-co-session-1", language)
    follows = next(a for a in page.find_all("a") if a.attrs["href"] == f"{prefix}{HELD}")
    assert follows.text == held.title, "the session it follows from, in the reader's language"
    items = plan.tracked_items
    assert len(items) >= 3
    rendered = page.with_class("item")
    for item, element in zip(items, rendered, strict=True):
        assert item.title in element.text
        assert item.status_label in element.text
        if item.area:
            assert item.area.name in element.text
        if item.topic:
            assert item.topic.name in element.text
        bars = [p for p in page.find_all("progress") if p.is_inside(element)]
        assert [b.attrs["value"] for b in bars] == [str(item.progress)]
        assert bars[0].attrs["max"] == "100"
    panel = page.with_class("progress-panel")[0]
    bars = [p for p in page.find_all("progress") if p.is_inside(panel)]
    expected = [("", plan.progress)] + [(a.name, v) for a, v in plan.progress_by_area()]
    assert [int(b.attrs["value"]) for b in bars] == [value for _name, value in expected]
    for name, _value in expected[1:]:
        assert name in panel.text
    overall = page.with_class("progress__value")[0].text.strip()
    digits = persian_digits(str(plan.progress)) if language == "fa" else str(plan.progress)
    assert overall.startswith(digits)


def test_action_plan_page_shows_persian_dates_in_solar_hijri(client):
    plan = page_in(ActionPlanPage, "florence-action-plan", "fa")

    page = read(client.get(PLAN))

    period = page.with_class("period")[0].text
    assert format_display(plan.period_start, "fa") in period
    assert format_display(plan.period_end, "fa") in period


def add_cities(count: int) -> None:
    index = SisterCityIndexPage.objects.get(locale__language_code="fa")
    region = Region.objects.filter(locale=index.locale).first()
    for n in range(count):
        city = SisterCityPage(
            title=f"شهر آزمایشی {n}",
            slug=f"test-city-{n}",
            country="FR",
            region=region,
            twinned_since=2020,
            time_zone="Europe/Paris",
            locale=index.locale,
        )
        index.add_child(instance=city)
        city.save_revision().publish()


def queries_for(client, path: str) -> int:
    client.get(path)  # warm the per-site caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/", "/cities/"])
def test_city_lists_cost_the_same_queries_whatever_the_number_of_cities(
    client, django_capture_on_commit_callbacks, path
):
    before = queries_for(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        add_cities(3)

    after = queries_for(client, path)

    assert client.get(path).content.decode().count("/cities/test-city-") == 3
    assert after == before
    assert before <= 20


def test_city_dossier_query_budget(client):
    # 37 today; two per Action Plan item of them are the English area/topic lookups in
    # ActionPlanPage.tracked_items, which grow with the number of items.
    assert queries_for(client, "/en" + FLORENCE) <= 40
