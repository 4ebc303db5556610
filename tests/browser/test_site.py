"""The site in a real Chromium: direction, language, the 13 city links and the language switcher."""

from __future__ import annotations

CITY_SLUGS = {
    "xian", "kuala-lumpur", "florence", "iasi", "barcelona", "yerevan", "kuwait-city",
    "freiburg", "havana", "lahore", "saint-petersburg", "dakar", "baalbek",
}  # fmt: skip


def html_language(page) -> tuple[str, str, str]:
    """(lang, dir, the direction the browser actually lays out) of the <html> element."""
    return tuple(
        page.evaluate(
            "() => [document.documentElement.lang, document.documentElement.dir,"
            " getComputedStyle(document.documentElement).direction]"
        )
    )


def city_paths(page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            ".region-list a", "links => links.map(a => new URL(a.href).pathname)"
        )
    )


def test_persian_and_english_home_pages_and_the_language_switcher(
    live_server, transactional_db, programme, browser_page
):
    page = browser_page

    page.goto(live_server.url + "/")
    assert html_language(page) == ("fa", "rtl", "rtl")
    assert city_paths(page) == {f"/cities/{slug}/" for slug in CITY_SLUGS}
    # Right to left: the site name sits to the right of the language switcher.
    name_box = page.locator(".site-name").bounding_box()
    switcher_box = page.locator(".language-switcher").bounding_box()
    assert name_box["x"] > switcher_box["x"]
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"

    page.click(".language-switcher a[hreflang='en']")
    page.wait_for_url(live_server.url + "/en/")
    assert html_language(page) == ("en", "ltr", "ltr")
    assert city_paths(page) == {f"/en/cities/{slug}/" for slug in CITY_SLUGS}
    assert (
        page.locator(".site-name").bounding_box()["x"]
        < page.locator(".language-switcher").bounding_box()["x"]
    )

    page.click(".region-list a[href='/en/cities/florence/']")
    page.wait_for_url(live_server.url + "/en/cities/florence/")
    english_title = page.locator("h1").inner_text()

    page.click(".language-switcher a[hreflang='fa']")
    page.wait_for_url(live_server.url + "/cities/florence/")
    assert html_language(page) == ("fa", "rtl", "rtl")
    assert page.locator("h1").inner_text() == "فلورانس"
    assert english_title == "Florence"

    page.click(".language-switcher a[hreflang='en']")
    page.wait_for_url(live_server.url + "/en/cities/florence/")
    assert html_language(page)[0] == "en"
