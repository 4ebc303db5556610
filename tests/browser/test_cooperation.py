"""The cooperation map in a real Chromium, Persian and English: layout direction and axe-core.

The site's Content-Security-Policy (``script-src 'none'``) would block axe-core's injected
script, so these pages are opened in a context that bypasses CSP; the policy itself is tested
by ``test_content_security_policy.py``.
"""

from __future__ import annotations


def test_cooperation_map_in_persian_and_english_has_no_serious_accessibility_violations(
    live_server, transactional_db, programme, new_browser_page, axe_violations
):
    page = new_browser_page(bypass_csp=True)
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


def test_organisation_page_embed_card_and_dossier_links_pass_axe_in_persian_and_english(
    live_server, transactional_db, programme, new_browser_page, axe_violations
):
    page = new_browser_page(bypass_csp=True)
    for prefix, language, direction in (("", "fa", "rtl"), ("/en", "en", "ltr")):
        for path in (
            "/cooperation/organisations/isfahan-international-affairs/",
            "/embed/cities/florence/",
            "/cooperation/?city=florence",
        ):
            page.goto(live_server.url + prefix + path)
            assert page.evaluate(
                "() => [document.documentElement.lang, getComputedStyle(document.body).direction]"
            ) == [language, direction], prefix + path
            assert axe_violations(page) == [], f"{prefix}{path}: serious or critical violations"

        # the new links: the dossier's calendar, map and card, the footer's map and calendar
        page.goto(live_server.url + prefix + "/cities/florence/")
        assert page.locator(f"a[href='{prefix}/cities/florence/calendar.ics']").count() == 1
        assert page.locator(f"footer a[href='{prefix}/calendar.ics']").count() == 1
        assert axe_violations(page) == [], f"{prefix}/cities/florence/"
        page.click(f"a[href='{prefix}/cooperation/?city=florence']")
        page.wait_for_url(f"**{prefix}/cooperation/?city=florence")
        assert page.locator("th[scope='col']").count() == 2
        page.goto(live_server.url + prefix + "/cities/florence/")
        page.click(f"a[href='{prefix}/embed/cities/florence/']")
        page.wait_for_url(f"**{prefix}/embed/cities/florence/")
        assert page.locator("main.card h1 a").count() == 1
