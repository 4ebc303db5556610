"""A database out of reach: 503, SERVICE_UNAVAILABLE and Retry-After; nothing half-written.

The unit tests make the database driver itself fail (inside Django's error wrapping, as a lost
connection does); the integration test serves the project with gunicorn against a PostgreSQL
port where nothing listens.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends import utils as backend_utils
from django.db.utils import OperationalError, ProgrammingError

from cms.outages import RETRY_AFTER_SECONDS, is_database_unavailable
from registrations.models import Applicant, Application

from .test_registrations import SUBMIT, valid_input

PROJECT = Path(__file__).resolve().parents[2]


def driver_failure(message: str | None = None) -> Exception:
    """The exception the connection's own driver raises when the server is gone."""
    driver = connection.Database
    if connection.vendor == "sqlite":
        return driver.OperationalError(message or "database is locked")
    return driver.OperationalError(
        message or "consuming input failed: server closed the connection"
    )


@contextmanager
def database_down(when=lambda sql: True):
    """Every SQL statement matching ``when`` fails at the driver, wrapped as Django wraps it."""
    real = backend_utils.CursorWrapper._execute

    def failing(self, sql, params, *args):
        if when(sql):
            with self.db.wrap_database_errors:
                raise driver_failure()
        return real(self, sql, params, *args)

    backend_utils.CursorWrapper._execute = failing
    try:
        yield
    finally:
        backend_utils.CursorWrapper._execute = real


def assert_outage(response) -> None:
    assert response.status_code == 503, response.content[:300]
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert (
        "locked" not in response.content.decode() and "server" not in body["errors"][0]["message"]
    )


# --- detection ---------------------------------------------------------------------------------


def wrapped(driver_error: Exception, django_class=OperationalError) -> Exception:
    try:
        try:
            raise driver_error
        except Exception as exc:
            raise django_class(*exc.args) from exc
    except Exception as outer:
        return outer


def test_detection_of_outages_and_not_of_bugs():
    import sqlite3

    import psycopg

    assert is_database_unavailable(wrapped(psycopg.OperationalError("connection refused")))
    assert is_database_unavailable(wrapped(psycopg.errors.AdminShutdown("terminating")))
    assert is_database_unavailable(wrapped(psycopg.errors.TooManyConnections("too many")))
    assert is_database_unavailable(wrapped(sqlite3.OperationalError("database is locked")))
    assert not is_database_unavailable(wrapped(sqlite3.OperationalError("no such table: x")))
    assert not is_database_unavailable(
        wrapped(psycopg.errors.UndefinedTable("relation x does not exist"), ProgrammingError)
    )
    assert not is_database_unavailable(RuntimeError("boom"))
    assert not is_database_unavailable(None)


# --- over HTTP -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
def test_a_query_during_an_outage_is_503(client, accept):
    with database_down():
        response = client.post(
            "/graphql/",
            {"query": "{ cities { slug sessions { slug } } }"},
            content_type="application/json",
            HTTP_ACCEPT=accept,
        )
    assert_outage(response)
    assert response["Content-Type"].startswith(accept)
    # And the service recovers by itself once the database is back.
    after = client.post(
        "/graphql/", {"query": "{ cities { slug } }"}, content_type="application/json"
    )
    assert after.status_code == 200 and after.json()["data"]["cities"]


@pytest.mark.django_db
def test_an_outage_before_execution_is_503_too(client, settings, django_user_model):
    """Persisted-only mode reads the session's user before anything runs."""
    settings.GRAPHQL_PERSISTED_ONLY = True
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    with database_down():
        response = client.post(
            "/graphql/", {"query": "{ locales { code } }"}, content_type="application/json"
        )
    assert_outage(response)


@pytest.mark.django_db
def test_a_mutation_that_loses_the_database_midway_writes_nothing(client):
    applicants, applications = Applicant.objects.count(), Application.objects.count()
    inserts = []

    def second_insert(sql: str) -> bool:
        if sql.lstrip().upper().startswith("INSERT") and "registrations_" in sql:
            inserts.append(sql)
            return len(inserts) >= 2  # the applicant is written, then the connection drops
        return False

    with database_down(when=second_insert):
        response = client.post(
            "/graphql/",
            {"query": SUBMIT, "variables": {"input": valid_input(email="outage@example.org")}},
            content_type="application/json",
        )
    assert_outage(response)
    assert len(inserts) >= 2
    assert Applicant.objects.count() == applicants
    assert Application.objects.count() == applications
    assert not Applicant.objects.filter(email="outage@example.org").exists()


# --- a real server without its database (integration) --------------------------------------


def free_port(start: int = 9560) -> int:
    for port in range(start, 9600):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 9560-9599")


@pytest.mark.integration
def test_gunicorn_without_its_database_answers_503(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = free_port()
    nobody_listens = free_port(port + 1)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{nobody_listens}/gone",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    server = subprocess.Popen(
        [str(gunicorn), "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--log-level", "error"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/graphql/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        for query in ("{ cities { slug } }", SUBMIT):
            body = {"query": query, "variables": {"input": valid_input()}}
            request = urllib.request.Request(
                url,
                json.dumps(body).encode(),
                {"Content-Type": "application/json", "Accept": "application/graphql-response+json"},
            )
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(request, timeout=20)
            assert answer.value.code == 503
            assert answer.value.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
            payload = json.loads(answer.value.read())
            assert payload["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    finally:
        server.terminate()
        server.wait(timeout=10)
