"""What invited people were last told about a session, to tell them when it changes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionAnnouncement(models.Model):
    """The session's details as last sent to the people invited to it, and the .ics SEQUENCE.

    Written when the first invitation to the session goes out; on every publish of the
    session the current details are compared with it (``services.announce_session_change``).
    """

    session = models.OneToOneField(
        "cities.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="+",
        primary_key=True,
    )
    details = models.JSONField(_("details last announced"), default=dict)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session announcement")
        verbose_name_plural = _("session announcements")

    def __str__(self) -> str:
        return f"{self.session_id} #{self.sequence}"
