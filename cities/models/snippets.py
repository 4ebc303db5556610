"""Translatable snippets: world regions, cooperation areas and their topics.

Slugs are stable identifiers, identical in every locale; API clients filter by them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class SlugNamedSnippet(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Stable ASCII identifier, the same in every language (used by the API)."),
    )
    name = models.CharField(_("name"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Region(SlugNamedSnippet):
    """A world region the sister cities belong to (Asia, Europe, Middle East…)."""

    class Meta(SlugNamedSnippet.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_per_locale")
        ]


class CooperationArea(SlugNamedSnippet):
    """One of the programme's three areas of cooperation (culture, economy, science)."""

    description = models.TextField(_("description"), blank=True)

    panels = SlugNamedSnippet.panels + [FieldPanel("description")]

    class Meta(SlugNamedSnippet.Meta):
        verbose_name = _("cooperation area")
        verbose_name_plural = _("cooperation areas")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_area_slug_per_locale")
        ]


class CooperationTopic(SlugNamedSnippet):
    """A topic of cooperation that registrations, sessions and Action Plan items are filed under."""

    area = models.ForeignKey(
        CooperationArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="topics"
    )
    description = models.TextField(_("description"), blank=True)

    panels = SlugNamedSnippet.panels + [FieldPanel("area"), FieldPanel("description")]

    class Meta(SlugNamedSnippet.Meta):
        verbose_name = _("cooperation topic")
        verbose_name_plural = _("cooperation topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]
