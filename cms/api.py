"""Wagtail's read-only REST API v2 for partners (pages and images).

Besides the models' ``api_fields``, pages get the values the GraphQL API derives, read the same
way (from the source-locale page where they are shared by every language): a session's
``registration_state`` and ``seats_left``, an Action Plan's ``progress``, ``progress_by_area``
and ``tracked_items``. A session's ``online_link`` is never an API field.
"""

from __future__ import annotations

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cooperation.api import OrganisationsAPIViewSet


def _snippet(obj) -> dict | None:
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


class AreaProgressField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [{"area": _snippet(area), "progress": progress} for area, progress in value]


class TrackedItemsField(serializers.Field):
    """Action Plan items: translated texts plus the shared tracking values."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [
            {
                "id": item.id,
                "title": item.title,
                "description": item.description,
                "partner": item.partner,
                "area": _snippet(item.area),
                "topic": _snippet(item.topic),
                "lead_actors": list(item.lead_actors),
                "start_date": item.start_date.isoformat() if item.start_date else None,
                "due_date": item.due_date.isoformat() if item.due_date else None,
                "status": item.status,
                "progress": item.progress,
            }
            for item in value
        ]


def derived_fields(model) -> list[APIField]:
    from cities.models import ActionPlanPage, SessionPage

    if issubclass(model, SessionPage):
        return [
            APIField("registration_state", serializer=serializers.CharField(read_only=True)),
            APIField("seats_left", serializer=serializers.IntegerField(read_only=True)),
        ]
    if issubclass(model, ActionPlanPage):
        return [
            APIField("progress", serializer=serializers.IntegerField(read_only=True)),
            APIField("progress_by_area", serializer=AreaProgressField()),
            APIField("tracked_items", serializer=TrackedItemsField()),
        ]
    return []


class ContentPagesAPIViewSet(PagesAPIViewSet):
    @classmethod
    def get_body_fields(cls, model):
        return super().get_body_fields(model) + derived_fields(model)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
