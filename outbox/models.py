"""An email waiting to be sent, or that could not be sent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """One message, rendered, or to be composed by the worker (``composer``). Sent messages
    are deleted (they hold personal data); failed ones stay until staff retry them or the
    recipient's data is erased."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Claimed by a worker for one attempt: no other worker sends it meanwhile.
        SENDING = "sending", _("Sending")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    from_email = models.CharField(max_length=254)
    to = models.TextField(_("recipients"), help_text=_("One address a line."))
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField()
    html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # A message composed by the worker: the dotted path of a function that returns it (or None
    # when it is no longer wanted) and its keyword arguments; both cleared once composed.
    composer = models.CharField(max_length=200, blank=True)
    composer_kwargs = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        permissions = [("retry_outboundemail", _("Can retry failed emails"))]
        # A plain index: ``db_index`` would add a LIKE-pattern one on PostgreSQL that every
        # queued message writes and no query uses.
        indexes = [models.Index(fields=["status"], name="outbox_status_idx")]

    def __str__(self) -> str:
        return self.subject
