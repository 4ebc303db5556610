"""Calendar feeds (RFC 5545, parsed back with icalendar) and the embeddable city card."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from icalendar import Calendar

from cities.models import SessionPage
from tests.cms.html import read

from . import factories as f

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        assert event.errors == []
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event.keys()), "required by RFC 5545"
    return calendar


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def sessions(calendar: Calendar) -> dict[str, object]:
    return {uid: e for uid, e in events(calendar).items() if uid.startswith("session-")}


def test_city_calendar_has_its_sessions_in_utc_and_items_as_all_day_events(client):
    calendar = parse(client.get("/en/cities/florence/calendar.ics"))
    held = SessionPage.objects.get(slug="florence-co-session-1", locale__language_code="fa")
    found = sessions(calendar)
    assert len(found) == 2
    event = next(e for e in found.values() if "Co-Session: Florence" in str(e["SUMMARY"]))
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
    assert start == held.starts_at.astimezone(UTC)
    assert b"DTSTART:" in client.get("/en/cities/florence/calendar.ics").content
    assert "Tehran time" in str(event["DESCRIPTION"]) and "Time in Florence" in str(
        event["DESCRIPTION"]
    )
    items = [e for uid, e in events(calendar).items() if uid.startswith("item-")]
    assert len(items) == 5, "every demo item has a due date"
    for item in items:
        assert type(item.decoded("DTSTART")) is date, "due dates are all-day events"
        assert item.decoded("DTEND") - item.decoded("DTSTART") == timedelta(days=1)


def test_uids_are_stable_across_requests_and_languages(client):
    fa = events(parse(client.get("/cities/florence/calendar.ics")))
    en = events(parse(client.get("/en/cities/florence/calendar.ics")))
    again = events(parse(client.get("/en/cities/florence/calendar.ics")))
    assert set(fa) == set(en) == set(again)
    titles_fa = {str(e["SUMMARY"]) for e in fa.values()}
    assert any("فلورانس" in title for title in titles_fa)


def test_a_change_bumps_the_sequence_and_a_cancelled_session_says_so(client):
    before = sessions(parse(client.get("/en/cities/florence/calendar.ics")))
    session = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="fa")
    session.status = SessionPage.Status.CANCELLED
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save_revision().publish()

    after = sessions(parse(client.get("/en/cities/florence/calendar.ics")))
    uid = next(u for u in after if str(session.translation_key) in u)
    assert after[uid]["STATUS"] == "CANCELLED"
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("DTSTART") == session.starts_at.astimezone(UTC)
    assert before.keys() == after.keys()


def test_the_online_link_is_never_in_a_feed(client):
    body = client.get("/calendar.ics").content.decode()
    assert "meet.example.org" not in body


def test_the_programme_calendar_has_every_city(client):
    f.plan("yerevan", [f.item("tourism", due=date(2027, 3, 21))])
    calendar = parse(client.get("/en/calendar.ics"))
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Florence" in s for s in summaries)
    assert sum(1 for uid in events(calendar) if uid.startswith("item-")) == 6


def test_an_unknown_city_has_no_calendar(client):
    assert client.get("/cities/nowhere/calendar.ics").status_code == 404


@pytest.fixture
def embed_origins(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.comune.fi.it", "javascript:alert(1)", "x y"]


def test_the_embed_may_be_framed_only_by_the_allowed_origins(client, embed_origins):
    response = client.get("/en/embed/cities/florence/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["frame-ancestors"] == "'self' https://www.comune.fi.it"
    assert directives["default-src"] == "'none'"
    assert "X-Frame-Options" not in response, "exempt from the site-wide DENY"
    assert client.get("/en/cooperation/").get("X-Frame-Options") == "DENY"


def test_the_embed_card_shows_upcoming_sessions_and_progress_in_the_language(client):
    page = read(client.get("/embed/cities/florence/"))
    assert (page.root.attrs["lang"], page.root.attrs["dir"]) == ("fa", "rtl")
    en = read(client.get("/en/embed/cities/florence/"))
    text = en.main_text
    assert "Second Sister Cities Co-Session: Florence (sample)" in text
    assert en.find("progress").attrs["max"] == "100"
    links = [a.attrs["href"] for a in en.find_all("a")]
    assert all(h.startswith("http") for h in links), "absolute links back to the site"
    assert not en.find_all("script") and not en.find_all("nav")
    assert client.get("/en/embed/cities/nowhere/").status_code == 404


def test_embed_lists_only_upcoming_sessions(client):
    en = read(client.get("/en/embed/cities/florence/"))
    titles = [a.text.strip() for a in en.find_all("a")]
    assert "Second Sister Cities Co-Session: Florence (sample)" in titles
    assert "Sister Cities Co-Session: Florence (sample)" not in titles, "the held one is past"
