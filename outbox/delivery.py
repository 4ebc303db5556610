"""Queue, send and retry emails: the only code that touches ``OutboundEmail``.

``queue(message)`` is called inside the transaction that made the mail necessary: the outbox
row and (with the database task backend) its task are committed with that change or not at
all. ``queue_composed_later`` does the same for a message the worker renders itself (mail whose
content the committed change fixes, like a submission's confirmation link), so that rendering
it does not hold up the request.

The worker then calls ``deliver``: one SMTP attempt with ``EMAIL_TIMEOUT``; on failure
another attempt is scheduled after the next delay of ``MAIL_RETRY_DELAYS`` and, once those
are used up, the message is marked failed for staff to see and retry. Task backends that
cannot defer (the immediate one used in development and tests) record the failure at once.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task_backends

from .models import OutboundEmail

logger = logging.getLogger(__name__)


def _backend():
    from .tasks import deliver_email

    return deliver_email.get_backend()


def _enqueue(email_id: int, delay: float = 0) -> None:
    from .tasks import deliver_email

    if delay:
        deliver_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(email_id)
    else:
        deliver_email.enqueue(email_id)


def _is_durable() -> bool:
    """Does the task backend store tasks in our database (so they commit with the change)?"""
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["mail"], DatabaseBackend)


def _schedule(email_id: int, delay: float = 0) -> None:
    if _is_durable():
        _enqueue(email_id, delay)
    else:
        # An in-process backend would send before commit (or for a rolled-back change).
        transaction.on_commit(lambda: _enqueue(email_id))


def queue_fields(message: EmailMessage) -> dict[str, Any]:
    """The ``OutboundEmail`` fields that store ``message``."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mime in message.alternatives if mime == "text/html"), "")
    attachments = [
        {
            "filename": name,
            "content": base64.b64encode(
                content.encode() if isinstance(content, str) else content
            ).decode(),
            "mimetype": mimetype,
        }
        for name, content, mimetype in message.attachments
    ]
    return {
        "from_email": message.from_email,
        "to": "\n".join(message.to),
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "attachments": attachments,
    }


def queue(message: EmailMessage) -> OutboundEmail:
    """Store the message and schedule its delivery, in the caller's transaction."""
    with transaction.atomic(savepoint=False):
        email = OutboundEmail.objects.create(**queue_fields(message))
        _schedule(email.pk)
    return email


def queue_composed_later(composer: str, kwargs: dict[str, Any], *, to: str) -> OutboundEmail:
    """Store a message for the worker to compose and send, in the caller's transaction.

    ``composer`` is the dotted path of a function called with ``kwargs`` (JSON values) that
    returns the message, or None if it is no longer wanted (its recipient erased, say). For
    mail whose content is fixed once the change commits: rendering it is left to the worker,
    so the request that caused it answers sooner. ``to`` is recorded now so that the outbox
    lists the recipient and ``forget_recipient`` finds the message before it is composed.
    """
    with transaction.atomic(savepoint=False):
        email = OutboundEmail.objects.create(
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
            composer=composer,
            composer_kwargs=kwargs,
        )
        _schedule(email.pk)
    return email


def _compose(email: OutboundEmail) -> EmailMultiAlternatives | None:
    """The message of a row queued with ``queue_composed_later``, its fields copied onto the
    row (saved only if sending fails); None if its composer no longer wants it sent."""
    message = import_string(email.composer)(**email.composer_kwargs)
    if message is None:
        return None
    for name, value in queue_fields(message).items():
        setattr(email, name, value)
    email.composer, email.composer_kwargs = "", {}
    return message


# What a failed attempt saves: its outcome, and the message if the attempt composed it.
_ATTEMPT_FIELDS = ["status", "attempts", "last_attempt_at", "last_error"]
_COMPOSED_FIELDS = [
    *("from_email", "to", "subject", "body", "html", "attachments"),
    *("composer", "composer_kwargs"),
]


