"""The map reaches the rest of the site: organisations on Action Plan pages, the dossier's feed,
matrix and embed links, and the footer's links to the map and the programme calendar."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.html import read

from . import factories

pytestmark = pytest.mark.django_db

PLAN = "/cities/florence/florence-action-plan/"


def _item_with_organisations(page, title: str):
    item = next(li for li in page.find_all("li") if "item" in li.classes and title in li.text)
    return [a for a in page.find_all("a") if a.is_inside(item)]


@pytest.mark.parametrize(
    ("prefix", "lead", "partner"),
    [
        ("", "اداره کل ارتباطات و امور بین‌الملل شهرداری اصفهان", "شهرداری فلورانس"),
        (
            "/en",
            "Isfahan Municipality's General Directorate of Communications and International "
            "Affairs",
            "Comune di Firenze",
        ),
    ],
)
def test_action_plan_items_name_their_organisations_in_the_page_language(
    client, prefix, lead, partner
):
    page = read(client.get(prefix + PLAN))
    lead_links = [
        a
        for a in page.find_all("a")
        if a.attrs.get("href")
        == f"{prefix}/cooperation/organisations/isfahan-international-affairs/"
    ]
    assert lead_links and all(a.text == lead for a in lead_links)
    partner_links = [
        a for a in page.find_all("a") if a.attrs.get("href") == "https://www.comune.fi.it/"
    ]
    assert partner_links and all(a.text == partner for a in partner_links)
    # a partner without a website is named, not linked
    assert (
        "Camera di Commercio di Firenze" if prefix else "اتاق بازرگانی فلورانس"
    ) in page.main_text
    organisations_page = client.get(lead_links[0].attrs["href"])
    assert organisations_page.status_code == 200


def _plan_queries(client, url: str) -> int:
    client.get(url)  # warm the site and locale caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_plan_page_reads_organisations_in_a_fixed_number_of_queries(
    client, django_capture_on_commit_callbacks
):
    factories.organisation(
        "org-partner-a", side="sister_city", city_slug="yerevan", website="https://a.example/"
    )
    factories.organisation("org-partner-b", side="sister_city", city_slug="yerevan")

    def items(n: int) -> list[dict]:
        return [
            factories.item(
                "cultural-weeks",
                leads=(f"org-lead-{n}-{i}",),
                partners=("org-partner-a", "org-partner-b"),
                title=f"item {n}-{i}",
            )
            for i in range(n)
        ]

    with django_capture_on_commit_callbacks(execute=True):
        small = factories.plan("yerevan", items(2), slug="plan-small")
        large = factories.plan("yerevan", items(6), slug="plan-large")
    once = _plan_queries(client, small.url)
    thrice = _plan_queries(client, large.url)
    assert once == thrice
    page = read(client.get(large.url))
    leads = [
        a
        for a in page.find_all("a")
        if "/cooperation/organisations/org-lead-6-" in a.attrs.get("href", "")
    ]
    assert len(leads) == 6
    assert sum(1 for a in page.find_all("a") if a.attrs.get("href") == "https://a.example/") == 6


def test_an_english_plan_names_an_untranslated_organisation_in_persian(client):
    """An organisation without an English translation is still shown (in Persian)."""
    from cooperation.models import Organisation

    org = Organisation.objects.get(slug="universita-di-firenze", locale__language_code="en")
    org.delete()
    page = read(client.get("/en" + PLAN))
    assert "دانشگاه فلورانس" in page.main_text


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_dossier_links_its_calendar_the_filtered_map_and_the_embed_card(client, prefix):
    response = client.get(f"{prefix}/cities/florence/")
    page = read(response)
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    calendar = f"{prefix}/cities/florence/calendar.ics"
    matrix = f"{prefix}/cooperation/?city=florence"
    card = f"{prefix}/embed/cities/florence/"
    assert {calendar, matrix, card} <= hrefs
    snippet = page.with_class("embed-snippet")[0].text
    assert f'<iframe src="http://testserver{card}"' in snippet
    assert "</iframe>" in snippet
    for url in (calendar, matrix, card):
        assert client.get(url).status_code == 200, url
    assert client.get(calendar)["Content-Type"].startswith("text/calendar")


def test_the_map_filtered_to_one_city_shows_only_that_city(client):
    page = read(client.get("/en/cooperation/?city=florence"))
    columns = page.find_all("th", scope="col")
    assert [c.text.strip() for c in columns[1:]] == ["Florence"]
    hidden = page.find("input", type="hidden")
    assert (hidden.attrs["name"], hidden.attrs["value"]) == ("city", "florence")
    assert "(filtered)" in page.find("caption").text
    assert any(a.attrs.get("href") == "/en/cooperation/" for a in page.find_all("a"))


@pytest.mark.parametrize(
    ("prefix", "map_label"), [("", "نقشه همکاری‌ها"), ("/en", "Cooperation map")]
)
def test_every_page_footer_links_the_map_and_the_programme_calendar(client, prefix, map_label):
    page = read(client.get(f"{prefix}/"))
    footer = page.find("footer")
    links = {a.attrs.get("href"): a.text for a in page.find_all("a") if a.is_inside(footer)}
    assert links[f"{prefix}/cooperation/"] == map_label
    assert f"{prefix}/calendar.ics" in links
