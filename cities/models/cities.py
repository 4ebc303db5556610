"""The sister-city dossiers and the index page that lists them."""

from __future__ import annotations

import re
import zoneinfo
from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.alt_text import require_alt_text
from cms.blocks import BaseStreamBlock

from .shared import BuiltFromRows, SourceLocaleMixin


class SisterCityIndexPage(Page):
    """The list of Isfahan's sister cities, grouped by world region (at /cities/)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cities.SisterCityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sister-city index")
        verbose_name_plural = _("sister-city indexes")

    def cities(self):
        return (
            SisterCityPage.objects.live()
            .child_of(self)
            .select_related("region", "hero_image")
            .order_by("title")
        )

    def cities_by_region(self) -> list[tuple[object, list[SisterCityPage]]]:
        """[(region, [city, …]), …] in the regions' sort order."""
        groups: OrderedDict = OrderedDict()
        cities = sorted(
            self.cities(),
            key=lambda c: (
                (c.region.sort_order, c.region.name) if c.region else (999, ""),
                c.title,
            ),
        )
        for city in cities:
            groups.setdefault(city.region, []).append(city)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cities_by_region"] = self.cities_by_region()
        return context


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known IANA time zone (e.g. Europe/Rome)."),
            params={"value": value},
        )


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def validate_language_codes(value: str) -> None:
    """Comma-separated BCP 47 tags with an ISO 639 language (``es``, ``ca``, ``zh-Hans``)."""
    for code in (c.strip() for c in value.split(",")):
        if code and not LANGUAGE_CODE.match(code):
            raise ValidationError(
                _("“%(code)s” is not a language code; write codes such as “es, ca”."),
                params={"code": code},
            )


class SisterCityPage(BuiltFromRows, SourceLocaleMixin, Page):
    """A sister city's dossier: facts, the story of the partnership and who to talk to."""

    persian_name = models.CharField(_("Persian name"), max_length=120, blank=True)
    local_name = models.CharField(
        _("local name"),
        max_length=120,
        blank=True,
        help_text=_("The city's name in its own language."),
    )
    country = CountryField(_("country"))
    region = models.ForeignKey(
        "cities.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="cities"
    )
    twinned_since = models.PositiveSmallIntegerField(
        _("twinned since"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the partnership was signed."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=120,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("The city's main languages as codes, comma-separated (e.g. “es, ca”)."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA time zone, e.g. Europe/Rome."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences shown in lists and previews.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("persian_name"), FieldPanel("local_name")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel(
                    [FieldPanel("twinned_since"), FieldPanel("languages"), FieldPanel("time_zone")]
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("topics", label=_("Topics of current cooperation")),
        InlinePanel("partners", label=_("Partner organisations")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("persian_name"),
        index.SearchField("local_name"),
        index.SearchField("body"),
        index.FilterField("region_id"),
    ]
    api_fields = [
        APIField("persian_name"),
        APIField("local_name"),
        APIField("country"),
        APIField("region"),
        APIField("twinned_since"),
        APIField("languages"),
        APIField("time_zone"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("hero_image"),
        APIField("summary"),
        APIField("body"),
    ]
    # Facts that are the same in every language are copied, not offered for translation.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("persian_name", overridable=False),
        SynchronizedField("local_name", overridable=False),
        SynchronizedField("languages", overridable=False),
        SynchronizedField("time_zone", overridable=False),
    ]
    parent_page_types = ["cities.SisterCityIndexPage"]
    subpage_types = ["cities.SessionPage", "cities.ActionPlanPage"]

    class Meta:
        verbose_name = _("sister-city dossier")
        verbose_name_plural = _("sister-city dossiers")

    @property
    def language_codes(self) -> list[str]:
        return [c.strip() for c in self.languages.split(",") if c.strip()]

    def clean(self) -> None:
        super().clean()
        require_alt_text(self.hero_image, "hero_image")
        if self.slug and not self.slug.isascii():
            raise ValidationError(
                {
                    "slug": _(
                        "Use an ASCII slug (e.g. “florence”); it is the same in every language."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .action_plans import ActionPlanPage
        from .sessions import SessionPage

        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = SessionPage.objects.live().child_of(self).order_by("-starts_at")
        context["action_plans"] = (
            ActionPlanPage.objects.live().child_of(self).order_by("-period_start")
        )
        return context


class CityTopic(TranslatableMixin, Orderable):
    """A cooperation topic the city is currently working on with Isfahan."""

    page = ParentalKey(SisterCityPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        "cities.CooperationTopic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic of cooperation")


class CityPartner(TranslatableMixin, Orderable):
    """A partner organisation in or for the sister city, with public contact details only."""

    class Kind(models.TextChoices):
        FRIENDSHIP_ASSOCIATION = "friendship_association", _("Friendship association")
        CHAMBER = "chamber", _("Chamber of commerce")
        UNIVERSITY = "university", _("University")
        EMBASSY = "embassy", _("Embassy or consulate")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER = "other", _("Other")

    page = ParentalKey(SisterCityPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public email"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("public_email"),
        FieldPanel("public_phone"),
        FieldPanel("address"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner organisation")
