"""The content queries of shared/API.md, in Persian and English, with fallback and errors."""

from __future__ import annotations

import pytest

from cities.models import ActionPlanPage, SessionPage
from cms.dates import format_display

from .factories import make_city

pytestmark = pytest.mark.django_db

CITY_FIELDS = """
  id title slug url locale isFallback translationKey translations { locale url }
  country { code name } region { slug name } twinnedSince languages timeZone
  latitude longitude summary
"""


def codes(result: dict) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in result.get("errors", [])]


def test_locales_lists_persian_first_and_rtl(gql):
    data = gql("{ locales { code name nativeName direction isDefault } }")["data"]["locales"]
    assert data[0] == {
        "code": "fa",
        "name": "Persian",
        "nativeName": "فارسی",
        "direction": "RTL",
        "isDefault": True,
    }
    assert {"code": "en", "direction": "LTR", "isDefault": False}.items() <= data[1].items()


def test_cities_in_both_languages(gql):
    fa = gql(f"{{ cities {{ {CITY_FIELDS} }} }}")["data"]["cities"]
    en = gql(f'{{ cities(locale: "en") {{ {CITY_FIELDS} }} }}')["data"]["cities"]
    assert len(fa) == len(en) == 13
    florence_fa = next(c for c in fa if c["slug"] == "florence")
    florence_en = next(c for c in en if c["slug"] == "florence")
    assert florence_fa["locale"] == "fa" and florence_en["locale"] == "en"
    assert florence_fa["title"] != florence_en["title"]
    assert florence_en["title"] == "Florence"
    assert florence_fa["translationKey"] == florence_en["translationKey"]
    assert not florence_en["isFallback"]
    assert florence_en["url"].endswith("/en/cities/florence/")
    assert {t["locale"] for t in florence_en["translations"]} == {"fa", "en"}
    assert florence_en["country"]["code"] == "IT"
    assert florence_en["country"]["name"] == "Italy"
    assert florence_fa["country"]["name"] == "ایتالیا"


def test_accept_language_picks_the_locale_and_argument_wins(gql):
    query = '{ city(slug: "florence") { locale title } }'
    assert gql(query, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["data"]["city"]["locale"] == "en"
    assert gql(query, HTTP_ACCEPT_LANGUAGE="de")["data"]["city"]["locale"] == "fa"
    assert gql(query)["data"]["city"]["locale"] == "fa"
    answer = gql('{ city(slug: "florence", locale: "fa") { locale } }', HTTP_ACCEPT_LANGUAGE="en")
    assert answer["data"]["city"]["locale"] == "fa"


def test_unknown_locale_is_an_error_not_an_empty_answer(gql):
    result = gql('{ cities(locale: "xx") { slug } }', HTTP_ACCEPT_LANGUAGE="en")
    assert codes(result) == ["INVALID_LOCALE"]
    assert result["data"] is None
    assert "xx" in result["errors"][0]["message"]
    persian = gql('{ sessions(locale: "klingon") { slug } }')
    assert codes(persian) == ["INVALID_LOCALE"]
    assert "klingon" in persian["errors"][0]["message"]


def test_missing_translation_falls_back_to_persian(gql, on_commit):
    make_city("test-only-persian", title_fa="شهر فقط فارسی", title_en=None)
    city = gql(
        '{ city(slug: "test-only-persian", locale: "en") { title locale isFallback '
        "translations { locale } sessions { title isFallback locale } } }"
    )["data"]["city"]
    assert city["isFallback"] is True
    assert city["locale"] == "fa"
    assert city["title"] == "شهر فقط فارسی"
    assert city["translations"] == [{"locale": "fa"}]
    assert city["sessions"][0]["isFallback"] is True
    translated = gql('{ city(slug: "florence", locale: "en") { isFallback } }')
    assert translated["data"]["city"]["isFallback"] is False


def test_unknown_city_is_null(gql):
    assert gql('{ city(slug: "atlantis") { title } }')["data"]["city"] is None


def test_region_filter_and_taxonomies(gql):
    regions = gql('{ regions(locale: "en") { slug name } }')["data"]["regions"]
    assert len(regions) == 5
    slug = regions[0]["slug"]
    cities = gql(f'{{ cities(region: "{slug}") {{ region {{ slug }} }} }}')["data"]["cities"]
    assert cities and all(c["region"]["slug"] == slug for c in cities)
    areas = gql('{ cooperationAreas(locale: "en") { slug name topics { id slug name } } }')
    areas = areas["data"]["cooperationAreas"]
    assert len(areas) == 3
    assert sum(len(a["topics"]) for a in areas) == 25
    assert all(t["name"].isascii() for a in areas for t in a["topics"])


SESSION_FIELDS = """
  id title slug url city { slug title } number startsAt endsAt startsAtDisplay timeZone venue
  format registrationOpensAt registrationClosesAt registrationState capacity seatsLeft status
  participants { blockType id rawValue } agenda { blockType id ... on AgendaItemBlock { title } }
  body { blockType id rawValue }
"""


def test_sessions_filters_and_display_dates(gql):
    upcoming = gql(f"{{ sessions(upcoming: true) {{ {SESSION_FIELDS} }} }}")["data"]["sessions"]
    assert upcoming and all(s["status"] == "SCHEDULED" for s in upcoming)
    demo = next(s for s in upcoming if s["slug"] == "florence-co-session-2")
    assert demo["registrationState"] == "OPEN"
    assert demo["seatsLeft"] == demo["capacity"]
    assert demo["city"]["slug"] == "florence"
    assert demo["timeZone"] == "Asia/Tehran"
    # Solar Hijri with Persian digits for fa; Gregorian for en.
    assert any(ch in demo["startsAtDisplay"] for ch in "۰۱۲۳۴۵۶۷۸۹")
    en = gql(
        '{ session(slug: "florence-co-session-2", locale: "en") '
        "{ startsAtDisplay title city { title } } }"
    )["data"]["session"]
    assert en["city"]["title"] == "Florence"
    source = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="fa")
    assert en["startsAtDisplay"] == format_display(source.starts_at, "en")
    assert demo["startsAtDisplay"] == format_display(source.starts_at, "fa")
    past = gql("{ sessions(upcoming: false) { slug status } }")["data"]["sessions"]
    assert {s["slug"] for s in past}.isdisjoint({s["slug"] for s in upcoming})
    open_ = gql("{ sessions(registrationOpen: true) { registrationState } }")["data"]["sessions"]
    assert open_ and {s["registrationState"] for s in open_} == {"OPEN"}
    by_city = gql('{ sessions(city: "florence") { city { slug } } }')["data"]["sessions"]
    assert by_city and {s["city"]["slug"] for s in by_city} == {"florence"}
    assert gql('{ sessions(city: "atlantis") { slug } }')["data"]["sessions"] == []


