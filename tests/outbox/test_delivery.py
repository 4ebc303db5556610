"""The outbox: mail is queued with its change, sent by the worker, retried, and never lost."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends import locmem
from django.db import connection, transaction
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from outbox import delivery
from outbox.models import OutboundEmail
from registrations import services
from tests.registrations import factories

pytestmark = pytest.mark.django_db

CLOSED_PORT = 9339  # nothing listens here: SMTP "refusing connections"
DURABLE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
}


@pytest.fixture
def durable(settings):
    """The production set-up: tasks stored in the database, sent by db_worker."""
    settings.TASKS = DURABLE
    settings.MAIL_RETRY_DELAYS = [0.0, 0.0]


@pytest.fixture
def refusing_smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = CLOSED_PORT
    settings.EMAIL_TIMEOUT = 2


def run_worker() -> None:
    """What ``db_worker --batch`` does, in this process, without closing the test's connection
    (the command's ``close_old_connections`` would end the test transaction on PostgreSQL; the
    real command runs against real SMTP in ``test_worker_smtp.py``)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="mail",
        startup_delay=False,
        max_tasks=None,
        worker_id="in-test",
        excluded_queue_names=[],
    )
    ready = DBTaskResult.objects.ready().filter(backend_name="mail")
    while (task := ready.get_locked()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)


def test_immediate_backend_sends_after_commit_and_keeps_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        application, _token = factories.submitted(preferred_locale="en")
    assert [m.to for m in mailoutbox] == [[application.applicant.email]]
    assert not OutboundEmail.objects.exists()  # sent mail holds personal data: not kept


def test_rolled_back_change_has_no_mail(durable, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.submitted(preferred_locale="en")
        assert OutboundEmail.objects.count() == 1
        raise RuntimeError("the change fails after its mail was queued")
    assert not OutboundEmail.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert mailoutbox == []


def test_durable_queue_commits_the_task_with_the_change_and_the_worker_sends_once(
    durable, mailoutbox
):
    application, _token = factories.submitted(preferred_locale="fa")
    email = OutboundEmail.objects.get()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [email.pk]
    assert mailoutbox == []  # the request did not send: the worker does
    run_worker()
    run_worker()
    assert len(mailoutbox) == 1
    (message,) = mailoutbox
    assert message.to == [application.applicant.email]
    assert application.reference in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert not OutboundEmail.objects.exists()


def test_attachments_survive_the_queue(durable, mailoutbox):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Invitation", "body", "a@example.org", ["b@example.org"])
    message.attach("session.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    delivery.queue(message)
    run_worker()
    ((name, content, mimetype),) = mailoutbox[0].attachments
    assert (name, mimetype) == ("session.ics", "text/calendar")
    assert b"VCALENDAR" in (content if isinstance(content, bytes) else content.encode())


def test_refused_smtp_is_retried_then_recorded_as_failed(durable, refusing_smtp):
    application, token = factories.submitted(preferred_locale="en")
    assert token  # the citizen got their answer whatever SMTP does
    for _ in range(3):
        run_worker()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == 3  # first try + two retries (MAIL_RETRY_DELAYS)
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()
    assert DBTaskResult.objects.count() == 3


def test_retry_delays_defer_the_next_attempt(durable, refusing_smtp, settings):
    settings.MAIL_RETRY_DELAYS = [600.0]
    factories.submitted(preferred_locale="en")
    run_worker()
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (OutboundEmail.Status.QUEUED, 1)
    later = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert later.run_after is not None and later.status == "READY"
    run_worker()  # not due yet: nothing happens
    assert OutboundEmail.objects.get().attempts == 1


def test_staff_see_failed_mail_and_retry_it(durable, refusing_smtp, settings, client, mailoutbox):
    from django.contrib.auth.models import Permission

    factories.submitted(preferred_locale="en")
    for _ in range(3):
        run_worker()
    email = OutboundEmail.objects.get(status=OutboundEmail.Status.FAILED)

    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user("postmaster", password="x", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="retry_outboundemail"),
    )
    client.force_login(staff)
    listing = client.get(reverse("outbox:failed"))
    assert listing.status_code == 200
    assert email.subject in listing.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("outbox:retry", args=[email.pk]))
    assert response.status_code == 302
    run_worker()
    assert len(mailoutbox) == 1
    assert not OutboundEmail.objects.exists()


def test_failed_list_needs_the_permission(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("outbox:failed")).status_code in {302, 403}


def test_erasing_an_applicant_drops_their_unsent_mail(durable):
    application = factories.under_review()
    other, _ = factories.submitted(email="other@example.org")
    assert OutboundEmail.objects.filter(to=application.applicant.email).exists()
    services.erase_applicant(application.applicant)
    assert not OutboundEmail.objects.filter(to=application.applicant.email).exists()
    assert OutboundEmail.objects.filter(to="other@example.org").exists()


