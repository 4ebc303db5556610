"""Database unavailable: site pages answer a styled 503 in the reader's language, REST a JSON
503, both with Retry-After; other errors stay 500.

The outage is real, not mocked: the requests run in a thread whose own database connection
points at a database that cannot be opened (SQLite: a file in a missing folder; PostgreSQL: a
closed loopback port), which is what the server sees while the database restarts.
"""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connections
from django.test import Client, RequestFactory

from cms.outages import is_database_unavailable, server_error

pytestmark = pytest.mark.django_db

CLOSED_PORT = "9397"


def during_outage(action):
    """Run ``action`` in a thread whose database is unreachable; return its result."""
    outcome: dict = {}

    def run() -> None:
        connection = connections["default"]
        broken = dict(connection.settings_dict)
        if connection.vendor == "sqlite":
            broken["NAME"] = "/nonexistent-folder/outage/db.sqlite3"
        else:
            broken.update(HOST="127.0.0.1", PORT=CLOSED_PORT)
        connection.settings_dict = broken
        try:
            outcome["value"] = action()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def get(url: str, **headers):
    return during_outage(lambda: Client(raise_request_exception=False).get(url, **headers))


def test_site_page_answers_a_persian_503_with_retry_after():
    response = get("/cities/florence/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    body = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in body
    assert "موقتاً در دسترس نیست" in body


def test_english_page_answers_an_english_503():
    response = get("/en/cities/florence/")
    assert response.status_code == 503
    body = response.content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "Temporarily unavailable" in body


def test_rest_api_answers_a_json_503():
    response = get("/api/v2/pages/?locale=en")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "در دسترس نیست" in response.json()["message"]  # /api/ speaks Persian, the default


def test_registration_form_post_answers_503_not_500():
    response = during_outage(
        lambda: Client(raise_request_exception=False).post(
            "/en/register/florence/", {"full_name": "x"}
        )
    )
    assert response.status_code == 503


def test_locked_sqlite_counts_as_an_outage():
    assert is_database_unavailable(OperationalError("database is locked"))


def test_other_errors_stay_500_while_the_database_is_up():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("no such column: nonsense")  # a bug, the database is fine
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500
