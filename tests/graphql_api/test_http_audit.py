"""The graphql-http conformance audit (npm graphql-http's `auditServer`) against a live server.

Every audit must be ``ok``: no error and no warning. Introspection is on and ad-hoc queries are
allowed, as in development (the audit's queries use ``__type`` and ``__typename``).
"""

from __future__ import annotations

import json
import socket
import subprocess

import pytest

from tests.support.tools import executable, node_modules_dir, node_package_file

AUDIT = """
const { auditServer } = require('graphql-http');
const url = process.argv[process.argv.length - 1];
auditServer({ url }).then((results) => {
  const summary = results.map((r) => ({ id: r.id, name: r.name, status: r.status,
                                       reason: r.reason || null }));
  process.stdout.write(JSON.stringify(summary));
}).catch((error) => { console.error(error); process.exit(2); });
"""


def free_port(start: int = 9540) -> int:
    for port in range(start, 9560):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 9540-9559")


@pytest.mark.integration
@pytest.mark.django_db
def test_graphql_http_audit_passes_without_errors_or_warnings(settings):
    node_package_file("graphql-http", "package.json")
    node = executable("node")
    settings.GRAPHQL_INTROSPECTION = True
    settings.GRAPHQL_PERSISTED_ONLY = False
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(f"127.0.0.1:{free_port()}")
    try:
        finished = subprocess.run(
            [node, "-e", AUDIT, f"{server.url}/graphql/"],
            capture_output=True,
            text=True,
            timeout=120,
            env={"NODE_PATH": str(node_modules_dir()), "PATH": "/usr/bin:/bin"},
        )
    finally:
        server.stop()
    assert finished.returncode == 0, finished.stderr[-2000:]
    results = json.loads(finished.stdout)
    assert len(results) > 50
    not_ok = [r for r in results if r["status"] != "ok"]
    assert not_ok == [], json.dumps(not_ok, indent=1)
