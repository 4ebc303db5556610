"""Two app servers, one truth: two gunicorn nodes on one PostgreSQL and one Redis, the mail
worker and an SMTP sink, all started (and stopped) by this test on its own loopback ports.

Proves: a rate limit counted on node A is enforced on node B; a submission on A is visible
on B's status query at once; a page an editor publishes through A's admin is not served stale
by B (neither its HTML page nor a GraphQL query B's response cache holds); the confirmation
email is sent exactly once, by the worker; ``kill -9`` of node A in the middle of a load loses no
acknowledged submission and leaves no application without its email.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from http.client import HTTPException
from typing import NamedTuple
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from outbox.models import OutboundEmail
from registrations.models import Application
from tests.support.admin_client import AdminSession
from tests.support.appserver import (
    STATUS,
    graphql,
    gunicorn,
    kill_group,
    mail_worker,
    server_env,
    submission,
    submit,
)
from tests.support.servers import port_is_free, redis_server
from tests.support.smtp import smtp_sink

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

NODE_A, NODE_B, REDIS_PORT, SMTP_PORT = 9341, 9342, 9343, 9344
EDITOR, EDITOR_PASSWORD = "two-node-editor", "publish-through-node-a"
NEW_TITLE = "فلورانس — تازه"
CITY_TITLE = 'query($slug: String!) { city(slug: $slug, locale: "fa") { title } }'


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def cluster(programme, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two nodes share one database server: PostgreSQL only")
    for port in (NODE_A, NODE_B, REDIS_PORT, SMTP_PORT):
        assert port_is_free(port), f"port {port} is taken"
    env = server_env(
        DATABASE_URL=database_url(),
        CACHE_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        MAIL_QUEUE="database",
        MAIL_RETRY_DELAYS="1,1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        EMAIL_TIMEOUT="5",
        TRUSTED_PROXIES="127.0.0.1/32",
        REGISTRATION_RATE_LIMIT="3/h",
    )
    with (
        redis_server(REDIS_PORT, tmp_path),
        smtp_sink(SMTP_PORT) as sink,
        gunicorn(NODE_A, env, tmp_path / "a.log", workers=2, threads=4) as node_a,
        gunicorn(NODE_B, env, tmp_path / "b.log", workers=2, threads=4),
        mail_worker(env, tmp_path / "worker.log"),
    ):
        yield {
            "a": f"http://127.0.0.1:{NODE_A}",
            "b": f"http://127.0.0.1:{NODE_B}",
            "node_a": node_a,
            "sink": sink,
            "logs": tmp_path,
        }


def as_client(address: str) -> dict:
    """Requests come through our proxy (127.0.0.1, trusted) on behalf of ``address``."""
    return {"X-Forwarded-For": address}


def wait_until(predicate, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_two_nodes_share_one_truth(cluster):
    a, b, sink = cluster["a"], cluster["b"], cluster["sink"]

    # 1. The rate limit (3/h) counted on A is enforced on B, for the same client only.
    client = as_client("198.51.100.10")
    for base in (a, a, b):
        assert submit(base, submission("rate"), **client)["errors"] == []
    refused = submit(b, submission("rate"), **client)
    assert [e["code"] for e in refused["errors"]] == ["RATE_LIMITED"]
    assert [e["code"] for e in submit(a, submission("rate"), **client)["errors"]] == [
        "RATE_LIMITED"
    ]
    assert submit(b, submission("rate"), **as_client("198.51.100.11"))["errors"] == []

    # 2. A submission on A is visible on B's status query at once.
    data = submission("visible")
    payload = submit(a, data, **as_client("198.51.100.20"))
    reference, token = payload["application"]["reference"], payload["statusToken"]
    status = graphql(b, STATUS, {"reference": reference, "token": token})
    assert status["data"]["applicationStatus"]["reference"] == reference

    # 4. Its confirmation email is sent exactly once, by the worker.
    assert wait_until(lambda: len(sink.to(data["email"])) >= 1)
    time.sleep(3)  # give a duplicate every chance to arrive
    (message,) = sink.to(data["email"])
    assert reference in message["Subject"]

    # 3. A page published through A's admin is not served stale by B's response cache.
    _page_published_on_a_is_fresh_on_b(a, b)

    # 5. kill -9 of node A mid-load: no acknowledged submission lost, none without its mail.
    acknowledged = _load_and_kill(a, cluster["node_a"])
    assert acknowledged, "the load made no submission before the kill"
    stored = set(
        Application.objects.filter(reference__in=acknowledged).values_list("reference", flat=True)
    )
    assert stored == set(acknowledged)
    emails = list(Application.objects.values_list("applicant__email", flat=True))
    assert wait_until(lambda: not OutboundEmail.objects.exists(), timeout=120), (
        cluster["logs"] / "worker.log"
    ).read_text()[-2000:]
    received = {m["To"] for m in sink.messages}
    assert [e for e in emails if e not in received] == []


class Answer(NamedTuple):
    status: int
    headers: Message
    body: str

    @property
    def etag(self) -> str:
        return self.headers["ETag"]


def fetch(url: str, **headers: str) -> Answer:
    """A GET as a browser makes it; a 304 is an answer, not an error."""
    request = urllib.request.Request(url, headers={"Accept-Language": "fa", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read().decode())
    except urllib.error.HTTPError as error:
        if error.code != 304:
            raise
        return Answer(304, error.headers, "")


def _editor_and_florence() -> tuple[int, list]:
    """An editor who may publish (the rights Wagtail's admin asks for, no superuser) and the
    Persian Florence dossier with a body, published before node B has served anything."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    from cities.models import SisterCityPage

    group = Group.objects.create(name="Two-node editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editor = get_user_model().objects.create_user(EDITOR, "editor@example.org", EDITOR_PASSWORD)
    editor.groups.add(group)

    page = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    # StreamField, StructBlock and ListBlock in the body: the edit form must carry them back.
    page.body = [
        ("heading", "همکاری فرهنگی"),
        (
            "key_facts",
            {
                "heading": "در یک نگاه",
                "facts": [
                    {"label": "جمعیت", "value": "۳۶۰٬۰۰۰"},
                    {"label": "خواهرخواندگی", "value": "۱۳۷۷"},
                ],
            },
        ),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.title != NEW_TITLE
    return page.pk, list(page.body.raw_data)


def _page_published_on_a_is_fresh_on_b(a: str, b: str) -> None:
    """An editor publishes a new title through node A's admin while node B's response cache
    (the server cache in the shared Redis, and the browsers' ETags) holds the old one: B's very
    next answers carry the new title, HTML page and GraphQL alike, with a fresh ETag."""
    from cities.models import SisterCityPage

    page_id, body = _editor_and_florence()
    old_title = SisterCityPage.objects.get(pk=page_id).title
    page_url = f"{b}/cities/florence/"
    query_url = f"{b}/graphql/?" + urlencode(
        {"query": CITY_TITLE, "variables": json.dumps({"slug": "florence"})}
    )

    # B serves both twice: the page's ETag is honoured, the query's answer is stored and reused.
    page = fetch(page_url)
    assert page.status == 200 and old_title in page.body
    assert page.headers["Cache-Control"].startswith("public")
    assert fetch(page_url, **{"If-None-Match": page.etag}).status == 304
    query = fetch(query_url)
    assert json.loads(query.body)["data"]["city"]["title"] == old_title
    assert query.headers["X-Response-Cache"] == "miss"
    cached = fetch(query_url)
    assert cached.headers["X-Response-Cache"] == "hit"
    assert cached.etag == query.etag
    assert fetch(query_url, **{"If-None-Match": query.etag}).status == 304

    # The editor signs in to node A's admin and publishes the edit form with the new title.
    admin = AdminSession(a)
    admin.log_in(EDITOR, EDITOR_PASSWORD)
    landed = admin.edit_page(
        page_id,
        {"title": NEW_TITLE},
        stream_blocks={"body": SisterCityPage._meta.get_field("body").stream_block},
    )
    assert landed.startswith("/admin/pages/")  # the explorer, where a successful publish leads

    published = SisterCityPage.objects.get(pk=page_id)
    assert published.title == NEW_TITLE and not published.has_unpublished_changes
    assert published.live_revision.user.username == EDITOR
    assert list(published.body.raw_data) == body  # the form carried everything else back unchanged

    # B at once: the new title, a new ETag, the query built afresh rather than the stored answer.
    fresh_page = fetch(page_url, **{"If-None-Match": page.etag})
    assert fresh_page.status == 200 and NEW_TITLE in fresh_page.body
    assert fresh_page.etag != page.etag
    fresh_query = fetch(query_url, **{"If-None-Match": query.etag})
    assert fresh_query.status == 200
    assert json.loads(fresh_query.body)["data"]["city"]["title"] == NEW_TITLE
    assert fresh_query.headers["X-Response-Cache"] == "miss"
    assert fresh_query.etag != query.etag


def _load_and_kill(base: str, node) -> list[str]:
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + 8
    counter = iter(range(10_000))

    def client(n: int) -> None:
        while time.monotonic() < stop:
            i = next(counter)
            try:
                payload = submit(
                    base, submission("kill"), timeout=10, **as_client(f"10.9.{n}.{i % 250}")
                )
            # A connection cut mid-answer (IncompleteRead) is not an acknowledgement either.
            except (urllib.error.URLError, OSError, HTTPException, RuntimeError, ValueError):
                time.sleep(0.05)
                continue
            if not payload["errors"]:
                with lock:
                    acknowledged.append(payload["application"]["reference"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    kill_group(node)  # SIGKILL to node A's master and workers, mid-request
    for thread in threads:
        thread.join(timeout=60)
    return acknowledged
