"""A committee member's review of an application."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    """One reviewer's score and recommendation; a declared conflict of interest is a recusal.

    A reviewer who declares a conflict gives no score and no recommendation, so a biased opinion
    never weighs in the committee's averages. Reviews are internal: never shown to applicants.
    """

    class Recommendation(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        WAITLIST = "waitlist", _("Waitlist")
        REJECT = "reject", _("Reject")

    application = models.ForeignKey(
        "registrations.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="registration_reviews",
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (weak) to 5 (excellent)."),
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=16, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest declared"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=(
                    Q(conflict_of_interest=True, score__isnull=True, recommendation="")
                    | Q(conflict_of_interest=False, score__gte=1, score__lte=5)
                ),
                name="review_scored_unless_recused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.score or '-'}"
