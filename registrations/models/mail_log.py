"""Emails sent to an address because of an act nobody authenticated (a public submission)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnsolicitedMail(models.Model):
    """One email that a stranger could have caused, counted per recipient.

    Anyone can type anyone's address into the public form, so these emails are limited per
    recipient (``REGISTRATION_RECIPIENT_MAIL_LIMIT``). The address is kept only as a keyed
    hash (HMAC with ``SECRET_KEY``): the count needs no readable address, and rows older than
    the limit's window are deleted by the hourly housekeeping.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Confirmation link")
        ALREADY_APPLIED = "already_applied", _("Already applied")
        WITHDRAWAL = "withdrawal", _("Withdrawal of an unconfirmed application")

    # Looked up with ``sent_at`` through the index in Meta (no index of its own to write).
    recipient_digest = models.CharField(max_length=64, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("unsolicited email")
        verbose_name_plural = _("unsolicited emails")
        indexes = [models.Index(fields=["recipient_digest", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.sent_at:%Y-%m-%d %H:%M}"
