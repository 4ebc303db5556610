"""A citizen registers through the site's form in a real Chromium and follows the status."""

from __future__ import annotations

import os

import pytest

# Set to a folder to keep screenshots of the pages (for a person to look at).
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")


@pytest.mark.django_db(transaction=True)
def test_register_through_the_form_and_see_the_status(
    live_server,
    programme,
    settings,
    browser_page,
):
    settings.REGISTRATION_MIN_FILL_SECONDS = 1
    page = browser_page
    page.goto(f"{live_server.url}/en/register/florence/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    # The honeypot is laid out off screen, where no person sees or tabs to it.
    honeypot_right = page.eval_on_selector(
        "input[name=website]", "el => el.getBoundingClientRect().right"
    )
    assert honeypot_right <= 0

    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/registration-form.png", full_page=True)
    page.fill("#id_full_name", "Navid Tehrani")
    page.fill("#id_email", "navid@example.org")
    page.fill("#id_phone", "+39 055 123 4567")
    page.select_option("#id_category", "business")
    page.select_option("#id_residence_country", "IT")
    page.fill("#id_residence_city", "Florence")
    page.fill("#id_languages", "Persian, Italian")
    page.fill("#id_expertise", "Leather trade between Isfahan and Tuscany")
    page.fill("#id_channels", "Board member of a Florentine trade association")
    page.check("input[name=topics][value=chambers-of-commerce]")
    page.fill("#id_motivation", "I can open doors at the Florence chamber of commerce.")
    page.check("#id_consent")
    page.wait_for_timeout(1100)
    page.click("button[type=submit]")

    page.wait_for_url("**/en/register/submitted/?k=*")
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/registration-receipt.png", full_page=True)
    reference = page.locator("code.reference").inner_text().strip()
    token = page.locator("code.token").inner_text().strip()
    assert reference.startswith("ISF-") and len(token) == 19 and token.count("-") == 3

    page.click("a.button:has-text('Follow your application')")
    assert page.input_value("#id_reference") == reference
    page.fill("#id_token", token.lower())  # typed, in any case
    page.click("button[type=submit]")

    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/registration-status.png", full_page=True)
    heading = page.locator("h1").inner_text()
    assert reference in heading
    assert "Submitted (email not confirmed)" in page.locator(".application-status").inner_text()
    assert "Florence" in page.locator(".registration--status").inner_text()