def test_sessions_limit_and_offset(gql):
    everything = gql("{ sessions { slug } }")["data"]["sessions"]
    assert len(everything) >= 2
    first = gql("{ sessions(limit: 1) { slug } }")["data"]["sessions"]
    second = gql("{ sessions(limit: 1, offset: 1) { slug } }")["data"]["sessions"]
    assert first == everything[:1] and second == everything[1:2]


def test_shared_session_values_come_from_the_source_page(gql, on_commit):
    """Capacity changed in Persian only still shows in English (one value for all locales)."""
    source = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="fa")
    source.capacity = 7
    source.save_revision().publish()
    en = gql('{ session(slug: "florence-co-session-2", locale: "en") { capacity seatsLeft } }')
    assert en["data"]["session"] == {"capacity": 7, "seatsLeft": 7}


def test_online_link_is_not_in_the_schema(gql):
    result = gql('{ session(slug: "florence-co-session-2") { onlineLink } }')
    assert "onlineLink" in result["errors"][0]["message"]
    assert "online_link" not in gql('{ __type(name: "Session") { fields { name } } }').__str__()


def test_action_plans_with_progress_and_items(gql):
    plans = gql("""{ actionPlans(locale: "en", city: "florence") {
        id title slug url city { slug } sessions { slug } periodStart periodEnd summary progress
        progressByArea { area { slug name } progress }
        items { id title description area { slug name } topic { slug name } leadActors partner
                startDate dueDate status progress }
    } }""")["data"]["actionPlans"]
    assert len(plans) == 1
    plan = plans[0]
    model = ActionPlanPage.objects.get(slug=plan["slug"], locale__language_code="en")
    assert plan["progress"] == model.progress
    assert plan["progressByArea"] == [
        {"area": {"slug": area.slug, "name": area.name}, "progress": value}
        for area, value in model.progress_by_area()
    ]
    assert [i["title"] for i in plan["items"]] == [i.title for i in model.tracked_items]
    assert [i["progress"] for i in plan["items"]] == [i.progress for i in model.tracked_items]
    assert all(i["area"]["name"].isascii() for i in plan["items"])
    assert plan["city"]["slug"] == "florence"
    assert plan["sessions"]


