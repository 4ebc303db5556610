"""The person behind one or more applications: every field here is personal data."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..normalize import search_key


class Applicant(models.Model):
    """A citizen facilitator, identified by their (normalised) email address.

    Every personal field has an erase path (``services.erase_applicant``): it blanks them and
    sets ``erased_at``; category, country and preferred language stay for the statistics.
    """

    class Category(models.TextChoices):
        BUSINESS = "business", _("Merchant or business person")
        ACADEMIC = "academic", _("University professor or researcher")
        STUDENT = "student", _("Student")
        CULTURE = "culture", _("Cultural activist")
        MEDIA = "media", _("Media activist")
        ARTS = "arts", _("Artist")
        EXPATRIATE = "expatriate", _("Iranian living abroad")
        OTHER = "other", _("Other")

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("E.164 format."))
    residence_country = CountryField(_("country of residence"), blank=True)
    residence_city = models.CharField(_("city of residence"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    expertise = models.TextField(_("expertise"), blank=True)
    channels = models.TextField(
        _("channels abroad"),
        blank=True,
        help_text=_("The legitimate channels and platforms the applicant can use abroad."),
    )
    # No ``choices``: the configured languages come from the environment (CONTENT_LANGUAGES);
    # the services validate against them.
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="fa")
    roster_opt_in = models.BooleanField(
        _("listed on the public roster"),
        default=False,
        help_text=_("Agreed to appear (name and category only) among the citizen diplomats."),
    )
    # ``normalize.search_key(full_name)``, kept in step by ``save`` (and by bulk writers
    # explicitly); PostgreSQL indexes it with trigrams for "contains" searches.
    search_name = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(erased_at__isnull=True),
                name="unique_applicant_email",
            )
        ]
        indexes = [models.Index(fields=["email"], name="applicant_email_idx")]

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("Erased applicant #%(pk)s") % {"pk": self.pk})
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None
