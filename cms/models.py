"""Site-wide pages: the home page and standard pages (about, privacy, FAQ)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BaseStreamBlock


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Goal"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "tick"
        label = _("Goal")


class HomePage(Page):
    """The front page: what Citizen Diplomat is, its five goals and the sister cities."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    goals = StreamField([("goal", GoalBlock())], verbose_name=_("goals"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("goals")], heading=_("The programme's goals")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("goals"), APIField("body")]
    # Slugs are ASCII and the same in every language (see WAGTAIL-NOTES: Persian slugs).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from cities.models import SisterCityIndexPage

        context = super().get_context(request, *args, **kwargs)
        index_page = SisterCityIndexPage.objects.live().child_of(self).first()
        context["city_index"] = index_page
        context["cities_by_region"] = index_page.cities_by_region() if index_page else []
        return context


class StandardPage(Page):
    """A plain page of text: about the programme, privacy policy, FAQ."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


from .site_settings import SiteIdentity  # noqa: E402,F401  (registered as a site setting)
