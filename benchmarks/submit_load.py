"""submitApplication under load: p50/p95/p99 at 16 concurrent clients, and one client alone.

Serves the programme with gunicorn (deploy/gunicorn.conf.py with its default shape, 2 × CPUs
+ 1 workers × 4 threads, or BENCH_WORKERS × BENCH_THREADS) over loopback and runs, each for
BENCH_SECONDS (default 30), with the mail worker and the SMTP sink in processes of their own:

  (a) PostgreSQL, mail to an SMTP sink that takes 2 s per message (the worker sends it)
  (b) PostgreSQL, mail to a fast SMTP sink
  (c) SQLite (the default database: WAL, busy timeout, IMMEDIATE transactions)

PostgreSQL uses BENCH_DATABASE_URL (default: a throwaway `citizen_diplomat_bench` database on
127.0.0.1:5432, dropped and re-created; BENCH_REUSE_DATABASE=1 keeps the last run's).
BENCH_SCENARIOS picks some of them (``slow,fast,sqlite``, the default: all three).
Everything listens on 127.0.0.1 ports 9361-9364 and stops by itself.
Besides latencies it prints the CPU time each submission cost the server, PostgreSQL, the
mail worker (read from /proc) and the load client itself (its own process time: on one machine
it competes with the server for the CPU) during the 16-client run. A PostgreSQL server without
autovacuum gets ``VACUUM ANALYZE`` before each scenario, as autovacuum would have done.
Measurements, not tests: it prints numbers and asserts nothing.
Run with ``make bench`` or ``.venv/bin/python benchmarks/submit_load.py``.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

from tests.support.appserver import (  # noqa: E402
    gunicorn,
    mail_worker,
    run_submitters,
    server_env,
)
from tests.support.smtp import smtp_sink_process  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
# deploy/gunicorn.conf.py's defaults: the server as an operator runs it.
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 1) * 2 + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
SCENARIOS = os.environ.get("BENCH_SCENARIOS", "slow,fast,sqlite").split(",")
# The deployed worker runs at CPUWeight=1, Nice=19 (deploy/systemd/citizen-diplomat-worker.service):
# mail waits for the CPU, citizens' requests don't. BENCH_WORKER_NICE=0 gives it equal priority.
WORKER_NICE = int(os.environ.get("BENCH_WORKER_NICE", "19"))
WEB_PORT, SMTP_PORT = 9361, 9362
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/citizen_diplomat_bench"
)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args, "-v", "0"], cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "load_programme", "--demo")


def recreate_postgres_database(url: str) -> None:
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def analyze_if_no_autovacuum(url: str) -> None:
    """``VACUUM ANALYZE`` the database when the server runs no autovacuum (a test machine's
    PostgreSQL may not): a production server's autovacuum keeps the planner's statistics
    current, and without them the worker's next-task query sorted every queued task (175 ms a
    task with 40,000 queued) and the benchmark measured a state no deployment is in."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SHOW autovacuum").fetchone()[0] == "on":
            return
        print("autovacuum is off on this server: VACUUM ANALYZE first, as it would", flush=True)
        conn.execute("VACUUM ANALYZE")


def cpu_seconds(groups: dict[str, int | None]) -> dict[str, float]:
    """CPU time used so far (user + system) by each named process group, and by PostgreSQL's
    processes (``postgres``: every database on the server; quiet apart from the benchmark)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = dict.fromkeys([*groups, "postgres"], 0.0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        group = int(fields[2])
        for name, pgid in groups.items():
            if pgid is not None and group == pgid:
                used[name] += seconds
        if command.startswith(b"postgres"):
            used["postgres"] += seconds
    return used


def queued_mail(url: str) -> int:
    """Messages waiting in the outbox (not yet sent) in the scenario's database."""
    query = "SELECT COUNT(*) FROM outbox_outboundemail WHERE status = 'queued'"
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(query).fetchone()[0]
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index] * 1000


