"""The cooperation map's pages: an accessible table in every language, cells, organisations."""

from __future__ import annotations

import pytest

from tests.cms.html import read

pytestmark = pytest.mark.django_db

LANGUAGES = [("", "fa", "rtl"), ("/en", "en", "ltr")]


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_the_matrix_is_a_real_table_with_headers_and_a_caption(client, prefix, language, direction):
    page = read(client.get(f"{prefix}/cooperation/"))

    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == (language, direction)
    table = page.find("table")
    assert page.find("caption").is_inside(table)
    column_headers = page.find_all("th", scope="col")
    assert len(column_headers) == 1 + 13
    assert len(page.find_all("th", scope="row")) == 25
    assert len(page.find_all("th", scope="rowgroup")) == 3
    assert len(page.find_all("tbody")) == 3
    assert not page.find_all("script"), "works without JavaScript"
    assert page.find("form").attrs["method"] == "get"
    assert {s.attrs["name"] for s in page.find_all("select")} == {"area", "status", "organisation"}
    # the language switcher leads to the same page in the other language
    other = "en" if language == "fa" else "fa"
    assert page.language_links()[other].attrs["href"].rstrip("/").endswith("cooperation")


def test_the_demo_cell_shows_items_status_text_and_the_coordination_flag(client):
    page = read(client.get("/en/cooperation/"))

    cells = [c for c in page.find_all("td") if c.attrs.get("data-topic") == "cultural-weeks"]
    florence = next(c for c in cells if c.attrs["data-city"] == "florence")
    assert "coop-cell--in_progress" in florence.classes
    assert "2 items" in florence.text
    assert "In progress" in florence.text, "the colour has a text equivalent"
    assert "Coordination needed" in florence.text
    assert "Isfahan–Florence friendship association (sample)" in florence.text
    link = next(a for a in page.find_all("a") if a.is_inside(florence))
    assert link.attrs["href"] == "/en/cooperation/florence/cultural-weeks/"
    empty = next(c for c in cells if c.attrs["data-city"] == "yerevan")
    assert "coop-cell--flag" not in empty.classes and "item" not in empty.text


def test_the_persian_matrix_uses_persian_digits_and_names(client):
    page = read(client.get("/cooperation/"))
    florence = next(
        c
        for c in page.find_all("td")
        if c.attrs.get("data-topic") == "cultural-weeks" and c.attrs.get("data-city") == "florence"
    )
    assert "۲" in florence.text and "نیاز به هماهنگی" in florence.text


def test_filtering_by_status_narrows_the_cells(client):
    page = read(client.get("/en/cooperation/?status=done"))
    florence = [c for c in page.find_all("td") if c.attrs.get("data-city") == "florence"]
    with_items = {
        c.attrs["data-topic"] for c in florence if "coop-cell__items" in c.text or "item" in c.text
    }
    assert with_items == {"joint-research-groups"}
    assert page.find("option", value="done").attrs.get("selected") is not None


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_a_cell_lists_its_items_with_organisations_and_plan_links(
    client, prefix, language, direction
):
    page = read(client.get(f"{prefix}/cooperation/florence/cultural-weeks/"))

    assert page.root.attrs["dir"] == direction
    items = page.with_class("item")
    assert len(items) == 2
    text = page.main_text
    if language == "en":
        assert "Isfahan cultural week in Florence" in text
        assert "Florentine cultural days in Isfahan" in text
        assert "Comune di Firenze" in text
    plan_links = [
        a.attrs["href"] for a in page.find_all("a") if "#item-" in a.attrs.get("href", "")
    ]
    assert plan_links and all(
        h.startswith(f"{prefix}/cities/florence/florence-action-plan/") for h in plan_links
    )


def test_an_unknown_cell_is_a_404(client):
    assert client.get("/en/cooperation/florence/no-such-topic/").status_code == 404
    assert client.get("/en/cooperation/nowhere/tourism/").status_code == 404


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_an_organisation_page_shows_its_footprint_by_city(client, prefix, language, direction):
    page = read(client.get(f"{prefix}/cooperation/organisations/isfahan-international-affairs/"))

    assert page.root.attrs["dir"] == direction
    assert len(page.with_class("item")) == 2  # cultural week and city marketing in Florence
    headings = [h.text.strip() for h in page.find_all("h2")]
    assert headings == (["Florence"] if language == "en" else ["فلورانس"])
    partner = read(client.get(f"{prefix}/cooperation/organisations/comune-di-firenze/"))
    assert len(partner.with_class("item")) == 3
    assert client.get("/en/cooperation/organisations/nobody/").status_code == 404
