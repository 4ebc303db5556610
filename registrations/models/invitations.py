"""Invitations to a co-session, answered by the applicant through a secret RSVP link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """An invitation of one application to one session (the source-locale session page).

    A confirmed seat is an invitation in status ``accepted``: counting them per session is the
    seat count (``selectors.confirmed_seat_counts``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting answer")
        ACCEPTED = "accepted", _("Accepted (seat confirmed)")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(
        "registrations.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    session = models.ForeignKey(
        "cities.SessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    rsvp_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    respond_by = models.DateTimeField(_("respond by"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_waitlist = models.BooleanField(
        _("invited from the waitlist"),
        default=False,
        help_text=_("Sent automatically when a seat was freed."),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_invitation_per_application",
            )
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.session_id} ({self.status})"