def scenario(name: str, env: dict[str, str], smtp_delay: float | None, logs: Path) -> dict:
    slug = "".join(c if c.isalnum() else "-" for c in name.lower())
    worker = None
    with ExitStack() as stack:
        if smtp_delay is not None:
            stack.enter_context(smtp_sink_process(SMTP_PORT, delay=smtp_delay))
            worker_log = logs / f"{slug}-worker.log"
            worker = stack.enter_context(mail_worker(env, worker_log, nice=WORKER_NICE))
        server = stack.enter_context(
            gunicorn(WEB_PORT, env, logs / f"{slug}-gunicorn.log", workers=WORKERS, threads=THREADS)
        )
        groups = {"server": server.pid, "worker": worker.pid if worker else None}
        url = f"http://127.0.0.1:{WEB_PORT}"
        run_submitters(url, clients=4, per_client=5)  # warm up workers and connections
        single, single_errors, _ = run_submitters(url, clients=1, seconds=min(10, SECONDS))
        waiting = queued_mail(env["DATABASE_URL"])
        before = cpu_seconds(groups)
        before["client"] = time.process_time()
        started = time.monotonic()
        latencies, errors, accepted = run_submitters(url, clients=CLIENTS, seconds=SECONDS)
        elapsed = time.monotonic() - started
        after = cpu_seconds(groups)
        after["client"] = time.process_time()
        backlog = queued_mail(env["DATABASE_URL"])
    # CPU per accepted submission during the 16-client run (ms), by process group.
    cpu = {name: (after[name] - before[name]) * 1000 / max(1, len(accepted)) for name in after}
    return {
        "name": name,
        "n": len(latencies),
        "errors": len(errors) + len(single_errors),
        "first_error": (errors or single_errors or [""])[0][:200],
        "rate": len(accepted) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "single_p50": percentile(single, 50),
        "single_p95": percentile(single, 95),
        "cpu": cpu,
        # Mail the worker sent during the 16-client run, and what was left waiting at its end.
        "mail_sent": waiting + len(accepted) - backlog,
        "backlog": backlog,
    }


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="submit-bench-") as folder:
        logs = Path(folder)
        common = {
            "REGISTRATION_RATE_LIMIT": "0",
            "MAIL_QUEUE": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(SMTP_PORT),
            "DATABASE_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
        }
        pg = server_env(DATABASE_URL=PG_URL, **common)
        if {"slow", "fast"} & set(SCENARIOS):
            if os.environ.get("BENCH_REUSE_DATABASE") != "1":  # 1: prepared by a last run
                print("preparing PostgreSQL …", flush=True)
                recreate_postgres_database(PG_URL)
                prepare(pg)
        if "slow" in SCENARIOS:
            analyze_if_no_autovacuum(PG_URL)
            results.append(scenario("PostgreSQL, SMTP 2 s/message", pg, 2.0, logs))
        if "fast" in SCENARIOS:
            analyze_if_no_autovacuum(PG_URL)
            results.append(scenario("PostgreSQL, fast SMTP", pg, 0.0, logs))
        if "sqlite" in SCENARIOS:
            print("preparing SQLite …", flush=True)
            lite = server_env(DATABASE_URL=f"sqlite:///{logs / 'bench.sqlite3'}", **common)
            prepare(lite)
            results.append(scenario("SQLite, fast SMTP", lite, 0.0, logs))
    load = os.getloadavg()
    print(
        f"\nsubmitApplication over GraphQL, gunicorn {WORKERS} workers × {THREADS} threads"
        f" on 127.0.0.1:{WEB_PORT},"
        f" {CLIENTS} concurrent clients for {SECONDS:.0f} s"
        f" (single client: {min(10, SECONDS):.0f} s),"
        f" Python {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" load average after the run {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}\n"
    )
    header = (
        f"{'scenario':32} {'submits':>8} {'errors':>7} {'subm/s':>8} {'p50 ms':>8}"
        f" {'p95 ms':>8} {'p99 ms':>8} {'1-client p50':>13} {'1-client p95':>13}"
    )
    print(header)
    for r in results:
        print(
            f"{r['name']:32} {r['n']:8d} {r['errors']:7d} {r['rate']:8.1f} {r['p50']:8.1f}"
            f" {r['p95']:8.1f} {r['p99']:8.1f} {r['single_p50']:13.1f} {r['single_p95']:13.1f}"
        )
    print(
        "\nCPU per submission in the 16-client run (ms; PostgreSQL's is none on SQLite,"
        " the worker's includes the backlog it sent meanwhile):"
    )
    for r in results:
        print(
            f"{r['name']:32} server {r['cpu']['server']:5.1f}  PostgreSQL"
            f" {r['cpu']['postgres']:5.1f}  mail worker {r['cpu']['worker']:5.1f}"
            f"  load client {r['cpu']['client']:5.1f}"
        )
    print(
        "\nMail in the 16-client run: the worker yields the CPU to the server, so under a full"
        " load it sends little and catches up once the load passes:"
    )
    for r in results:
        print(f"{r['name']:32} sent {r['mail_sent']:6d}  waiting at the end {r['backlog']:6d}")
    for r in results:
        if r["errors"]:
            print(f"first error in {r['name']}: {r['first_error']}")
    # Mail is sent by the worker after commit, so the slow-SMTP row should match the fast one.


if __name__ == "__main__":
    main()
