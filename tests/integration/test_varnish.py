"""Varnish (``deploy/varnish/default.vcl``) in front of gunicorn: public GETs are hits the second
time, publishing purges them at once, and POSTs and personal answers are never stored.

The test starts its own gunicorn and varnishd on free loopback ports in 9400–9499, with their own
work folders, and stops them. Both the server and the publishing step (a ``manage.py shell``
with the server's environment, as an editor's request would be) share a file cache, so the
server-side response cache sees the purge too. Needs a database a second process can open:
PostgreSQL (CI runs integration tests there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support.tools import executable, require

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
CITY = '{ city(slug: "florence", locale: "en") { title slug } }'


def free_port(taken: set[int]) -> int:
    for port in range(9400, 9500):
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port
    pytest.fail("no free port in 9400-9499")


def wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server on {port} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"nothing listens on {port} after {seconds}s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def stack(programme, tmp_path):
    """(varnish base URL, environment of the application) with gunicorn behind Varnish."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: two processes share the data")
    varnishd = executable("varnishd")
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    require(gunicorn is not None, "gunicorn is not installed")
    ports: set[int] = set()
    app_port, proxy_port = free_port(ports), free_port(ports)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "CACHE_URL": f"file://{tmp_path / 'cache'}",
        "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{proxy_port}/",
        "SITE_BASE_URL": settings.SITE_BASE_URL,
    }
    app = subprocess.Popen(
        [gunicorn, "cms.wsgi:application", "-b", f"127.0.0.1:{app_port}", "-w", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the folder)
    )
    vcl = tmp_path / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{app_port}"'))
    proxy = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-a",
            f"127.0.0.1:{proxy_port}",
            "-T",
            "none",
            "-f",
            str(vcl),
            "-n",
            str(tmp_path / "varnish"),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "varnish.log", "w"),  # noqa: SIM115
    )
    try:
        wait_for(app_port, app)
        wait_for(proxy_port, proxy)
        yield f"http://127.0.0.1:{proxy_port}", env
    finally:
        stop(proxy)
        stop(app)


def fetch(url: str, data: bytes | None = None, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def graphql_get(base: str, query: str) -> tuple[int, dict, bytes]:
    return fetch(f"{base}/graphql/?" + urllib.parse.urlencode({"query": query}))


def publish_title(env: dict, title: str) -> None:
    """Rename English Florence and publish it, in a process of its own, like an editor's."""
    code = (
        "from cities.models import SisterCityPage\n"
        "page = SisterCityPage.objects.get(slug='florence', locale__language_code='en')\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True
    )


def test_second_get_is_a_hit_and_publishing_purges_it(stack):
    base, env = stack
    status, first, body = graphql_get(base, CITY)
    assert status == 200, body
    assert first["X-Cache"] == "MISS"
    assert "xkey" not in {k.lower() for k in first}
    status, second, again = graphql_get(base, CITY)
    assert second["X-Cache"] == "HIT"
    assert again == body

    page_status, page_first, _ = fetch(f"{base}/en/cities/florence/")
    assert page_status == 200
    assert fetch(f"{base}/en/cities/florence/")[1]["X-Cache"] == "HIT"

    publish_title(env, "Florence (edited)")

    status, after, body = graphql_get(base, CITY)
    assert after["X-Cache"] == "MISS"
    assert json.loads(body)["data"]["city"]["title"] == "Florence (edited)"
    _, page_after, html = fetch(f"{base}/en/cities/florence/")
    assert page_after["X-Cache"] == "MISS"
    assert "Florence (edited)" in html.decode()


def test_post_and_personal_answers_are_never_cached(stack):
    base, _env = stack
    body = json.dumps({"query": "{ locales { code } }"}).encode()
    for _ in range(2):
        status, headers, _ = fetch(
            f"{base}/graphql/", data=body, **{"Content-Type": "application/json"}
        )
        assert status == 200
        assert headers["X-Cache"] == "MISS"
        assert "no-store" in headers["Cache-Control"]
    personal = '{ applicationStatus(reference: "CD-NOPE", token: "nope") { status } }'
    for _ in range(2):
        _status, headers, _ = graphql_get(base, personal)
        assert headers["X-Cache"] == "MISS"
        assert "private" in headers["Cache-Control"]
    for _ in range(2):
        _status, headers, _ = fetch(f"{base}/register/status/")
        assert headers["X-Cache"] == "MISS"
