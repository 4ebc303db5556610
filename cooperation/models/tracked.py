"""The tracked-item table: Action Plan items flattened for the cooperation map.

Action Plan items live in a StreamField; reading them for 13 cities × 25 topics per request would
mean parsing every plan's JSON. Instead each live Action Plan's items are copied here, one row
per item and language, whenever a plan (or a translation of it) is published or unpublished
(``cooperation.tracking.refresh_plan``). Tracking values (topic, status, dates, organisations)
are the source page's, like everywhere else; the title is the row's language's.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedItemRecord(models.Model):
    plan = models.ForeignKey(
        "cities.ActionPlanPage",
        verbose_name=_("Action Plan"),
        on_delete=models.CASCADE,
        related_name="tracked_item_records",
    )
    plan_key = models.UUIDField(db_index=True, editable=False)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    city = models.ForeignKey(
        "cities.SisterCityPage",
        verbose_name=_("sister city"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The source-locale city page the plan belongs to."),
    )
    block_id = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=255)
    partner = models.CharField(_("sister-city partner"), max_length=255, blank=True)
    area = models.ForeignKey(
        "cities.CooperationArea", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.ForeignKey(
        "cities.CooperationTopic", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_actors = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=16)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    organisations = models.ManyToManyField(
        "cooperation.Organisation", through="TrackedItemOrganisation", related_name="+"
    )

    class Meta:
        verbose_name = _("tracked Action Plan item")
        verbose_name_plural = _("tracked Action Plan items")
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "block_id"], name="unique_tracked_item")
        ]
        indexes = [models.Index(fields=["locale", "city", "topic"])]

    def __str__(self) -> str:
        return self.title


class TrackedItemOrganisation(models.Model):
    """An organisation named on a tracked item, as lead (Isfahan) or partner (sister city)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")

    record = models.ForeignKey(
        TrackedItemRecord, on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        "cooperation.Organisation", on_delete=models.CASCADE, related_name="item_links"
    )
    role = models.CharField(max_length=8, choices=Role.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["record_id", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "organisation", "role"], name="unique_tracked_item_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id}/{self.role}/{self.organisation_id}"
