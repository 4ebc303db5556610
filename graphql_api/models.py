"""Trusted documents: the GraphQL queries front ends registered at build time (``persisted.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersistedQuery(models.Model):
    """One registered GraphQL document, found by the SHA-256 of its exact text."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    document = models.TextField(_("document"))
    name = models.CharField(_("name"), max_length=255, blank=True)
    client = models.CharField(_("client"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("persisted query")
        verbose_name_plural = _("persisted queries")
        ordering = ["client", "name"]

    def __str__(self) -> str:
        return self.name or self.sha256
