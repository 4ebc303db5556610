"""Content-Security-Policy: the site and the admin work in Chromium with no CSP violation.

Every page is opened with a listener for ``securitypolicyviolation`` events (and Chromium's
console reports), so a blocked script, style, image or request anywhere fails the test.
"""

from __future__ import annotations

import pytest
from wagtail.models import Page

from cities.models import SessionPage, SisterCityPage

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


def open_and_collect(page, url: str) -> list[str]:
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.__cspViolations") + console


@pytest.fixture
def csp_page(browser_page):
    browser_page.add_init_script(LISTEN)
    return browser_page


# The database is read in fixtures, before Playwright's event loop runs (Django refuses
# database calls from a thread with a running loop).
@pytest.fixture
def site_urls(transactional_db, programme) -> list[str]:
    city = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    session = SessionPage.objects.filter(locale__language_code="fa").first()
    urls = ["/", "/en/", "/cities/", "/en/cities/florence/", city.url, "/register/florence/"]
    if session is not None:
        urls.append(session.url)
    return urls


@pytest.fixture
def admin_urls(transactional_db, programme, django_user_model) -> list[str]:
    django_user_model.objects.create_superuser("csp-admin", "csp@example.org", "a-long-password")
    city = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    home = Page.objects.get(pk=city.get_parent().get_parent().pk)
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{city.pk}/edit/",
        "/admin/images/",
        "/admin/snippets/",
        "/admin/outbox/",
    ]


def test_site_pages_have_a_strict_policy_and_no_violations(live_server, site_urls, csp_page):
    for url in site_urls:
        assert open_and_collect(csp_page, live_server.url + url) == [], url
    header = csp_page.goto(live_server.url + "/").headers["content-security-policy"]
    assert "script-src 'none'" in header
    assert "default-src 'self'" in header
    # The listener does catch violations: an injected inline script is blocked and reported.
    csp_page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.head.appendChild(s); }"
    )
    csp_page.wait_for_function("() => window.__cspViolations.length > 0")
    assert csp_page.evaluate("() => window.x") is None


def test_admin_pages_have_no_violations(live_server, admin_urls, csp_page):
    page = csp_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "a-long-password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for url in admin_urls:
        assert open_and_collect(page, live_server.url + url) == [], url
    header = page.goto(live_server.url + "/admin/").headers["content-security-policy"]
    assert "'unsafe-inline'" in header and "default-src 'self'" in header
