"""Wagtail's REST API v2 for read-only partners: pages and images, filtered by locale."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_city_fields_and_locale_filter(client):
    en = client.get(
        "/api/v2/pages/", {"type": "cities.SisterCityPage", "locale": "en", "fields": "*"}
    ).json()
    assert en["meta"]["total_count"] == 13
    florence = next(p for p in en["items"] if p["meta"]["slug"] == "florence")
    assert florence["title"] == "Florence"
    assert florence["meta"]["locale"] == "en"
    for field in ("country", "region", "twinned_since", "time_zone", "summary", "body"):
        assert field in florence
    fa = client.get("/api/v2/pages/", {"type": "cities.SisterCityPage", "locale": "fa"}).json()
    assert {p["meta"]["locale"] for p in fa["items"]} == {"fa"}


def test_session_fields_never_include_the_online_link(client):
    sessions = client.get(
        "/api/v2/pages/", {"type": "cities.SessionPage", "fields": "*", "locale": "en"}
    ).json()["items"]
    assert sessions
    for session in sessions:
        assert {"starts_at", "capacity", "format", "agenda"} <= set(session)
        assert "online_link" not in session
    asked = client.get("/api/v2/pages/", {"type": "cities.SessionPage", "fields": "online_link"})
    assert asked.status_code == 400
    detail = client.get(f"/api/v2/pages/{sessions[0]['id']}/").json()
    assert "online_link" not in detail


def test_action_plan_fields(client):
    plans = client.get(
        "/api/v2/pages/", {"type": "cities.ActionPlanPage", "fields": "*", "locale": "en"}
    ).json()["items"]
    assert plans and {"period_start", "period_end", "summary", "items"} <= set(plans[0])


def test_images_endpoint(client):
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    assert "items" in response.json()


def test_derived_session_and_action_plan_values(client):
    from cities.models import ActionPlanPage, SessionPage

    session = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="en")
    detail = client.get(f"/api/v2/pages/{session.pk}/").json()
    assert detail["registration_state"] == session.registration_state()
    assert detail["seats_left"] == session.seats_left()
    plan = ActionPlanPage.objects.get(locale__language_code="en")
    data = client.get(f"/api/v2/pages/{plan.pk}/").json()
    assert data["progress"] == plan.progress
    assert data["progress_by_area"] == [
        {"area": {"slug": a.slug, "name": a.name}, "progress": p}
        for a, p in plan.progress_by_area()
    ]
    assert [i["progress"] for i in data["tracked_items"]] == [
        i.progress for i in plan.tracked_items
    ]
    assert data["tracked_items"][0]["area"]["name"].isascii()
    listing = client.get(
        "/api/v2/pages/", {"type": "cities.SessionPage", "fields": "registration_state,seats_left"}
    )
    assert listing.status_code == 200
    assert all("registration_state" in item for item in listing.json()["items"])
