"""The committee at 100,000 applications: list, search, export and housekeeping, measured.

Builds the data with bulk inserts (applicants, applications with topics, reviews, invitations),
then, in this process, through Django's test client as a superuser of the admin:

  - the applications list, page 1 and page 1000 (capped at the listing's last page)
  - three searches: a reference prefix, an email address, a Persian name
  - CSV and XLSX export of the whole list: first byte, total, peak RSS, access-log rows; each
    export runs in a fresh child process (Django set up, the admin signed in and its list
    shown once, then the export streamed), so its RSS is a serving worker's — before, at its
    peak, and the growth the export caused — not this process's, which holds the data
    generation
  - ``expire_unconfirmed`` and ``apply_retention``: rows per second

Database: ``DATABASE_URL`` when it names PostgreSQL (its registrations tables are emptied
first: give it a database of its own, and set ``BENCH_RESET=1`` to confirm), otherwise a
throwaway SQLite file. ``BENCH_APPLICATIONS`` changes the size (default 100000). Settings:
``cms.settings.test`` (DEBUG off, so queries are not kept in memory). These are measurements,
not tests; run with ``make bench``.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = int(os.environ.get("BENCH_APPLICATIONS", "100000"))
BATCH = 5000
URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = URL.startswith(("postgres://", "postgresql://"))
if not ON_POSTGRES and not URL.startswith("sqlite:"):
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{tempfile.mkdtemp(prefix='committee-bench-')}/db.sqlite3"
    )
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ.setdefault("REGISTRATION_RATE_LIMIT", "off")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from cities.models import CooperationTopic, SessionPage, SisterCityPage  # noqa: E402
from registrations import services  # noqa: E402
from registrations.lifecycle import Status  # noqa: E402
from registrations.models import (  # noqa: E402
    Applicant,
    Application,
    AuditEntry,
    Invitation,
    PersonalDataAccess,
    Review,
)
from registrations.normalize import search_key  # noqa: E402

FIRST = ["مریم", "علی", "زهرا", "رضا", "فاطمه", "حسین", "Maryam", "Ali", "Sara", "Navid"]
LAST = ["احمدی", "کریمی", "رضایی", "محمدی", "حسینی", "Tehrani", "Isfahani", "Karimi", "Nouri"]
STATUSES = [
    (Status.SUBMITTED, 10),
    (Status.UNDER_REVIEW, 30),
    (Status.ACCEPTED, 8),
    (Status.REJECTED, 20),
    (Status.WAITLISTED, 8),
    (Status.INVITED, 4),
    (Status.CONFIRMED, 4),
    (Status.WITHDRAWN, 6),
    (Status.EXPIRED, 10),
]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def prepare_database() -> None:
    call_command("migrate", verbosity=0)
    if not SisterCityPage.objects.exists():
        call_command("load_programme", "--demo", verbosity=0)
    if Application.objects.exists():
        if ON_POSTGRES and os.environ.get("BENCH_RESET") != "1":
            sys.exit("The database has applications: set BENCH_RESET=1 to empty them first.")
        with connection.cursor() as cursor:
            tables = [
                model._meta.db_table
                for model in (
                    PersonalDataAccess,
                    AuditEntry,
                    Invitation,
                    Review,
                    Application.topics.through,
                    Application,
                    Applicant,
                )
            ]
            if ON_POSTGRES:
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            else:
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")


def generate(size: int) -> None:
    rng = random.Random(10)
    cities = list(
        SisterCityPage.objects.filter(locale__language_code="fa").values_list("pk", flat=True)
    )
    topics = list(
        CooperationTopic.objects.filter(locale__language_code="fa").values_list("pk", flat=True)
    )
    sessions = list(
        SessionPage.objects.filter(locale__language_code="fa").values_list("pk", flat=True)
    )
    reviewer = get_user_model().objects.filter(is_superuser=True).first()
    statuses, weights = zip(*STATUSES, strict=True)
    now = timezone.now()
    year = timezone.localtime(now).year
    through = Application.topics.through
    for start in range(0, size, BATCH):
        count = min(BATCH, size - start)
        with transaction.atomic():
            applicants = []
            for i in range(start, start + count):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
                applicants.append(
                    Applicant(
                        full_name=name,
                        search_name=search_key(name),
                        email=f"applicant{i}@example.org",
                        phone="+989120000000",
                        residence_country=rng.choice(["IR", "IT", "DE", "CN", "AM"]),
                        residence_city="Isfahan",
                        organisation='=HYPERLINK("http://x")' if i % 997 == 0 else "Org",
                        languages=["fa", "en"],
                        category=rng.choice([c for c, _l in Applicant.Category.choices]),
                        expertise="Urban heritage",
                        channels="University",
                        preferred_language=rng.choice(["fa", "en"]),
                    )
                )
            applicants = Applicant.objects.bulk_create(applicants)
            applications = []
            for offset, applicant in enumerate(applicants):
                i = start + offset
                status = rng.choices(statuses, weights)[0]
                submitted = now - timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 1440))
                applications.append(
                    Application(
                        applicant=applicant,
                        city_id=rng.choice(cities),
                        session_id=rng.choice(sessions)
                        if status in (Status.INVITED, Status.CONFIRMED) and sessions
                        else None,
                        motivation="I can connect the two cities.",
                        status=status,
                        reference=f"ISF-{year}-{i + 1:06d}",
                        language="fa",
                        submitted_at=submitted,
                        confirmation_sent_at=submitted,
                        email_confirmed_at=None
                        if status in (Status.SUBMITTED, Status.EXPIRED)
                        else submitted,
                        status_changed_at=submitted,
                    )
                )
            applications = Application.objects.bulk_create(applications)
            through.objects.bulk_create(
                through(application_id=a.pk, cooperationtopic_id=rng.choice(topics))
                for a in applications
            )
            reviews = []
            for application in applications:
                if (
                    application.status not in (Status.SUBMITTED, Status.EXPIRED)
                    and rng.random() < 0.6
                ):
                    reviews.append(
                        Review(
                            application=application,
                            reviewer=reviewer,
                            score=rng.randint(1, 5),
                            recommendation=rng.choice(["accept", "waitlist", "reject"]),
                            comment="Solid",
                        )
                    )
            Review.objects.bulk_create(reviews)
            Invitation.objects.bulk_create(
                Invitation(
                    application=a,
                    session_id=a.session_id,
                    status=Invitation.Status.ACCEPTED
                    if a.status == Status.CONFIRMED
                    else Invitation.Status.PENDING,
                )
                for a in applications
                if a.session_id
            )
        print(f"  generated {start + count}/{size}", end="\r", flush=True)
    print()
    if ON_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed_get(client: Client, path: str, params: dict) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(path, params)
    elapsed = time.perf_counter() - started
    return elapsed, response.status_code


def measure_list_and_search(client: Client) -> None:
    index = "/admin/applications/"
    client.get(index)  # warm caches (templates, site root paths)
    for label, params in (("list page 1", {}), ("list page 1000 (capped)", {"p": "1000"})):
        elapsed, status = timed_get(client, index, params)
        print(f"{label:34} {elapsed * 1000:8.1f} ms  (HTTP {status})")
    some = Application.objects.order_by("pk")[SIZE // 2]
    searches = [
        ("search: reference prefix", some.reference[:-2]),
        ("search: email", some.applicant.email.upper()),
        ("search: Persian name", "كريمي"),
    ]
    from registrations.selectors import search_applications

    for label, query in searches:
        elapsed, status = timed_get(client, index, {"q": query})
        queryset = search_applications(Application.objects.all(), query, personal_data=True)
        started = time.perf_counter()
        rows = list(queryset.order_by("-submitted_at").values_list("pk", flat=True)[:50])
        total = queryset.count()
        sql = (time.perf_counter() - started) * 1000
        print(
            f"{label:34} {elapsed * 1000:8.1f} ms page  {sql:7.1f} ms SQL (50 rows + count)"
            f"  {total} found, first page {len(rows)}  (HTTP {status})"
        )


def measure_export(export_format: str) -> None:
    """Run the export in a child process (``--export FORMAT``) and print its line."""
    subprocess.run([sys.executable, __file__, "--export", export_format], check=True)


def export_in_this_process(export_format: str) -> None:
    import resource

    admin = get_user_model().objects.get(username="bench-admin")
    client = Client()
    client.force_login(admin)
    # A serving worker has shown the admin before: its templates and views are loaded.
    client.get("/admin/applications/")
    before_rows = PersonalDataAccess.objects.filter(kind="export").count()
    baseline = rss_mb()
    peak = baseline
    started = time.perf_counter()
    response = client.get("/admin/applications/", {"export": export_format})
    first_byte = None
    size = 0
    for index, chunk in enumerate(response.streaming_content):
        if first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        if index % 50 == 0:
            peak = max(peak, rss_mb())
    total = time.perf_counter() - started
    # The kernel's high-water mark of the whole process (Linux: kilobytes).
    peak = max(peak, rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    audit_rows = PersonalDataAccess.objects.filter(kind="export").count() - before_rows
    entry = PersonalDataAccess.objects.filter(kind="export").order_by("-pk").first()
    print(
        f"export {export_format.upper():4}  first byte {first_byte or 0:6.2f} s"
        f"  total {total:6.1f} s"
        f"  {size / 1e6:6.1f} MB  worker RSS {baseline:.0f} → peak {peak:.0f} MB"
        f" (+{peak - baseline:.0f} MB)"
        f"  access-log rows {audit_rows} (row count {entry.row_count if entry else '-'})",
        flush=True,
    )


def measure_housekeeping() -> None:
    old = timezone.now() - timedelta(days=30)
    Application.objects.filter(status=Status.EXPIRED).update(
        status=Status.SUBMITTED, confirmation_sent_at=old
    )
    due = Application.objects.filter(
        status=Status.SUBMITTED, confirmation_sent_at__lt=old + timedelta(days=26)
    ).count()
    started = time.perf_counter()
    expired = services.expire_unconfirmed()
    elapsed = time.perf_counter() - started
    print(
        f"expire_unconfirmed  {expired} rows (of {due} due) in {elapsed:.1f} s"
        f" = {expired / max(elapsed, 1e-9):,.0f} rows/s"
    )
    Application.objects.filter(
        status__in=[Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED]
    ).update(status_changed_at=timezone.now() - timedelta(days=1000))
    started = time.perf_counter()
    erased = services.apply_retention()
    elapsed = time.perf_counter() - started
    print(
        f"apply_retention     {erased} rows in {elapsed:.1f} s"
        f" = {erased / max(elapsed, 1e-9):,.0f} rows/s"
    )


def main() -> None:
    print(f"committee_scale: {SIZE} applications on {'PostgreSQL' if ON_POSTGRES else 'SQLite'}")
    started = time.perf_counter()
    prepare_database()
    generate(SIZE)
    print(f"data ready in {time.perf_counter() - started:.0f} s")
    user_model = get_user_model()
    admin = user_model.objects.filter(
        username="bench-admin"
    ).first() or user_model.objects.create_superuser(
        "bench-admin", "bench@example.org", "bench-password-not-secret"
    )
    client = Client()
    client.force_login(admin)
    measure_list_and_search(client)
    sys.stdout.flush()
    measure_export("csv")
    measure_export("xlsx")
    measure_housekeeping()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--export"]:
        export_in_this_process(sys.argv[2])
    else:
        main()