def test_action_plan_progress_is_derived_from_items(gql, on_commit):
    make_city("test-progress")
    plan = gql(
        '{ actionPlans(city: "test-progress", locale: "en") { progress '
        "progressByArea { area { slug } progress } items { status progress } } }"
    )
    plan = plan["data"]["actionPlans"][0]
    # items: 40 (in progress), 100 (done), cancelled (ignored) → mean 70
    assert plan["progress"] == 70
    assert plan["progressByArea"] == [{"area": {"slug": "test-area"}, "progress": 70}]
    assert [i["status"] for i in plan["items"]] == ["IN_PROGRESS", "DONE", "CANCELLED"]


def test_page_by_path_in_both_languages(gql):
    fa = gql('{ page(path: "/cities/florence/") { __typename title locale } }')["data"]["page"]
    assert fa["__typename"] == "SisterCity" and fa["locale"] == "fa"
    en = gql('{ page(path: "/en/cities/florence/") { title locale } }')["data"]["page"]
    assert en == {"title": "Florence", "locale": "en"}
    arg = gql('{ page(path: "/cities/florence/", locale: "en") { title } }')["data"]["page"]
    assert arg["title"] == "Florence"
    home = gql('{ page(path: "/") { __typename ... on HomePage { goals { blockType } } } }')
    assert home["data"]["page"]["__typename"] == "HomePage"
    session = gql(
        '{ page(path: "/cities/florence/florence-co-session-2/") '
        "{ __typename ... on Session { capacity } } }"
    )["data"]["page"]
    assert session["__typename"] == "Session"
    assert gql('{ page(path: "/no/such/page/") { title } }')["data"]["page"] is None


def test_search_finds_pages_in_the_requested_language(gql):
    found = gql('{ search(query: "Florence", locale: "en") { __typename title locale url } }')
    results = found["data"]["search"]
    assert any(r["title"] == "Florence" and r["locale"] == "en" for r in results)
    limited = gql('{ search(query: "Florence", locale: "en", limit: 1) { title } }')
    assert len(limited["data"]["search"]) == 1


def test_streamfield_blocks_are_typed_and_rich_text_links_resolved(gql, on_commit):
    city = make_city("test-blocks")
    target = city.get_children().first()
    city.body = [
        ("heading", "Heading"),
        ("paragraph", f'<p>See <a linktype="page" id="{target.pk}">the session</a>.</p>'),
        ("quote", {"text": "Words", "attribution": "Someone"}),
        ("key_facts", {"heading": "Facts", "facts": [{"label": "Population", "value": "380k"}]}),
    ]
    city.save_revision().publish()
    body = gql("""{ city(slug: "test-blocks") { body {
        blockType id rawValue
        ... on HeadingBlock { text }
        ... on RichTextBlock { html }
        ... on QuoteBlock { text attribution }
        ... on KeyFactsBlock { heading facts { label value } }
    } } }""")["data"]["city"]["body"]
    assert [b["blockType"] for b in body] == ["heading", "paragraph", "quote", "key_facts"]
    assert all(b["id"] for b in body)
    assert body[0]["text"] == "Heading"
    assert f'href="http://testserver{target.url}"' in body[1]["html"]
    assert "linktype" in body[1]["rawValue"]
    assert body[2] == {**body[2], "text": "Words", "attribution": "Someone"}
    assert body[3]["facts"] == [{"label": "Population", "value": "380k"}]


def test_hero_image_renditions_are_allow_listed(gql, on_commit):
    make_city("test-image")
    ok = gql(
        '{ city(slug: "test-image") { heroImage { url alt width height '
        'rendition(filter: "fill-400x300") { url width height } srcset(sizes: [320, 640]) '
        "} } }"
    )["data"]["city"]["heroImage"]
    assert ok["url"].startswith("http://testserver/media/")
    assert ok["alt"] == "Alt text for test-image"
    assert ok["rendition"]["url"].endswith(".fill-400x300.png")
    assert ok["srcset"].count("w,") == 1
    bad = gql(
        '{ city(slug: "test-image") { heroImage { rendition(filter: "width-4000") { url } } } }'
    )
    assert codes(bad) == ["INVALID_ARGUMENT"]
    huge = gql('{ city(slug: "test-image") { heroImage { srcset(sizes: [5000]) } } }')
    assert codes(huge) == ["INVALID_ARGUMENT"]
