"""How the content reads grow with the programme: 1×, 3× and 10× the demo's sister cities.

Builds a throwaway SQLite database (migrate + ``load_programme --demo``), gives every demo city a
co-session and an Action Plan (copies of the demo's, Persian and English), then grows the
programme by copying whole dossiers with Wagtail's ``Page.copy`` — the Persian page and its
English translation (linked by ``translation_key``), each with its session and Action Plan — so
the content grows in proportion. At each size it prints, in process with Django's test client
(production-like settings, DEBUG off, nothing cached): SQL queries, median time and bytes of

  - the all-cities GraphQL dossier query (every page of ``cities(first: 100)``),
  - a dossier page (``/en/cities/florence/``) and the city index (``/en/cities/``),
  - the REST v2 lists of cities, sessions and Action Plans (100 per page),

and the ratio of each to 1×. Then, at the largest size, it serves the database with gunicorn
(2 workers, 127.0.0.1:9450) and compares a cached GraphQL GET with a static file, in requests
per second over loopback (bounded counts). These are measurements, not tests.

Run with ``make bench`` or ``.venv/bin/python benchmarks/growth.py`` (``GROWTH_FACTORS=1,3``,
``GROWTH_REPEAT=5``, ``BENCH_GROWTH_PORT=9450`` to change).
"""

from __future__ import annotations

import gc
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTORS = [int(f) for f in os.environ.get("GROWTH_FACTORS", "1,3,10").split(",")]
REPEAT = int(os.environ.get("GROWTH_REPEAT", "5"))
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_GROWTH_PORT", "9450"))
LOAD_REQUESTS = int(os.environ.get("GROWTH_LOAD_REQUESTS", "400"))
CONCURRENCY = 4

DOSSIERS = """query Dossiers($after: String) { cities(locale: "en", first: 100, after: $after) {
  id title slug url summary twinnedSince country { code name } region { slug name }
  topics { slug name } heroImage { url alt width height }
  sessions { title slug startsAt startsAtDisplay registrationState seatsLeft }
  actionPlans { title progress progressByArea { area { slug } progress }
                items { title status progress } }
} }"""
CACHED_QUERY = '{ cities(locale: "en") { slug title url region { name } } }'


def setup_django(tmp: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.base",
            "DATABASE_URL": f"sqlite:///{tmp}/growth.sqlite3",
            "STATIC_ROOT": f"{tmp}/static",
            "MEDIA_ROOT": f"{tmp}/media",
            "DEBUG": "0",
            "ALLOWED_HOSTS": f"{HOST},testserver",
            "LOG_LEVEL": "ERROR",
            "DATABASE_CONN_MAX_AGE": "60",
            "SITE_BASE_URL": "https://citizen-diplomat.example",
        }
    )
    Path(tmp, "static").mkdir(exist_ok=True)
    import django

    django.setup()


# --- Building the content ---------------------------------------------------------------------


def _copy(page, parent, slug: str, title: str, translation_key=None):
    """A live copy of ``page`` under ``parent`` (Wagtail's copy, no revisions, not logged)."""
    from wagtail.models import Page

    copy = page.copy(
        to=parent,
        update_attrs={"slug": slug, "title": title},
        copy_revisions=False,
        keep_live=True,
        log_action=None,
    )
    if translation_key is not None:
        Page.objects.filter(pk=copy.pk).update(translation_key=translation_key)
        copy.translation_key = translation_key
    return copy


def _pairs(model):
    """(Persian page, its English translation or None) of every live page of ``model``."""
    fa = list(model.objects.filter(locale__language_code="fa").order_by("path"))
    en = {p.translation_key: p for p in model.objects.filter(locale__language_code="en")}
    return [(p, en.get(p.translation_key)) for p in fa]


def give_every_city_a_session_and_plan() -> None:
    from cities.models import ActionPlanPage, SessionPage, SisterCityPage

    session_fa, session_en = _pairs(SessionPage)[0]
    plan_fa, plan_en = _pairs(ActionPlanPage)[0]
    for city_fa, city_en in _pairs(SisterCityPage):
        if city_fa.get_children().exists():
            continue
        for page_fa, page_en in ((session_fa, session_en), (plan_fa, plan_en)):
            slug = f"{city_fa.slug}-{page_fa.slug}"
            copy = _copy(page_fa, city_fa, slug, f"{page_fa.title} {city_fa.title}")
            if city_en is not None and page_en is not None:
                _copy(page_en, city_en, slug, f"{page_en.title} {city_en.title}",
                      copy.translation_key)  # fmt: skip


def grow_to(factor: int, base: list) -> None:
    """Copy every base dossier (and its children) until there are ``factor`` of each."""
    from cities.models import SisterCityPage

    have = SisterCityPage.objects.filter(locale__language_code="fa").count() // len(base)
    for n in range(have, factor):
        for city_fa, city_en in base:
            slug = f"{city_fa.slug}-{n}"
            copy_fa = _copy(city_fa, city_fa.get_parent(), slug, f"{city_fa.title} {n}")
            copy_en = None
            if city_en is not None:
                copy_en = _copy(city_en, city_en.get_parent(), slug, f"{city_en.title} {n}",
                                copy_fa.translation_key)  # fmt: skip
            en_children = {c.translation_key: c for c in city_en.get_children()} if city_en else {}
            for child in city_fa.get_children().specific():
                child_slug = f"{child.slug}-{n}"
                child_copy = _copy(child, copy_fa, child_slug, f"{child.title} {n}")
                child_en = en_children.get(child.translation_key)
                if copy_en is not None and child_en is not None:
                    _copy(child_en.specific, copy_en, child_slug, f"{child_en.title} {n}",
                          child_copy.translation_key)  # fmt: skip