def test_mail_without_a_deferring_backend_fails_at_once(
    refusing_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.submitted(preferred_locale="en")
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (OutboundEmail.Status.FAILED, 1)
    assert mail.outbox == []


def test_stale_queued_mail_is_scheduled_again_and_sent_once(durable, mailoutbox):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    factories.submitted(preferred_locale="en")
    # A worker claimed the task and died while sending: the task stays "running" forever.
    DBTaskResult.objects.update(status="RUNNING")
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(hours=3))
    call_command("requeue_stale_mail", "--minutes", "120", verbosity=0)
    call_command("requeue_stale_mail", "--minutes", "120", verbosity=0)  # not stale any more
    run_worker()
    assert len(mailoutbox) == 1
    assert not OutboundEmail.objects.exists()


def test_a_submissions_mail_is_composed_by_the_worker_and_its_link_works(durable, mailoutbox):
    import re

    application, status_code = factories.submitted(preferred_locale="en")
    email = OutboundEmail.objects.get()
    # The request stored what the worker needs, not the rendered mail (nor its token).
    assert email.composer == "registrations.emails.compose_received"
    assert email.composer_kwargs == {"application": application.pk}
    assert (email.subject, email.body, email.html) == ("", "", "")
    assert email.to == application.applicant.email  # listed, and found by erasure, already
    run_worker()
    (message,) = mailoutbox
    assert message.to == [application.applicant.email]
    assert application.reference in message.subject
    assert status_code in message.body  # the code the citizen's answer carried
    token = re.search(r"/register/confirm/([A-Za-z0-9_-]+)/", message.body).group(1)
    assert services.confirm_email(token).status == "under_review"
    assert not OutboundEmail.objects.exists()


def test_a_composed_later_mail_whose_applicant_was_erased_is_dropped(durable, mailoutbox):
    from django.utils import timezone

    from registrations.models import Applicant

    application, _code = factories.submitted(preferred_locale="en")
    # Erased by a path that left the queued message behind (erasure itself also drops it).
    Applicant.objects.filter(pk=application.applicant_id).update(erased_at=timezone.now())
    assert delivery.deliver(OutboundEmail.objects.get().pk) == "gone"
    assert mailoutbox == []
    assert not OutboundEmail.objects.exists()


def test_the_owners_notice_of_a_duplicate_is_composed_by_the_worker(durable, mailoutbox):
    first, _code = factories.submitted(preferred_locale="en", email="owner@example.org")
    run_worker()
    factories.submitted(
        preferred_locale="en", email="owner@example.org", motivation="Someone else typed this."
    )
    email = OutboundEmail.objects.get()
    assert email.composer == "registrations.emails.compose_already_applied"
    assert email.composer_kwargs == {"application": first.pk}
    run_worker()
    notice = mailoutbox[-1]
    assert notice.to == ["owner@example.org"]
    assert "already have an application" in notice.subject
    assert "Someone else typed this." not in notice.body


def test_a_message_that_cannot_be_composed_fails_visibly(durable, client):
    from django.contrib.auth import get_user_model

    factories.submitted(preferred_locale="en")
    OutboundEmail.objects.update(composer="registrations.emails.no_such_composer")
    for _ in range(3):
        run_worker()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.FAILED
    assert "no_such_composer" in email.last_error
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    listing = client.get(reverse("outbox:failed"))
    assert "هنوز نوشته نشده" in listing.content.decode()  # "Not composed yet", Persian admin


def test_a_message_a_worker_is_sending_is_not_sent_again_until_it_is_stale(durable, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    factories.submitted(preferred_locale="en")
    email = OutboundEmail.objects.get()
    # Another worker claimed it and is sending it (or was killed doing so).
    OutboundEmail.objects.update(
        status=OutboundEmail.Status.SENDING, last_attempt_at=timezone.now()
    )
    assert delivery.deliver(email.pk) == "gone"
    assert delivery.requeue_stale(timedelta(minutes=120)) == 0  # not stale yet
    run_worker()
    assert mailoutbox == []

    OutboundEmail.objects.update(last_attempt_at=timezone.now() - timedelta(hours=3))
    assert delivery.requeue_stale(timedelta(minutes=120)) == 1
    run_worker()
    assert len(mailoutbox) == 1
    assert not OutboundEmail.objects.exists()


class SlowBackend(locmem.EmailBackend):
    """An SMTP server that takes its time: two workers overlap while one is sending."""

    sent: list[str] = []

    def send_messages(self, messages):
        time.sleep(0.5)
        SlowBackend.sent.extend(message.subject for message in messages)
        return len(messages)


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_one_messages_tasks_at_once_send_it_once(settings):
    settings.TASKS = DURABLE
    settings.EMAIL_BACKEND = "tests.outbox.test_delivery.SlowBackend"
    SlowBackend.sent = []
    email = delivery.queue(EmailMessage("Only once", "Body", "a@example.org", ["b@example.org"]))
    # The task, and the one requeue_stale would add for a message whose task seemed lost.
    start = threading.Barrier(2)

    def worker(_: int) -> str:
        start.wait(timeout=10)
        try:
            return delivery.deliver(email.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(worker, range(2)))

    assert outcomes == ["gone", "sent"]
    assert SlowBackend.sent == ["Only once"]
    assert not OutboundEmail.objects.exists()
