"""Calls to action: the home page and the city index link to registration and to the status
page; the start page lists every city and each open session with its seats left."""

from __future__ import annotations

import re

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ["/", "/cities/"])
def test_home_and_city_index_invite_to_register_and_to_follow(client, prefix, path):
    content = client.get(prefix + path).content.decode()
    cta = content.split('class="cta-panel"', 1)[1].split("</section>", 1)[0]
    assert f'action="{prefix}/register/"' in cta
    assert len(re.findall(r'<option value="[a-z-]+">', cta)) == 13
    assert f'href="{prefix}/register/status/"' in cta


def test_choosing_a_city_leads_to_its_form(client):
    response = client.get("/en/register/", {"city": "florence"})
    assert response.status_code == 302 and response["Location"] == "/en/register/florence/"
    assert client.get("/en/register/", {"city": "atlantis"}).status_code == 404


def test_start_page_shows_each_open_session_with_its_seats_left(client):
    session = factories.make_session(capacity=7)
    factories.confirmed(session)
    content = client.get("/en/register/").content.decode()
    assert content.count('class="card"') == 13
    assert session.title in content
    assert "6 seats left" in content
    persian = client.get("/register/").content.decode()
    assert "۶ جای خالی" in persian
    # The test session exists in Persian only, so the Persian dossier lists it.
    dossier = client.get("/cities/florence/").content.decode()
    assert "ثبت‌نام باز است: ۶ جای خالی مانده است." in dossier
