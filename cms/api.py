"""Wagtail's read-only REST API v2 for partners (pages and images).

Besides the models' ``api_fields``, pages get the values the GraphQL API derives, read the same
way (from the source-locale page where they are shared by every language): a session's
``registration_state`` and ``seats_left``, an Action Plan's ``progress``, ``progress_by_area``
and ``tracked_items``. A session's ``online_link`` is never an API field.

Lists cost the same number of queries whatever their length: the page of results is prepared
in batches (locales, related snippets and images, source pages, seat counts, tracked items) by
the GraphQL API's loaders (``graphql_api/loaders.py``) before it is serialised. ``html_url`` is
the public URL on ``SITE_BASE_URL``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.functional import cached_property
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.blocks import ListBlock
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale

from cooperation.api import OrganisationsAPIViewSet

from .public_urls import public_url

SEATS_TAKEN_ATTR = "_api_seats_taken"


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


class SeatsLeftField(serializers.Field):
    """``seats_left`` from the batch-loaded seat count (the model method queries per page)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return page.seats_left(getattr(page, SEATS_TAKEN_ATTR, None))


class RegistrationStateField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return page.registration_state(seats_taken=getattr(page, SEATS_TAKEN_ATTR, None))


class StoredItemsField(serializers.Field):
    """Action Plan ``items`` as the StreamField API gives them, from the stored JSON.

    The output is the same (snippet ids, ISO dates, the block's field order), but no page loads
    its areas and topics one query at a time.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        child_blocks = value.stream_block.child_blocks["item"].child_blocks
        return [
            {
                "type": block["type"],
                "value": {
                    name: _list_format(child_blocks[name], block["value"][name])
                    for name in child_blocks
                    if name in block["value"]
                },
                "id": block.get("id"),
            }
            for block in value.raw_data
        ]


def _list_format(block, stored):
    """A list block's value as the StreamField API gives it: the plain list of child values.

    Stored lists are in Wagtail's current format (``{"type": "item", "value", "id"}`` per child)
    or, written by older code, already plain.
    """
    if not isinstance(block, ListBlock) or not isinstance(stored, list):
        return stored
    return [
        entry["value"] if isinstance(entry, dict) and entry.get("type") == "item" else entry
        for entry in stored
    ]


class PublicHtmlUrlField(serializers.Field):
    """The page's public URL, on ``SITE_BASE_URL`` (not the Site record's host)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return public_url(page, self.context.get("request"))


class ContentPageSerializer(PageSerializer):
    html_url = PublicHtmlUrlField()


def derived_fields(model) -> list[APIField]:
    from cities.models import ActionPlanPage, SessionPage

    if issubclass(model, SessionPage):
        return [
            APIField("registration_state", serializer=RegistrationStateField()),
            APIField("seats_left", serializer=SeatsLeftField()),
        ]
    if issubclass(model, ActionPlanPage):
        return [
            APIField("progress", serializer=serializers.IntegerField(read_only=True)),
            APIField("progress_by_area", serializer=AreaProgressField()),
            APIField("tracked_items", serializer=TrackedItemsField()),
        ]
    return []


class _RestContext:
    """What the batch loaders need from a request (the GraphQL context's locale table)."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def _locales(self) -> dict[int, Locale]:
        return {locale.pk: locale for locale in Locale.objects.all()}

    @property
    def default_locale(self) -> Locale:
        from django.conf import settings

        for locale in self._locales.values():
            if locale.language_code == settings.LANGUAGE_CODE:
                return locale
        return Locale.get_default()

    def locale_by_id(self, locale_id: int) -> Locale:
        return self._locales.get(locale_id) or Locale.objects.get(pk=locale_id)


def prepare_pages(pages: list[Any], request: HttpRequest) -> None:
    """Load in batches what serialising ``pages`` reads, so a list costs constant queries."""
    from cities.models import ActionPlanPage, SessionPage, SisterCityPage
    from graphql_api.loaders import Loaders

    if not pages:
        return
    context = _RestContext(request)
    for page in pages:
        page._state.fields_cache["locale"] = context.locale_by_id(page.locale_id)
    cities = [p for p in pages if isinstance(p, SisterCityPage)]
    if cities:
        prefetch_related_objects(cities, "region", "hero_image")
    sessions = [p for p in pages if isinstance(p, SessionPage)]
    plans = [p for p in pages if isinstance(p, ActionPlanPage)]
    if not sessions and not plans:
        return
    loaders = Loaders(context)
    loaders.prime_sources([*sessions, *plans])
    for page in [*sessions, *plans]:
        loaders.source_of(page)
    loaders.seats_taken.prime(sessions)
    for session in sessions:
        setattr(session, SEATS_TAKEN_ATTR, loaders.seats_taken.get(session))
    loaders.tracked_items.prime(plans)
    for plan in plans:
        loaders.tracked_items.get(plan)


class ContentPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = ContentPageSerializer

    @classmethod
    def get_body_fields(cls, model):
        from cities.models import ActionPlanPage

        fields = super().get_body_fields(model)
        if issubclass(model, ActionPlanPage):
            fields = [
                APIField("items", serializer=StoredItemsField())
                if getattr(field, "name", field) == "items"
                else field
                for field in fields
            ]
        return fields + derived_fields(model)

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        prepare_pages(pages, self.request)
        return pages

    def get_object(self):
        page = super().get_object()
        prepare_pages([page], self.request)
        return page


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
