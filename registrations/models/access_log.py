"""Who looked at or exported applicants' personal data: the data-protection officer's log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAccess(models.Model):
    """One look at personal data: a detail view of one applicant, or one export of a list.

    Kept apart from the applications' history (``AuditEntry``), which tells what happened to
    an application, not who read it; *Reports › Personal-data access* lists these. An export
    is one row whatever its size: the filter it was made with, how many rows it had and
    whether personal fields were in it. ``row_count`` stays empty if the download was broken
    off before the end.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    applicant = models.ForeignKey(
        "registrations.Applicant",
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    application = models.ForeignKey(
        "registrations.Application",
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    export_format = models.CharField(_("format"), max_length=8, blank=True)
    query = models.TextField(_("filter"), blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    personal_data = models.BooleanField(_("personal data included"), default=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal-data access")
        verbose_name_plural = _("personal-data access")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["staff", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"
