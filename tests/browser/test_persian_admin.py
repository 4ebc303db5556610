"""The Persian admin in a real Chromium: Solar Hijri dates and inputs, digits, ASCII slugs."""

from __future__ import annotations

from datetime import timedelta

import jdatetime
import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from cities.models import ActionPlanPage, SisterCityPage
from cms.admin_i18n.digits import format_solar_hijri_input
from cms.admin_i18n.slugs import ascii_slug
from cms.models import HomePage

PASSWORD = "a-long-test-password"


def solar_hijri_day(value) -> str:
    jalali = jdatetime.date.fromgregorian(date=timezone.localtime(value).date())
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    month = jdatetime.date.j_months_fa[jalali.month - 1]
    return f"{jalali.day} {month} {jalali.year}".translate(digits)


@pytest.fixture
def admin_scene(transactional_db, programme, django_user_model) -> dict:
    """Database work first: Playwright's event loop forbids it once the browser is open."""
    user = django_user_model.objects.create_superuser("persian-editor", "e@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fa"
    profile.save()
    florence = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    plan = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="fa")
    edited = timezone.now() - timedelta(days=3)
    revision = florence.save_revision()
    Page.objects.filter(pk=florence.pk).update(latest_revision_created_at=edited)
    return {
        "florence": florence.pk,
        "index": florence.get_parent().pk,
        "home": HomePage.objects.get(locale__language_code="fa").pk,
        "edited": solar_hijri_day(edited),
        "revised": solar_hijri_day(revision.created_at),
        "plan": plan.pk,
        "plan_start": format_solar_hijri_input(plan.items[0].value["start_date"]),
    }


def log_in_persian_editor(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "persian-editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_persian_admin_shows_solar_hijri_dates(live_server, admin_scene, browser_page):
    page = browser_page
    log_in_persian_editor(page, live_server)

    # The listing: "۳ روز پیش", and on hover the Solar Hijri date with Persian digits.
    page.goto(f"{live_server.url}/admin/pages/{admin_scene['index']}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    row = page.locator("tr", has_text="فلورانس").first
    stamp = row.locator(".w-human-readable-date").first
    assert "۳" in stamp.inner_text() and "3" not in stamp.inner_text()
    stamp.hover()
    page.get_by_text(admin_scene["edited"]).first.wait_for(state="visible")

    # The history: each revision's date is Solar Hijri.
    page.goto(f"{live_server.url}/admin/pages/{admin_scene['florence']}/history/")
    history_stamp = page.locator(".w-human-readable-date").first
    assert admin_scene["revised"] in (
        history_stamp.get_attribute("data-w-tooltip-content-value") or ""
    )

    # The editor's scheduling inputs are Solar Hijri text inputs, without the Gregorian picker.
    page.goto(f"{live_server.url}/admin/pages/{admin_scene['florence']}/edit/")
    go_live = page.locator("input[name=go_live_at]")
    assert go_live.get_attribute("data-calendar") == "solar-hijri"
    assert go_live.get_attribute("placeholder").startswith("۱۴")


def test_persian_title_auto_fills_an_ascii_slug(live_server, admin_scene, browser_page):
    page = browser_page
    log_in_persian_editor(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/add/cms/standardpage/{admin_scene['home']}/")
    title = "همکاری فرهنگی اصفهان و فلورانس ۱۴۰۵"
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    # Wagtail's sync is debounced: wait until the slug follows the title.
    page.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    slug = page.locator("#id_slug").input_value()
    assert slug == ascii_slug(title)
    assert slug.isascii() and slug


def test_action_plan_item_takes_solar_hijri_dates_and_persian_digits(
    live_server, admin_scene, browser_page
):
    page = browser_page
    log_in_persian_editor(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/{admin_scene['plan']}/edit/")
    # StreamField blocks are drawn by JavaScript from their definitions: the item's date is the
    # Solar Hijri text input, holding the stored date in Persian digits, with no date picker.
    start = page.locator("input[name='items-0-value-start_date']")
    assert start.get_attribute("data-calendar") == "solar-hijri"
    assert start.input_value() == admin_scene["plan_start"]
    assert page.locator(".xdsoft_datetimepicker").count() == 0
    progress = page.locator("input[name='items-0-value-progress']")
    assert progress.get_attribute("type") == "text"

    start.fill("۱۴۰۵/۰۱/۱۰")
    progress.fill("۲۵")
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()  # Save draft

    page.goto(f"{live_server.url}/admin/pages/{admin_scene['plan']}/edit/")
    assert page.locator("input[name='items-0-value-start_date']").input_value() == "۱۴۰۵/۰۱/۱۰"
    assert page.locator("input[name='items-0-value-progress']").input_value() == "25"
