"""axe-core on every public page, in Persian and English, on a desktop and a phone screen,
including the forms' error states: no serious or critical violation anywhere."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser.conftest import DESKTOP, MOBILE

# Set to a folder to keep screenshots of every page (for a person to look at).
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")


def public_pages(live_url: str) -> dict[str, str]:
    """Every kind of public page (path per language, Persian unprefixed), with real data."""
    from cities.models import ActionPlanPage, SessionPage
    from registrations import links
    from tests.registrations import factories

    session = SessionPage.objects.live().filter(locale__language_code="fa").first()
    plan = ActionPlanPage.objects.live().filter(locale__language_code="fa").first()
    test_session = factories.make_session(capacity=5)
    application, rsvp = factories.invited(test_session)
    with_code, _code = factories.submitted(city="barcelona")
    pages = {
        "home": "/",
        "city index": "/cities/",
        "dossier": "/cities/florence/",
        "session": session.url,
        "action plan": plan.url,
        "about": "/about/",
        "privacy": "/privacy/",
        "register": "/register/florence/",
        "register for a session": f"/register/florence/{test_session.slug}/",
        "status lookup": "/register/status/",
        "status by link": links.status_link(with_code, "fa").split(live_url, 1)[-1],
        "status with invitation": links.status_link(application, "fa").split(live_url, 1)[-1],
        "invitation": f"/register/invitation/{rsvp}/",
        "invalid invitation": "/register/invitation/not-a-token/",
        "confirm": "/register/confirm/not-a-real-token-but-long-enough/",
        "roster": "/register/roster/florence/",
        "not found": "/no-such-page/",
    }
    return pages


@pytest.fixture
def pages(live_server, transactional_db, programme, settings) -> dict[str, str]:
    # Built before the browser starts: Playwright's event loop forbids database calls after.
    settings.SITE_BASE_URL = live_server.url
    return public_pages(live_server.url)


def english(path: str) -> str:
    return path if path.startswith("/en/") else "/en" + path


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_no_serious_or_critical_axe_violation_on_any_public_page(
    live_server, pages, new_browser_page, axe_violations, viewport
):
    page = new_browser_page(viewport=viewport)
    failures: dict[str, list] = {}
    visited = 0
    for language in ("fa", "en"):
        for name, path in pages.items():
            url = live_server.url + (path if language == "fa" else english(path))
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language, url
            violations = axe_violations(page)
            visited += 1
            if violations:
                failures[f"{language} {name} {url}"] = violations
            if SCREENSHOTS:
                shot = re.sub(r"\W+", "-", f"{viewport['width']}-{language}-{name}")
                page.screenshot(path=f"{SCREENSHOTS}/{shot}.png", full_page=True)

        # Error states: the forms sent empty (they are novalidate, so the server answers).
        prefix = "" if language == "fa" else "/en"
        for name, path in (
            ("register errors", f"{prefix}/register/florence/"),
            ("status lookup errors", f"{prefix}/register/status/"),
        ):
            page.goto(live_server.url + path)
            page.click("form.registration-form button[type=submit]")
            page.wait_for_selector("#form-errors")
            # The summary took the focus, so keyboard and screen-reader users start there.
            assert page.evaluate("() => document.activeElement.id") == "form-errors"
            violations = axe_violations(page)
            visited += 1
            if violations:
                failures[f"{language} {name}"] = violations
    assert visited == 2 * (len(pages) + 2)
    assert failures == {}
