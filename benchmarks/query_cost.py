"""CPU time of abusive GraphQL queries through the whole ``/graphql/`` view, and the worst accepted.

Prepares a throwaway SQLite database with the demo programme (or uses ``BENCH_DB``, a SQLite file
that already has it), then sends each query below through Django's test client in this process,
with production-like settings (``DEBUG`` off; introspection on, as in development, so the
introspection query is measured too). For each query it prints whether the limits accepted it
(or the error code that refused it) and its CPU time (``time.process_time``): *cold*, with the
parse/validation cache emptied first (an attacker varies the text to defeat caches), as the
median of ``BENCH_REPEAT`` runs, and *warm* (the same text again). Target: the worst accepted
query ≤ 100 ms of CPU on the project's 2-CPU machine.

Run with ``make bench`` or ``.venv/bin/python benchmarks/query_cost.py``. No network.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
TARGET_MS = 100.0

DOSSIERS = """query Dossiers { cities {
  id title slug url locale isFallback translationKey translations { locale url }
  country { code name } region { slug name } topics { slug name }
  heroImage { url alt width height rendition(filter: "fill-400x300") { url } }
  sessions { id title slug url number startsAt startsAtDisplay format registrationState
             capacity seatsLeft status translations { locale url } }
  actionPlans { id title url periodStart progress progressByArea { area { slug name } progress }
                items { id title area { slug name } topic { slug name } status progress }
                sessions { slug } }
} }"""

INTROSPECTION = """query IntrospectionQuery { __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { ...FullType }
  directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef }
    isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }"""


def queries() -> list[tuple[str, str]]:
    city_fields = ["slug", "title", "summary", "url", "id", "twinnedSince", "locale"]
    return [
        ("399 × cities { slug }", "{ " + "cities { slug } " * 399 + "}"),
        ("490 × locales { code }", "{ " + "locales { code } " * 490 + "}"),
        ("locales { 1,990 × code }", "{ locales { " + "code " * 1990 + "} }"),
        (
            "cities with 42 orderings of two fields",
            "{ "
            + " ".join(f"cities {{ {a} {b} }}" for a in city_fields for b in city_fields if a != b)
            + " }",
        ),
        (
            "12 × cities(region: …) (max repeats)",
            "{ " + " ".join(f'cities(region: "r{i}") {{ slug }}' for i in range(12)) + " }",
        ),
        (
            "150 × inline fragments with distinct @include",
            "query Q("
            + ", ".join(f"$v{i}: Boolean = true" for i in range(150))
            + ") { "
            + " ".join(f"... @include(if: $v{i}) {{ cities {{ slug }} }}" for i in range(150))
            + " }",
        ),
        (
            "24 fragments × locales { code } (max spreads)",
            "{ "
            + " ".join(f"...F{i}" for i in range(24))
            + " } "
            + " ".join(f"fragment F{i} on Query {{ locales {{ code }} }}" for i in range(24)),
        ),
        (
            "200 fragments × cities { slug }",
            "{ "
            + " ".join(f"...F{i}" for i in range(200))
            + " } "
            + " ".join(f"fragment F{i} on Query {{ cities {{ slug }} }}" for i in range(200)),
        ),
        (
            "15 aliases × the sessions/city cycle",
            "{ "
            + " ".join(
                f"a{i}: cities {{ sessions {{ city {{ sessions {{ slug title }} }} }} }}"
                for i in range(15)
            )
            + " }",
        ),
        (
            "depth 12: cities/sessions/city …",
            "{ cities { sessions { city { sessions { city { sessions { city { sessions "
            "{ city { sessions { title } } } } } } } } } } }",
        ),
        ("all-cities dossier (richest real query)", DOSSIERS),
        ("15 aliases × all-cities dossier", _aliased_dossiers(15)),
        ("introspection (GraphiQL's query)", INTROSPECTION),
        ("sessions(limit: 100) with everything", _sessions_everything()),
    ]


def _aliased_dossiers(count: int) -> str:
    body = DOSSIERS.split("{ cities", 1)[1].rsplit("}", 1)[0]
    return "{ " + " ".join(f"a{i}: cities{body}" for i in range(count)) + " }"


def _sessions_everything() -> str:
    return (
        "{ sessions(limit: 100) { id title slug url number startsAt startsAtDisplay format "
        "registrationState capacity seatsLeft status translations { locale url } "
        "city { slug title country { name } region { name } topics { name } } } }"
    )


def prepare_database(folder: str) -> str:
    existing = os.environ.get("BENCH_DB")
    if existing:
        return existing
    path = f"{folder}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "MEDIA_ROOT": f"{folder}/media"}
    print("Preparing a throwaway database with the demo programme…", flush=True)
    for args in (["migrate", "--noinput", "-v0"], ["load_programme", "--demo", "-v0"]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True
        )
    return path


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cd-query-cost-") as folder:
        database = prepare_database(folder)
        os.makedirs(f"{folder}/static", exist_ok=True)
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "cms.settings.base",
                "DATABASE_URL": f"sqlite:///{database}",
                "MEDIA_ROOT": os.environ.get("BENCH_MEDIA_ROOT", f"{folder}/media"),
                "STATIC_ROOT": f"{folder}/static",
                "DEBUG": "0",
                "GRAPHQL_INTROSPECTION": "1",
                "LOG_LEVEL": "CRITICAL",
            }
        )
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        run(queries())


def run(cases: list[tuple[str, str]]) -> None:
    import logging

    from django.core.cache import cache
    from django.test import Client

    from graphql_api.cost import clear_document_caches

    logging.disable(logging.CRITICAL)
    client = Client(HTTP_ACCEPT="application/graphql-response+json")

    def send(query: str) -> tuple[float, int, dict]:
        start = time.process_time()
        response = client.post(
            "/graphql/", json.dumps({"query": query}), content_type="application/json"
        )
        elapsed = (time.process_time() - start) * 1000
        return elapsed, response.status_code, json.loads(response.content)

    send(DOSSIERS)  # renditions are generated on the first request
    rows = []
    for name, query in cases:
        cold = []
        for _ in range(REPEAT):
            clear_document_caches()
            cache.clear()
            elapsed, status, body = send(query)
            cold.append(elapsed)
        warm = statistics.median(send(query)[0] for _ in range(REPEAT))
        errors = body.get("errors") or []
        accepted = status == 200 and body.get("data") is not None
        outcome = (
            "accepted" if accepted else (errors[0].get("extensions", {}).get("code") or "refused")
        )
        rows.append((name, len(query), outcome, statistics.median(cold), warm, accepted))

    print(
        f"\nQuery CPU time through /graphql/ (Python {sys.version.split()[0]}, SQLite demo "
        f"programme, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
        f"median of {REPEAT})\n"
    )
    print(f"{'query':48} {'bytes':>6} {'outcome':>22} {'cold ms':>8} {'warm ms':>8}")
    for name, size, outcome, cold, warm, _accepted in rows:
        print(f"{name:48} {size:>6} {outcome:>22} {cold:>8.1f} {warm:>8.1f}")
    accepted = [row for row in rows if row[5]]
    refused = [row for row in rows if not row[5]]
    worst = max(accepted, key=lambda row: row[3])
    print(
        f"\nworst accepted query: {worst[0]}: {worst[3]:.1f} ms CPU cold "
        f"(target ≤ {TARGET_MS:.0f} ms: {'met' if worst[3] <= TARGET_MS else 'NOT met'})"
    )
    if refused:
        slowest = max(refused, key=lambda row: row[3])
        print(f"slowest refusal: {slowest[0]}: {slowest[3]:.1f} ms CPU cold")


if __name__ == "__main__":
    main()
