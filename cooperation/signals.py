"""Refresh the tracked-item table whenever an Action Plan's live content changes."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished

from cities.models import ActionPlanPage

from .tracking import refresh_plan


def _refresh(sender, instance, **kwargs) -> None:
    refresh_plan(instance.translation_key)


page_published.connect(_refresh, sender=ActionPlanPage, dispatch_uid="cooperation_published")
page_unpublished.connect(_refresh, sender=ActionPlanPage, dispatch_uid="cooperation_unpublished")
