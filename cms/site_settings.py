"""The site's identity that staff edit in *Settings › Site identity*: footer text, contact
address and social links, in each content language.

A ``wagtail.contrib.settings`` site setting. Wagtail settings are not translatable models, so
the texts have one field per language (Persian and English; other languages fall back to
English, then Persian). Links and the email address are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

SOCIAL_NETWORKS = (
    ("instagram", "Instagram"),
    ("telegram", "Telegram"),
    ("x", "X"),
    ("youtube", "YouTube"),
    ("aparat", "Aparat"),
)


@dataclass(frozen=True)
class Identity:
    footer_text: str
    contact_address: str
    contact_email: str
    social_links: list[tuple[str, str]]


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    footer_text_fa = models.TextField(_("footer text (Persian)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)
    contact_address_fa = models.TextField(_("contact address (Persian)"), blank=True)
    contact_address_en = models.TextField(_("contact address (English)"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    instagram = models.URLField("Instagram", blank=True)
    telegram = models.URLField("Telegram", blank=True)
    x = models.URLField("X", blank=True)
    youtube = models.URLField("YouTube", blank=True)
    aparat = models.URLField("Aparat", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("footer_text_fa"), FieldPanel("footer_text_en")], heading=_("Footer")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_address_fa"),
                FieldPanel("contact_address_en"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SOCIAL_NETWORKS], heading=_("Social links")
        ),
    ]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    def _in_language(self, field: str, language: str) -> str:
        for code in (language, "en", "fa"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    def for_language(self, language: str) -> Identity:
        return Identity(
            footer_text=self._in_language("footer_text", language),
            contact_address=self._in_language("contact_address", language),
            contact_email=self.contact_email,
            social_links=[
                (label, getattr(self, name))
                for name, label in SOCIAL_NETWORKS
                if getattr(self, name)
            ],
        )
