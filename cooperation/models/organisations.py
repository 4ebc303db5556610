"""Organisations that lead or partner on Action Plan items, on Isfahan's side or a sister city's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..serializers import CitySlugField, LocaleCodeField


class OrganisationKind(models.TextChoices):
    MUNICIPALITY_DEPARTMENT = "municipality_department", _("Municipality department")
    UNIVERSITY = "university", _("University")
    CHAMBER_BUSINESS = "chamber_business", _("Chamber or business")
    CIVIL_SOCIETY = "civil_society", _("Civil society or friendship association")
    GOVERNMENT_BODY = "government_body", _("Government body")
    CITIZEN_GROUP = "citizen_group", _("Citizen group")


class OrganisationSide(models.TextChoices):
    ISFAHAN = "isfahan", _("Isfahan")
    SISTER_CITY = "sister_city", _("Sister city")


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """An actor of international cooperation: leads items for Isfahan or partners for a city.

    The slug is a stable ASCII identifier, the same in every language (URLs and the API use
    it); kind, side and website are facts shared by every translation.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Stable ASCII identifier, the same in every language (used by the API)."),
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    side = models.CharField(
        _("side"),
        max_length=16,
        choices=OrganisationSide.choices,
        default=OrganisationSide.ISFAHAN,
    )
    city = models.ForeignKey(
        "cities.SisterCityPage",
        verbose_name=_("sister city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For an organisation on a sister city's side: which city."),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("side"),
        FieldPanel("city"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("slug"),
        APIField("name"),
        APIField("kind"),
        APIField("side"),
        APIField("website"),
        APIField("city", serializer=CitySlugField()),
        APIField("locale", serializer=LocaleCodeField()),
        APIField("translation_key"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("side", overridable=False),
        SynchronizedField("website", overridable=False),
        # Every translation points at the Persian (source) city page, like applications do.
        SynchronizedField("city", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["side", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_organisation_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.slug and not self.slug.isascii():
            raise ValidationError(
                {"slug": _("Use an ASCII slug; it is the same in every language.")}
            )
        if self.side == OrganisationSide.SISTER_CITY and self.city_id is None:
            raise ValidationError({"city": _("Choose the sister city this organisation is in.")})
        if self.side == OrganisationSide.ISFAHAN and self.city_id is not None:
            raise ValidationError(
                {"city": _("An organisation on Isfahan's side belongs to no sister city.")}
            )
