"""The real worker (`manage.py db_worker --backend mail`) against SMTP up, refusing and hung.

Submissions are made by the services in this process with the durable queue; the worker is a
separate process on the same PostgreSQL test database, sending to servers this test owns.
"""

from __future__ import annotations

import time

import pytest
from django.db import connection

from outbox.models import OutboundEmail
from tests.load.test_two_nodes import database_url
from tests.registrations import factories
from tests.support.appserver import mail_worker, server_env
from tests.support.smtp import hanging_smtp, smtp_sink

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SMTP_PORT = 9351
DURABLE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
}


@pytest.fixture
def queue(settings, programme):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process shares the test database: PostgreSQL only")
    settings.TASKS = DURABLE


def worker_env(**overrides: str) -> dict[str, str]:
    return server_env(
        DATABASE_URL=database_url(),
        MAIL_QUEUE="database",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        **overrides,
    )


def wait_until(predicate, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_smtp_up_the_worker_sends_each_mail_once(queue, tmp_path):
    applications = [factories.submitted(preferred_locale="en")[0] for _ in range(3)]
    with smtp_sink(SMTP_PORT) as sink, mail_worker(worker_env(), tmp_path / "worker.log"):
        assert wait_until(lambda: not OutboundEmail.objects.exists())
        time.sleep(2)
        for application in applications:
            (message,) = sink.to(application.applicant.email)
            assert application.reference in message["Subject"]
        assert len(sink.messages) == 3


def test_smtp_refusing_is_retried_then_listed_as_failed(queue, tmp_path):
    application, token = factories.submitted(preferred_locale="en")
    assert application.reference and token  # the citizen's answer does not wait for SMTP
    env = worker_env(MAIL_RETRY_DELAYS="0.5,0.5", EMAIL_TIMEOUT="2")  # nothing on SMTP_PORT
    with mail_worker(env, tmp_path / "worker.log"):
        assert wait_until(
            lambda: OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED).exists()
        ), (tmp_path / "worker.log").read_text()[-2000:]
    email = OutboundEmail.objects.get()
    assert email.attempts == 3
    assert "refused" in email.last_error.lower() or "connection" in email.last_error.lower()


def test_smtp_hanging_never_reaches_the_request_and_times_out_in_the_worker(queue, tmp_path):
    with hanging_smtp(SMTP_PORT) as connections:
        applications = [factories.submitted(preferred_locale="en")[0] for _ in range(2)]
        assert len(applications) == 2
        assert connections == []  # the submissions never opened an SMTP connection
        env = worker_env(MAIL_RETRY_DELAYS="0.5", EMAIL_TIMEOUT="1")
        with mail_worker(env, tmp_path / "worker.log"):
            assert wait_until(
                lambda: (
                    OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED).count() == 2
                ),
                timeout=90,
            ), (tmp_path / "worker.log").read_text()[-2000:]
        assert len(connections) >= 4  # two messages, two attempts each
    assert all("timed out" in e.last_error.lower() for e in OutboundEmail.objects.all())
