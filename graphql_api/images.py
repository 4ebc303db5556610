"""Images: the original, and renditions limited to an allow-list of filters.

Arbitrary filter strings would let any client make the server resize images into any number of
new files; only the filters below (or ``GRAPHQL_IMAGE_FILTERS`` in settings) are accepted.
"""

from __future__ import annotations

import strawberry
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.images.models import AbstractImage as ImageModel

from cms import http_cache

from .context import Info
from .errors import ContentErrorCode, PublicError
from .fields import object_field

DEFAULT_FILTERS = (
    "width-320",
    "width-480",
    "width-640",
    "width-800",
    "width-960",
    "width-1280",
    "width-1600",
    "width-1920",
    "fill-160x160",
    "fill-400x300",
    "fill-800x600",
    "fill-1200x630",
    "max-800x800",
    "max-1600x1600",
)


def allowed_filters() -> tuple[str, ...]:
    return tuple(getattr(settings, "GRAPHQL_IMAGE_FILTERS", DEFAULT_FILTERS))


def check_filter(spec: str) -> str:
    if spec not in allowed_filters():
        raise PublicError(
            ContentErrorCode.INVALID_ARGUMENT,
            _("The image filter “%(filter)s” is not offered; use one of: %(filters)s.")
            % {"filter": spec[:60], "filters": ", ".join(allowed_filters())},
        )
    return spec


def shown(image: ImageModel | None) -> ImageModel | None:
    """``image`` (or None), recorded as part of the answer: editing the image purges it."""
    if image is not None:
        http_cache.tag_images([image])
    return image


def absolute(info: Info, url: str) -> str:
    return url if "://" in url else info.context.request.build_absolute_uri(url)


@strawberry.type(description="A resized copy of an image.")
class Rendition:
    url: str
    width: int
    height: int


@strawberry.type(description="An image from the media library.")
class Image:
    id: strawberry.ID
    width: int
    height: int

    @strawberry.field(description="Absolute URL of the original file.")
    def url(self, info: Info) -> str:
        return absolute(info, self.file.url)

    @object_field(description="Alternative text for people who cannot see the image.")
    def alt(self) -> str:
        return self.default_alt_text or ""

    @strawberry.field(
        description="A rendition for one allowed filter, e.g. “width-800” or “fill-400x300”."
    )
    def rendition(self, info: Info, filter: str) -> Rendition:
        check_filter(filter)
        info.context.loaders.renditions_ready.get(self)
        rendition = self.get_rendition(filter)
        return Rendition(
            url=absolute(info, rendition.url), width=rendition.width, height=rendition.height
        )

    @strawberry.field(
        description="An HTML srcset value of width renditions, e.g. sizes: [480, 960]."
    )
    def srcset(self, info: Info, sizes: list[int]) -> str:
        specs = [check_filter(f"width-{size}") for size in sizes]
        info.context.loaders.renditions_ready.get(self)
        renditions = self.get_renditions(*specs)
        return ", ".join(
            f"{absolute(info, r.url)} {r.width}w" for r in (renditions[s] for s in specs)
        )
