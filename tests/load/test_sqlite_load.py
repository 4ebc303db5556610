"""The embedded default holds up: 16 concurrent submitters on SQLite get 0 errors.

gunicorn (deploy/gunicorn.conf.py, 2 workers × 8 threads) serves a SQLite file with the
project's settings (WAL, busy timeout, IMMEDIATE transactions) and the durable mail queue;
16 clients submit at once over loopback. Every submission must be accepted, stored, and have
its email in the outbox with its task.

It runs in the SQLite half of the suite (`make test`, the first half of `.ci/run`), where the
file is a copy of the loaded test database, and is skipped when the suite runs on PostgreSQL:
there the file had to be migrated and loaded afresh (about 90 s) to test the same thing again.
"""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from tests.support.appserver import gunicorn, run_submitters, server_env
from tests.support.servers import port_is_free

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="runs in the suite's SQLite half (make test): this test is about SQLite",
    ),
]

PORT = 9332
CLIENTS = 16
PER_CLIENT = 6


@pytest.fixture
def sqlite_file(tmp_path, programme):
    """A SQLite file holding the programme: a copy of the test database."""
    path = tmp_path / "db.sqlite3"
    # A transactional test: no open transaction locks the backup out.
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return path


def test_sixteen_concurrent_submitters_on_sqlite_get_no_errors(sqlite_file, tmp_path):
    assert port_is_free(PORT), f"port {PORT} is taken"
    env = server_env(
        DATABASE_URL=f"sqlite:///{sqlite_file}",
        REGISTRATION_RATE_LIMIT="0",
        MAIL_QUEUE="database",
    )
    with gunicorn(PORT, env, tmp_path / "gunicorn.log"):
        latencies, errors, accepted = run_submitters(
            f"http://127.0.0.1:{PORT}", clients=CLIENTS, per_client=PER_CLIENT
        )
    log = (tmp_path / "gunicorn.log").read_text(errors="replace")
    assert errors == [], f"{len(errors)} errors, first: {errors[:3]}\n{log[-3000:]}"
    assert len(accepted) == CLIENTS * PER_CLIENT
    assert "database is locked" not in log

    db = sqlite3.connect(sqlite_file)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    references = {payload["application"]["reference"] for payload in accepted}
    stored = {row[0] for row in db.execute("SELECT reference FROM registrations_application")}
    assert references <= stored
    (queued,) = db.execute("SELECT count(*) FROM outbox_outboundemail").fetchone()
    (tasks,) = db.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult").fetchone()
    assert queued >= len(references) and tasks >= len(references)
    db.close()
