"""The cooperation map in a real Chromium, Persian and English: layout direction and axe-core."""

from __future__ import annotations


def test_cooperation_map_in_persian_and_english_has_no_serious_accessibility_violations(
    live_server, transactional_db, programme, browser_page, axe_violations
):
    page = browser_page
    for path, language, direction in (
        ("/cooperation/", "fa", "rtl"),
        ("/en/cooperation/", "en", "ltr"),
    ):
        page.goto(live_server.url + path)
        assert page.evaluate(
            "() => [document.documentElement.lang, getComputedStyle(document.body).direction]"
        ) == [language, direction]
        flagged = page.locator(
            "td.coop-cell--flag[data-city='florence'][data-topic='cultural-weeks']"
        )
        assert flagged.count() == 1
        # the heat map is CSS: a coloured background, not the page's paper colour
        colours = page.evaluate(
            "() => [getComputedStyle(document.querySelector("
            "\"td[data-city='florence'][data-topic='cultural-weeks']\")).backgroundColor,"
            " getComputedStyle(document.querySelector("
            "\"td[data-city='yerevan'][data-topic='cultural-weeks']\")).backgroundColor]"
        )
        assert colours[0] != colours[1]
        assert axe_violations(page) == [], f"{path}: serious or critical axe-core violations"

    # filters work without JavaScript: a plain GET form
    page.select_option("#filter-status", "done")
    page.click(".coop-filters button")
    page.wait_for_url("**/en/cooperation/?*status=done*")
    assert page.locator("td.coop-cell--done").count() == 1
    page.click("td.coop-cell--done a")
    page.wait_for_url("**/en/cooperation/florence/joint-research-groups/")
    assert page.locator(".item").count() == 1
    assert axe_violations(page) == []
