"""The review committee's screens in a real Chromium: list, review, decide, dashboard, log."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model

from registrations import services
from registrations.models import Application, PersonalDataAccess, Review
from tests.registrations import factories

SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")
PASSWORD = "committee-browser-test-password"


def db(function, *args, **kwargs):
    """Run database work in a thread of its own: Playwright's event loop runs in this one,
    and Django refuses database calls from a thread with a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _prepare():
    get_user_model().objects.create_superuser("chair", "chair@example.org", PASSWORD)
    application = factories.under_review(
        full_name="Leila Sadeghi", motivation="Bridges between universities.", preferred_locale="en"
    )
    services.add_review(
        application, reviewer=factories.staff("colleague"), score=2, recommendation="waitlist"
    )
    return application


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


@pytest.mark.django_db(transaction=True)
def test_committee_reviews_and_decides_in_the_browser(live_server, programme, browser_page):
    application = db(_prepare)
    page = browser_page
    log_in(page, live_server, "chair")

    # Dashboard: the city with activity, its counts linking into the filtered list.
    link = page.locator(f"a[href*='city={application.city_id}&status=under_review']")
    assert link.inner_text().strip() in ("1", "۱")

    # The list has the score columns.
    page.goto(f"{live_server.url}/admin/applications/?ordering=-average_score")
    assert page.locator(f"text={application.reference}").count() == 1
    assert page.locator("th a[href*='ordering=']").count() >= 2

    # Review: the applicant is shown, nothing preselected, the first save works.
    page.goto(f"{live_server.url}/admin/applications/review/{application.pk}/")
    content = page.content()
    assert "Leila Sadeghi" in content and "Bridges between universities." in content
    assert page.locator("input[name=recommendation]:checked").count() == 0
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/committee-review.png", full_page=True)
    page.check("input[name=score][value='4']")
    page.check("input[name=recommendation][value=accept]")
    page.click("main form[novalidate] button[type=submit]")
    page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")
    assert db(
        lambda: Review.objects.filter(
            application=application, reviewer__username="chair", score=4
        ).exists()
    )

    # Decide: every review and the average; one message per language.
    page.goto(f"{live_server.url}/admin/applications/decide/{application.pk}/")
    assert page.locator("#reviews-heading").count() == 1
    assert page.locator("section[aria-labelledby=reviews-heading] tbody tr").count() == 2
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/committee-decide.png", full_page=True)
    page.check("input[name=decision][value=accepted]")
    page.fill("textarea[name=public_message]", "خوش آمدید")
    page.fill("textarea[name=public_message_en]", "Welcome aboard")
    page.click("main form[novalidate] button[type=submit]")
    page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")
    db(application.refresh_from_db)
    assert application.status == "accepted"
    assert application.public_message_translations == {"en": "Welcome aboard"}

    # The access log report lists the looks at Leila's data (review page, detail views).
    page.goto(
        f"{live_server.url}/admin/reports/personal-data-access/?applicant={application.reference}"
    )
    rows = page.locator("table.listing tbody tr")
    logged = db(lambda: PersonalDataAccess.objects.filter(application=application).count())
    assert rows.count() == logged >= 2
    history = db(
        lambda: (
            Application.objects.get(pk=application.pk)
            .audit_entries.filter(action="personal_data_viewed")
            .count()
        )
    )
    assert history == 0
