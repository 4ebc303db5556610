"""Real app servers for integration tests and benchmarks: gunicorn with deploy/'s config,
the mail worker, and the GraphQL submitApplication client they are loaded with."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPException
from itertools import count
from pathlib import Path

from tests.support.servers import stop, wait_for_port

PROJECT = Path(__file__).resolve().parents[2]

SUBMIT = """mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    application { reference } statusToken errors { code message }
  }
}"""
STATUS = """query($reference: String!, $token: String!) {
  applicationStatus(reference: $reference, token: $token) { reference status }
}"""

_numbers = count(1)


def server_env(**overrides: str) -> dict[str, str]:
    """The environment of a server process: ours, without the machine's cache, plus overrides."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "PYTEST_CURRENT_TEST"}}
    env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    env.update(overrides)
    return env


@contextmanager
def gunicorn(
    port: int, env: dict[str, str], log: Path, workers: int = 2, threads: int = 8
) -> Iterator[subprocess.Popen]:
    """gunicorn -c deploy/gunicorn.conf.py on 127.0.0.1:port, in its own process group."""
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_ACCESSLOG": "",
    }
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "deploy/gunicorn.conf.py")],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        try:
            wait_for_port(port, timeout=90, process=process)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}\n{log.read_text(errors='replace')[-3000:]}") from error
        yield process
    finally:
        kill_group(process, signal.SIGTERM)


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal the server's own process group (the master and its workers), then reap it."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
    stop(process, kill=True)


@contextmanager
def mail_worker(env: dict[str, str], log: Path, nice: int = 0) -> Iterator[subprocess.Popen]:
    """``manage.py db_worker`` for the mail backend; ``nice`` lowers its CPU priority, as
    deploy/systemd/citizen-diplomat-worker.service does (``Nice=10``)."""
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend",
                "mail",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
                "-v",
                "1",
            ],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,  # noqa: PLW1509
        )
    if nice:
        _lower_autogroup(process.pid, nice)
    try:
        yield process
    finally:
        kill_group(process, signal.SIGTERM)


def _lower_autogroup(pid: int, nice: int) -> None:
    """A new session gets its own scheduler autogroup (Linux with ``sched_autogroup_enabled``),
    and a nice value only ranks processes within their group: the worker's group is given the
    same nice, as a systemd unit's ``CPUWeight=`` ranks the worker's cgroup below the server's."""
    try:
        Path(f"/proc/{pid}/autogroup").write_text(str(nice))
    except OSError:
        pass  # no autogroups here (or not allowed): the process nice value is all there is


def submission(tag: str = "load", **overrides) -> dict:
    n = next(_numbers)
    data = {
        "fullName": "Load Tester",
        "email": f"{tag}-{os.getpid()}-{n}-{time.monotonic_ns()}@example.org",
        "phone": "09123456789",
        "category": "ACADEMIC",
        "residenceCountry": "IR",
        "residenceCity": "Isfahan",
        "organisation": "IUT",
        "languages": ["fa"],
        "expertise": "Heritage",
        "channels": "Visiting professor",
        "topics": ["city-marketing"],
        "city": "florence",
        "motivation": "I can connect the universities.",
        "preferredLocale": "en",
        "consent": True,
    }
    data.update(overrides)
    return data


def graphql(base_url: str, query: str, variables: dict, timeout: float = 60, **headers) -> dict:
    request = urllib.request.Request(
        f"{base_url}/graphql/",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json", "Accept-Language": "en", **headers},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def submit(base_url: str, data: dict, timeout: float = 60, **headers) -> dict:
    """The submitApplication payload; raises on HTTP or GraphQL errors."""
    answer = graphql(base_url, SUBMIT, {"input": data}, timeout=timeout, **headers)
    if answer.get("errors"):
        raise RuntimeError(f"GraphQL errors: {answer['errors']}")
    return answer["data"]["submitApplication"]


def run_submitters(
    base_url: str, clients: int, per_client: int | None = None, seconds: float | None = None
) -> tuple[list[float], list[str], list[dict]]:
    """``clients`` threads submit distinct applications, each ``per_client`` times or for
    ``seconds``; returns (latencies, error descriptions, accepted payloads)."""
    latencies: list[float] = []
    errors: list[str] = []
    accepted: list[dict] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    deadline: list[float] = []

    def client() -> None:
        barrier.wait(timeout=60)
        done = 0
        while True:
            if per_client is not None and done >= per_client:
                return
            if seconds is not None and time.monotonic() >= deadline[0]:
                return
            start = time.perf_counter()
            try:
                payload = submit(base_url, submission())
                outcome = None if not payload["errors"] else str(payload["errors"])
            except (
                urllib.error.URLError,
                OSError,
                HTTPException,
                RuntimeError,
                ValueError,
            ) as error:
                outcome, payload = f"{type(error).__name__}: {error}", None
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if outcome:
                    errors.append(outcome)
                else:
                    accepted.append(payload)
            done += 1

    deadline.append(time.monotonic() + (seconds or 0) + 1)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=(seconds or 0) + 300)
    return latencies, errors, accepted
