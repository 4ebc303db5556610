"""The organisations snippet endpoint of Wagtail's REST API v2 (``/api/v2/organisations/``).

Read-only, like the other endpoints: ``?locale=en``, ``?kind=university``, ``?side=isfahan``,
``?slug=…``; every language version is listed, with its ``locale`` and ``translation_key``.
"""

from __future__ import annotations

from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet

from .models import Organisation


class OrganisationsAPIViewSet(BaseAPIViewSet):
    model = Organisation
    name = "organisations"
    filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    body_fields = BaseAPIViewSet.body_fields + [
        "slug",
        "name",
        "kind",
        "side",
        "city",
        "website",
        "locale",
        "translation_key",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "slug",
        "name",
        "kind",
        "side",
        "city",
        "locale",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["slug", "name"]

    def get_queryset(self):
        return Organisation.objects.select_related("locale", "city").order_by("side", "name", "pk")