# --- Measuring ---------------------------------------------------------------------------------


def measure(fetch) -> dict:
    """SQL queries (one run), median seconds and bytes of ``fetch`` (returns bytes)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    fetch()  # warm: renditions, per-process caches
    cache.clear()
    # As a served worker (deploy/gunicorn.conf.py, post_worker_init): what the process holds
    # by now (here also the content this script built) is kept out of the garbage collector's
    # full collections, which would otherwise walk it during the timed requests.
    gc.collect()
    gc.freeze()
    with CaptureQueriesContext(connection) as queries:
        size = len(fetch())
    sql = len(queries)  # now: the next request resets the connection's query log
    timings = []
    for _ in range(REPEAT):
        cache.clear()
        start = time.perf_counter()
        fetch()
        timings.append(time.perf_counter() - start)
    return {"sql": sql, "ms": statistics.median(timings) * 1000, "bytes": size}


def scenarios(client) -> dict:
    def all_cities() -> bytes:
        body, after = b"", None
        while True:
            response = client.post(
                "/graphql/",
                {"query": DOSSIERS, "variables": {"after": after}},
                content_type="application/json",
            )
            assert response.status_code == 200, response.content[:300]
            data = response.json()
            assert "errors" not in data, data["errors"]
            body += response.content
            cities = data["data"]["cities"]
            if len(cities) < 100:
                return body
            after = cities[-1]["slug"]

    def get(path: str):
        def run() -> bytes:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.content

        return run

    rest = "/api/v2/pages/?locale=en&fields=*&limit=100&type="
    return {
        "GraphQL all cities (dossier query)": all_cities,
        "dossier page /en/cities/florence/": get("/en/cities/florence/"),
        "city index /en/cities/": get("/en/cities/"),
        "REST v2 cities list": get(rest + "cities.SisterCityPage"),
        "REST v2 sessions list": get(rest + "cities.SessionPage"),
        "REST v2 Action Plans list": get(rest + "cities.ActionPlanPage"),
    }


def load(path: str, requests: int) -> float:
    """Requests per second for ``requests`` GETs of ``path`` from 4 loopback clients."""

    def worker(count: int) -> None:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        for _ in range(count):
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
        conn.close()

    # Warm every server worker (each has its own local-memory cache and pays one miss) with
    # concurrent clients, so that the timed run measures hits, as a warm server serves them.
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(worker, [10] * CONCURRENCY))
    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(worker, [requests // CONCURRENCY] * CONCURRENCY))
    return requests / (time.perf_counter() - started)


def serve_and_compare(tmp: str) -> tuple[float, float]:
    env = {**os.environ, "ALLOWED_HOSTS": HOST}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "2",
         "--bind", f"{HOST}:{PORT}", "--log-level", "error"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection(HOST, PORT, timeout=1)
                conn.request("GET", "/static/css/site.css")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        query = "/graphql/?" + urllib.parse.urlencode({"query": CACHED_QUERY})
        cached = load(query, LOAD_REQUESTS)
        static = load("/static/css/site.css", LOAD_REQUESTS)
    finally:
        server.terminate()
        server.wait(timeout=15)
    return cached, static


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cd-growth-") as tmp:
        setup_django(tmp)
        from django.core.management import call_command
        from django.test import Client

        from cities.models import SisterCityPage

        print("Preparing a throwaway database with the demo programme…", flush=True)
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_programme", "--demo", verbosity=0)
        give_every_city_a_session_and_plan()
        base = _pairs(SisterCityPage)
        client = Client()
        rows: dict[int, dict] = {}
        for factor in FACTORS:
            started = time.perf_counter()
            grow_to(factor, base)
            count = SisterCityPage.objects.filter(locale__language_code="fa").count()
            print(f"{factor}×: {count} cities (built in {time.perf_counter() - started:.0f} s)",
                  flush=True)  # fmt: skip
            rows[factor] = {"cities": count, **{
                name: measure(fetch) for name, fetch in scenarios(client).items()}}  # fmt: skip
        cached, static = serve_and_compare(tmp)

    first = rows[FACTORS[0]]
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nPython {sys.version.split()[0]}, SQLite, DEBUG off, {os.cpu_count()} CPUs, "
          f"median of {REPEAT}, load average after the run {load_avg}\n")  # fmt: skip
    print(f"{'scenario':36} {'size':>4} {'cities':>6} {'SQL':>4} {'ms':>8} {'KB':>8} "
          f"{'× time':>7} {'× KB':>6}")  # fmt: skip
    for name in scenarios(None):
        for factor in FACTORS:
            r, base_r = rows[factor][name], first[name]
            print(
                f"{name:36} {factor:>3}× {rows[factor]['cities']:>6} {r['sql']:>4} "
                f"{r['ms']:>8.1f} {r['bytes'] / 1024:>8.1f} {r['ms'] / base_r['ms']:>7.2f} "
                f"{r['bytes'] / base_r['bytes']:>6.2f}"
            )
    largest = rows[FACTORS[-1]]["GraphQL all cities (dossier query)"]
    print(f"\nUncached GraphQL at {rows[FACTORS[-1]]['cities']} cities: "
          f"{largest['ms'] / (largest['bytes'] / 1024):.2f} ms per KB")  # fmt: skip
    print(f"gunicorn 2 workers, {CONCURRENCY} clients, {LOAD_REQUESTS} requests each: "
          f"cached GraphQL GET {cached:.0f} req/s, static file {static:.0f} req/s "
          f"(ratio {cached / static:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
