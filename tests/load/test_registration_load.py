"""Registration under concurrent load, through a real server on loopback.

Each request is served by the live server's own thread and database connection, as in
production. PostgreSQL only: SQLite serialises writers, so nothing can race there.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections import Counter

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection

from registrations.lifecycle import Status
from registrations.models import Applicant, Application, Invitation
from tests.registrations import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

RESPOND = """mutation($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) { invitation { status } errors { code } }
}"""
SUBMIT = """mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { application { reference } statusToken errors { code } }
}"""


@pytest.fixture(autouse=True)
def _postgres_and_no_rate_limit(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so requests cannot race")
    settings.REGISTRATION_RATE_LIMIT = "0"


class _LoadServer(ThreadedWSGIServer):
    """Django's threaded development server with a listen backlog for a burst of clients.

    The stock backlog (10) resets connections when 60 clients connect at the same instant.
    """

    request_queue_size = 256


@pytest.fixture
def server_url(transactional_db):
    """A real HTTP server on a free loopback port, one thread and connection per request."""
    server = _LoadServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=True)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _post_all(url: str, bodies: list[dict]) -> list[dict]:
    """POST every body at once from its own thread; return the decoded answers in order."""
    barrier = threading.Barrier(len(bodies))
    answers: list[dict] = [{} for _ in bodies]

    def send(i: int) -> None:
        request = urllib.request.Request(
            url,
            data=json.dumps(bodies[i]).encode(),
            headers={"Content-Type": "application/json", "Accept-Language": "en"},
        )
        barrier.wait(timeout=60)
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200
            answers[i] = json.loads(response.read())

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert all(answers), "a request failed or hung"
    return answers


def test_sixty_concurrent_rsvps_over_http_never_overbook(server_url):
    factories.minimal_programme()
    session = factories.make_session(capacity=20)
    tokens = [factories.invited(session)[1] for _ in range(60)]

    answers = _post_all(
        f"{server_url}/graphql/",
        [{"query": RESPOND, "variables": {"input": {"token": t, "accept": True}}} for t in tokens],
    )

    outcomes = Counter()
    for answer in answers:
        assert "errors" not in answer, answer
        payload = answer["data"]["respondToInvitation"]
        outcomes[payload["invitation"]["status"] if payload["invitation"] else None] += 1
        outcomes.update(error["code"] for error in payload["errors"])
    assert outcomes == {"ACCEPTED": 20, None: 40, "SESSION_FULL": 40}
    assert Invitation.objects.filter(session=session, status="accepted").count() == 20
    assert Application.objects.filter(session=session, status=Status.CONFIRMED).count() == 20


def test_concurrent_identical_submissions_create_one_application(server_url):
    factories.minimal_programme()
    data = factories.application_input(email="burst@example.org")
    body = {
        "query": SUBMIT,
        "variables": {
            "input": {
                "fullName": data.full_name,
                "email": data.email,
                "category": "ACADEMIC",
                "topics": data.topics,
                "city": "florence",
                "motivation": data.motivation,
                "consent": True,
            }
        },
    }

    answers = _post_all(f"{server_url}/graphql/", [body] * 20)

    references = set()
    for answer in answers:
        assert "errors" not in answer, answer
        payload = answer["data"]["submitApplication"]
        assert payload["errors"] == [], payload
        references.add(payload["application"]["reference"])
    assert len(references) == 1
    assert Applicant.objects.filter(email="burst@example.org").count() == 1
    assert Application.objects.filter(applicant__email="burst@example.org").count() == 1
