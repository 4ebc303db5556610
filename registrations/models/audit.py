"""The audit trail: every transition, review, invitation and look at personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to which application, when; append-only.

    Notes must not carry personal data: erasure blanks them anyway, keeping the skeleton
    (when, what, which status) for the programme's statistics and accountability.
    """

    class Action(models.TextChoices):
        TRANSITION = "transition", _("Status change")
        REVIEW = "review", _("Review added")
        INVITATION = "invitation", _("Invitation")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("Personal data viewed")
        EXPORT = "export", _("Personal data exported")
        ERASURE = "erasure", _("Personal data erased")

    class ActorKind(models.TextChoices):
        STAFF = "staff", _("Staff")
        APPLICANT = "applicant", _("Applicant")
        SYSTEM = "system", _("System")

    application = models.ForeignKey(
        "registrations.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="audit_entries",
        null=True,
        blank=True,
    )
    applicant = models.ForeignKey(
        "registrations.Applicant",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="audit_entries",
        null=True,
        blank=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_kind = models.CharField(_("actor"), max_length=16, choices=ActorKind.choices)
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.from_status}→{self.to_status}"
