"""Telling invited and confirmed people when their session changes or is cancelled.

A session's time, venue, format and online link are facts of its source (Persian) page. When
the page is published (``registrations.signals``), ``announce_session_change`` compares them
with what was last announced (``SessionAnnouncement``); if any differ, or the session is now
cancelled, everyone with a pending or accepted invitation gets an email in their language with
the new details and an updated ``.ics``: the same UID as their invitation's, a higher
SEQUENCE, ``METHOD:REQUEST`` (or ``CANCEL``), so calendars update the event in place.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cities.models import SessionPage

from .. import emails
from ..models import AuditEntry, Invitation, SessionAnnouncement
from ._common import after_commit

ANNOUNCED_FIELDS = ("starts_at", "ends_at", "venue", "address", "format", "online_link")
NOTIFIED_INVITATIONS = (Invitation.Status.PENDING, Invitation.Status.ACCEPTED)


def session_details(session: SessionPage) -> dict[str, Any]:
    """The announced facts of ``session`` (its source page), JSON-ready."""
    source = session.source_page
    details = {name: getattr(source, name) for name in ANNOUNCED_FIELDS}
    details["starts_at"] = source.starts_at.isoformat()
    details["ends_at"] = source.ends_at.isoformat()
    details["cancelled"] = source.status == SessionPage.Status.CANCELLED
    return details


def remember_announced(session: SessionPage) -> SessionAnnouncement:
    """Record the details invitations are sent with (the first invitation to a session)."""
    announcement, _created = SessionAnnouncement.objects.get_or_create(
        session_id=session.source_page.pk, defaults={"details": session_details(session)}
    )
    return announcement


def announce_session_change(session: SessionPage) -> int:
    """Email invited and confirmed people if the session changed; returns how many."""
    source = session.source_page
    with transaction.atomic():
        announcement = (
            SessionAnnouncement.objects.select_for_update().filter(session_id=source.pk).first()
        )
        if announcement is None:
            return 0  # nobody has been invited, so nobody was told anything yet
        current = session_details(source)
        previous = announcement.details
        if current == previous or (previous.get("cancelled") and current["cancelled"]):
            return 0
        changed = sorted(name for name in current if current[name] != previous.get(name))
        announcement.details = current
        announcement.sequence += 1
        announcement.save(update_fields=["details", "sequence", "updated_at"])
        invitations = list(
            Invitation.objects.filter(session=source, status__in=NOTIFIED_INVITATIONS)
            .select_related("application__applicant", "application__city", "session")
            .order_by("pk")
        )
        note = (
            "session cancelled"
            if current["cancelled"]
            else "session changed: " + ", ".join(changed)
        )
        AuditEntry.objects.bulk_create(
            AuditEntry(
                application_id=invitation.application_id,
                applicant_id=invitation.application.applicant_id,
                actor_kind=AuditEntry.ActorKind.SYSTEM,
                action=AuditEntry.Action.INVITATION,
                note=note,
            )
            for invitation in invitations
        )
        for invitation in invitations:
            after_commit(
                emails.send_session_changed,
                invitation,
                sequence=announcement.sequence,
                cancelled=current["cancelled"],
            )
    return len(invitations)