def build(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to.split("\n")
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for item in email.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def retry_delays() -> list[float]:
    return [float(d) for d in settings.MAIL_RETRY_DELAYS]


def deliver(email_id: int) -> str:
    """One attempt at composing (if still to do) and sending; schedules the next attempt or
    records the failure.

    The message is first claimed (``queued`` → ``sending`` in one conditional ``UPDATE``), so
    that two tasks for it (``requeue_stale`` schedules one more for a message whose task seems
    lost) never send it twice, even run by two workers at once. A worker killed while sending
    leaves it ``sending``; ``requeue_stale`` gives it back to the queue.
    """
    if not _claim(email_id):
        return "gone"  # sent already, being sent, erased, or failed and not retried
    email = OutboundEmail.objects.filter(pk=email_id).first()
    if email is None:
        return "gone"  # erased meanwhile
    composed = bool(email.composer)
    try:
        message = _compose(email) if composed else build(email)
        if message is None:
            OutboundEmail.objects.filter(pk=email.pk).delete()
            return "gone"
        connection = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
        connection.send_messages([message])
    except Exception as error:  # noqa: BLE001 - SMTP, socket and TLS errors alike
        return _failed(email, error, composed=composed and not email.composer)
    _forget_sent(email.pk)
    return "sent"


def _claim(email_id: int) -> bool:
    claimed = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.QUEUED)
    return bool(claimed.update(status=OutboundEmail.Status.SENDING, last_attempt_at=timezone.now()))


def _forget_sent(email_id: int) -> None:
    """Delete a sent message: one ``DELETE``. ``QuerySet.delete`` would read the row and open a
    transaction first, because delete signals have project-wide receivers (``cms.http_cache``
    listens for any snippet's deletion); nothing refers to or listens for an outbox row."""
    rows = OutboundEmail.objects.filter(pk=email_id)
    rows._raw_delete(rows.db)


def _failed(email: OutboundEmail, error: Exception, *, composed: bool = False) -> str:
    email.attempts += 1
    email.last_attempt_at = timezone.now()
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    delays = retry_delays()
    can_defer = _backend().supports_defer
    if can_defer and email.attempts <= len(delays):
        email.status = OutboundEmail.Status.QUEUED  # back in the queue for the next attempt
        email.save(update_fields=_ATTEMPT_FIELDS + (_COMPOSED_FIELDS if composed else []))
        _enqueue(email.pk, delays[email.attempts - 1])
        logger.warning(
            "Email %s failed (attempt %s), retrying: %s", email.pk, email.attempts, error
        )
        return "retrying"
    email.status = OutboundEmail.Status.FAILED
    email.save(update_fields=_ATTEMPT_FIELDS + (_COMPOSED_FIELDS if composed else []))
    logger.error("Email %s failed for good after %s attempts: %s", email.pk, email.attempts, error)
    return "failed"


def retry(email: OutboundEmail) -> None:
    """Staff asked to try a failed message again."""
    with transaction.atomic():
        updated = OutboundEmail.objects.filter(
            pk=email.pk, status=OutboundEmail.Status.FAILED
        ).update(status=OutboundEmail.Status.QUEUED, attempts=0)
        if updated:
            _schedule(email.pk)


def forget_recipient(address: str) -> int:
    """Erase path: drop every unsent message to ``address``."""
    if not address:
        return 0
    address = address.strip().lower()
    ids = [
        email.pk
        for email in OutboundEmail.objects.filter(to__icontains=address).only("pk", "to")
        if address in (line.strip().lower() for line in email.to.split("\n"))
    ]
    return OutboundEmail.objects.filter(pk__in=ids).delete()[0]


def requeue_stale(older_than: timedelta) -> int:
    """Schedule again messages nobody has tried for ``older_than``: queued ones whose task
    seems lost, and ones a worker claimed and never finished (killed while sending: its task
    stays marked running, and django-tasks-db never re-runs it). A duplicate task is harmless:
    ``deliver`` claims a message before sending it, so only one task sends it.

    ``older_than`` must exceed the longest attempt (a few times ``EMAIL_TIMEOUT``), or a message
    being sent right now could be sent again."""
    cutoff = timezone.now() - older_than
    waiting = [OutboundEmail.Status.QUEUED, OutboundEmail.Status.SENDING]
    stale = OutboundEmail.objects.filter(status__in=waiting).filter(
        Q(last_attempt_at__lt=cutoff) | Q(last_attempt_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            updated = OutboundEmail.objects.filter(pk=pk, status__in=waiting).update(
                status=OutboundEmail.Status.QUEUED, last_attempt_at=timezone.now()
            )
            if updated:
                _schedule(pk)
                count += 1
    return count
