"""A database out of reach: 503, SERVICE_UNAVAILABLE and Retry-After; nothing half-written.

The unit tests make the database driver itself fail (inside Django's error wrapping, as a lost
connection does). The integration tests serve the project with gunicorn: against a PostgreSQL
port where nothing listens, and against a throwaway PostgreSQL cluster (``initdb``) that the
test stops and starts again, as a restart does.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
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


def _postgres_tool(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    from tests.support.tools import require

    require(bool(found[-1]), f"PostgreSQL's {name} is not installed")
    return found[-1]


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root; run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _serve(port: int, database_url: str, folder: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(folder / "media"),
    }
    server = subprocess.Popen(
        [str(gunicorn), "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--log-level", "error"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/graphql/", timeout=1)
        except urllib.error.HTTPError:
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    pytest.fail("gunicorn did not start")


def _post(port: int, query: str, variables: dict | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql/",
        json.dumps({"query": query, "variables": variables or {}}).encode(),
        {"Content-Type": "application/json", "Accept": "application/graphql-response+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.mark.integration
def test_a_postgresql_restart_answers_503_and_then_recovers():
    import psycopg

    initdb, pg_ctl = _postgres_tool("initdb"), _postgres_tool("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="cd-outage-", dir="/tmp"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    pg_port = free_port(9570)
    web_port = free_port(pg_port + 1)
    options = f"-p {pg_port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = _as_postgres([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"),
                          "-w", "start"])  # fmt: skip
    stop = _as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"])
    server = None
    try:
        subprocess.run(
            _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(start, check=True, capture_output=True)
        # Only the table `locales` reads: enough to serve, no migrations to wait for.
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{pg_port}/postgres") as db:
            db.execute(
                "CREATE TABLE wagtailcore_locale (id serial PRIMARY KEY, "
                "language_code varchar(100) NOT NULL UNIQUE)"
            )
            db.execute("INSERT INTO wagtailcore_locale (language_code) VALUES ('fa'), ('en')")
        server = _serve(web_port, f"postgres://postgres@127.0.0.1:{pg_port}/postgres", folder)
        query = "{ locales { code } }"

        status, _headers, body = _post(web_port, query)
        assert status == 200 and body["data"]["locales"][0]["code"] == "fa"

        subprocess.run(stop, check=True, capture_output=True)  # the worker's connection dies
        for text, variables in ((query, None), (SUBMIT, {"input": valid_input()})):
            status, headers, body = _post(web_port, text, variables)
            assert status == 503, body
            assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
            assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"

        subprocess.run(start, check=True, capture_output=True)
        status, _headers, body = _post(web_port, query)
        assert status == 200 and [row["code"] for row in body["data"]["locales"]] == ["fa", "en"]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        subprocess.run(stop, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
