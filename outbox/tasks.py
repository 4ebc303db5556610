"""The task that sends one queued email (run by the worker, or at once in development)."""

from __future__ import annotations

from django_tasks import task

from . import delivery


@task(backend="mail")
def deliver_email(email_id: int) -> str:
    return delivery.deliver(email_id)
