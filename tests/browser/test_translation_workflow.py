"""The multilingual editorial workflow in a real Chromium.

- A Persian edit published in the admin makes the English page *outdated*: in the admin (the
  translation editor, the report) and on the public site (a notice linking to the Persian page).
- A translator submits a translation for moderation, cannot publish it, and a moderator sees it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from wagtail.models import Page

from cities.models import SisterCityPage
from cms.admin_i18n.names import group_named

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff(django_user_model, programme):
    """Three users in the groups the migrations made (Wagtail's Moderators with its approval
    workflow on the root, our Translators): the `programme` fixture restores them after a flush."""
    moderators = group_named("Moderators")
    moderators.permissions.add(*group_named("Translators").permissions.all())
    users = {}
    for name, group in (("tara", "Translators"), ("mona", "Moderators")):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", PASSWORD)
        user.groups.add(group_named(group))
        users[name] = user
    users["admin"] = django_user_model.objects.create_superuser(
        "chief", "chief@example.org", PASSWORD
    )
    return users


@pytest.fixture
def florence(staff):
    """Read before the browser starts (Django refuses queries while Playwright's loop runs)."""
    fa = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    en = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    return {"fa": fa.pk, "en": en.pk, "en_title": en.title, "live": en.live_revision_id}


def in_thread(function):
    """Run a database query outside Playwright's event loop."""
    from django.db import connection

    def run():
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("input[name='username']", username)
    page.fill("input[name='password']", PASSWORD)
    page.click("button[type='submit']")
    page.wait_for_url(f"{base}/admin/")


def test_a_persian_edit_shows_english_as_outdated_in_the_admin_and_on_the_site(
    live_server, transactional_db, florence, browser_page
):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/en/cities/florence/")
    assert page.locator(".translation-notice").count() == 0

    log_in(page, base, "chief")
    page.goto(f"{base}/admin/pages/{florence['en']}/edit/")
    assert page.locator("[data-translation-outdated]").count() == 0
    page.goto(f"{base}/admin/pages/{florence['fa']}/edit/")
    summary = page.locator("#id_summary")
    summary.fill(summary.input_value() + " جملهٔ تازه دربارهٔ همکاری دو شهر.")
    with page.expect_navigation():
        page.evaluate("() => document.querySelector('button[name=action-publish]').click()")

    page.goto(f"{base}/admin/pages/{florence['en']}/edit/")
    assert page.locator(".translation-outdated-notice").is_visible()
    assert page.locator("[data-translation-outdated]").count() >= 2  # header tag + notice
    page.goto(f"{base}/admin/reports/outdated-translations/")
    row = page.locator("tr[data-locale='en']")
    assert row.count() == 1
    assert florence["en_title"] in row.inner_text()
    page.goto(f"{base}/admin/")
    assert page.locator("[data-outdated-translations-panel] tr[data-locale='en']").count() == 1

    page.goto(f"{base}/en/cities/florence/")
    notice = page.locator(".translation-notice")
    assert notice.is_visible()
    assert "may not reflect the latest Persian version" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(f"{base}/cities/florence/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    assert "جملهٔ تازه" in page.content()


def test_a_translator_submits_for_moderation_and_cannot_publish(
    live_server, transactional_db, staff, florence, new_browser_page
):
    base = live_server.url
    en_pk, live_revision = florence["en"], florence["live"]

    def state():
        page = Page.objects.get(pk=en_pk)
        workflow = page.current_workflow_state
        return (workflow.requested_by_id if workflow else None), page.live_revision_id

    translator = new_browser_page()
    log_in(translator, base, "tara")
    translator.goto(f"{base}/admin/pages/{florence['en']}/edit/")
    translator.wait_for_selector(".js-translation-editor")
    assert translator.get_by_text("Publish in", exact=False).count() == 0
    with translator.expect_navigation():
        translator.click("[data-translation-draft-actions] button[name='submit']")
    assert in_thread(state) == (staff["tara"].pk, live_revision)

    token = translator.eval_on_selector(
        "[data-translation-draft-actions] input[name='csrfmiddlewaretoken']", "e => e.value"
    )
    response = translator.request.post(
        f"{base}/admin/pages/{florence['en']}/edit/",
        form={"action": "publish", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/admin/pages/{florence['en']}/edit/"},
        max_redirects=0,
    )
    assert response.status in (302, 403)
    if response.status == 302:
        assert response.headers["location"].rstrip("/").endswith("/admin")
    assert in_thread(state) == (staff["tara"].pk, live_revision)  # still the published version

    moderator = new_browser_page()
    log_in(moderator, base, "mona")
    assert moderator.locator(f"a[href='/admin/pages/{en_pk}/edit/']").count() >= 1
