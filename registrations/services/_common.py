"""Shared steps of the services: permission checks, transitions with their audit entry, mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from ..errors import ErrorCode, RegistrationError
from ..lifecycle import check_transition
from ..models import Applicant, Application, AuditEntry


def require_permission(user: Any, codename: str) -> None:
    """Staff acts need the matching ``registrations.<codename>`` permission.

    The admin checks too, but the service is the one door: a management command or a future
    API cannot skip the check by calling it directly. ``user=None`` means the system itself
    (commands, automatic waitlist invitations).
    """
    if user is None:
        return
    if not (user.is_active and user.has_perm(f"registrations.{codename}")):
        raise RegistrationError(ErrorCode.PERMISSION_DENIED)


def actor_kind(user: Any, *, applicant: bool = False) -> str:
    if applicant:
        return AuditEntry.ActorKind.APPLICANT
    return AuditEntry.ActorKind.STAFF if user is not None else AuditEntry.ActorKind.SYSTEM


def audit(
    *,
    action: str,
    application: Application | None = None,
    applicant: Applicant | None = None,
    by: Any = None,
    by_applicant: bool = False,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        application=application,
        applicant=applicant or (application.applicant if application else None),
        actor=by,
        actor_kind=actor_kind(by, applicant=by_applicant),
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def move(
    application: Application,
    act: str,
    target: str,
    *,
    by: Any = None,
    by_applicant: bool = False,
    note: str = "",
    extra_fields: tuple[str, ...] = (),
) -> None:
    """Check the lifecycle table, change the status, save and write the audit entry."""
    current = application.status
    check_transition(current, act, target)
    application.status = target
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at", "updated_at", *extra_fields])
    audit(
        action=AuditEntry.Action.TRANSITION,
        application=application,
        by=by,
        by_applicant=by_applicant,
        from_status=current,
        to_status=target,
        note=note,
    )


def after_commit(func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Queue mail that is delivered only once the change is safely stored.

    The email functions run now, inside the caller's transaction: they write the message to
    the outbox, which commits (or rolls back) with the change, and the task worker sends it
    after commit. (Running them in ``on_commit`` instead would lose the mail if the process
    died between commit and send.)
    """
    func(*args, **kwargs)


def lock(application: Application) -> Application:
    """Re-read the application under a row lock (PostgreSQL), to act on its current status."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .get(pk=application.pk)
    )
