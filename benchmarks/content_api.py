"""Serve the demo content under gunicorn and measure the content APIs over loopback.

Prepares a throwaway SQLite database (migrate + ``load_programme --demo``) and static files in a
temporary folder, starts gunicorn with 2 workers on 127.0.0.1, and prints requests per second
and p50/p95 latency for the same data set fetched three ways:

  (a) GraphQL: the all-cities dossier query (cities with sessions, Action Plans, topics, images)
  (b) REST v2: the city list plus one detail request per city (what a REST client needs)
  (c) a static file served by the same server (whitenoise), as the floor

Run with ``make bench`` (or ``.venv/bin/python benchmarks/content_api.py``). Bounded request
counts; nothing outside loopback. These are measurements, not tests.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8112"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))

DOSSIERS = """{ cities(locale: "en") {
  id title slug url summary twinnedSince country { code name } region { slug name }
  topics { slug name } heroImage { url alt width height }
  sessions { title slug startsAt startsAtDisplay registrationState seatsLeft }
  actionPlans { title progress progressByArea { area { slug } progress }
                items { title status progress } }
} }"""


def request(conn: http.client.HTTPConnection, method: str, path: str, body=None) -> bytes:
    headers = {"Content-Type": "application/json"} if body else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{method} {path} → {response.status}: {data[:200]!r}")
    return data


def graphql_round(conn) -> None:
    data = json.loads(request(conn, "POST", "/graphql/", json.dumps({"query": DOSSIERS})))
    assert "errors" not in data and len(data["data"]["cities"]) == 13


def rest_round(conn) -> None:
    listing = json.loads(
        request(conn, "GET", "/api/v2/pages/?type=cities.SisterCityPage&locale=en&limit=50")
    )
    for item in listing["items"]:
        request(conn, "GET", f"/api/v2/pages/{item['id']}/")


def static_round(conn) -> None:
    request(conn, "GET", "/static/css/site.css")


def measure(name: str, round_fn, rounds: int, requests_per_round: int) -> dict:
    def worker(count: int) -> list[float]:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        timings = []
        for _ in range(count):
            start = time.perf_counter()
            round_fn(conn)
            timings.append(time.perf_counter() - start)
        conn.close()
        return timings

    per_worker = [rounds // CONCURRENCY] * CONCURRENCY
    worker(3)  # warm up (renditions, caches, connections)
    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        timings = [t for chunk in pool.map(worker, per_worker) for t in chunk]
    elapsed = time.perf_counter() - started
    timings.sort()
    return {
        "name": name,
        "rounds": len(timings),
        "http_requests": len(timings) * requests_per_round,
        "rounds_per_s": len(timings) / elapsed,
        "req_per_s": len(timings) * requests_per_round / elapsed,
        "p50_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1000,
    }


def wait_for_server(proc: subprocess.Popen) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=1)
            conn.request("GET", "/static/css/site.css")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cd-bench-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.base",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "STATIC_ROOT": f"{tmp}/static",
            "MEDIA_ROOT": f"{tmp}/media",
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "LOG_LEVEL": "ERROR",
        }
        manage = [PYTHON, str(ROOT / "manage.py")]
        print("Preparing a throwaway database with the demo programme…", flush=True)
        for args in (
            ["migrate", "--noinput", "-v0"],
            ["load_programme", "--demo", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True)
        gunicorn = [
            PYTHON, "-m", "gunicorn", "cms.wsgi:application",
            "--workers", "2", "--bind", f"{HOST}:{PORT}", "--log-level", "error",
        ]  # fmt: skip
        proc = subprocess.Popen(gunicorn, env=env, cwd=ROOT)
        try:
            wait_for_server(proc)
            conn = http.client.HTTPConnection(HOST, PORT)
            cities = len(
                json.loads(
                    request(conn, "GET", "/api/v2/pages/?type=cities.SisterCityPage&locale=en")
                )["items"]
            )
            results = [
                measure("GraphQL all-cities dossier query", graphql_round, ROUNDS, 1),
                measure(f"REST v2 list + {cities} city details", rest_round, ROUNDS // 4,
                        1 + cities),
                measure("Static file (whitenoise)", static_round, ROUNDS * 2, 1),
            ]  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\ngunicorn 2 workers on {HOST}:{PORT}, {CONCURRENCY} concurrent clients, "
        f"Python {sys.version.split()[0]}, SQLite, {os.cpu_count()} CPUs, "
        f"load average after the run {load}\n"
    )
    print(f"{'scenario':40} {'rounds':>6} {'HTTP req/s':>10} {'rounds/s':>9} "
          f"{'p50 ms':>8} {'p95 ms':>8}")  # fmt: skip
    for r in results:
        print(
            f"{r['name']:40} {r['rounds']:>6} {r['req_per_s']:>10.1f} {r['rounds_per_s']:>9.1f} "
            f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f}"
        )
    print("\nA round is everything a client needs for the data set: one GraphQL request, or the "
          "REST list plus one request per city; latencies are per round.")  # fmt: skip


if __name__ == "__main__":
    main()
