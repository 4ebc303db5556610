"""Images inside rich text, recorded for the HTTP cache like every other image shown.

Wagtail turns ``<embed embedtype="image" id="…"/>`` into an ``<img>`` with the embed handler
registered for ``image``, in templates (``|richtext``, rich text blocks) and in the GraphQL API
(``expand_db_html``) alike. ``cms.wagtail_hooks`` registers this one in place of Wagtail's own,
so an edit of such an image purges the pages and answers that show it (``cms/http_cache.py``).
"""

from __future__ import annotations

from wagtail.images.rich_text import ImageEmbedHandler

from cms import http_cache


class CachedImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        http_cache.tag_images(
            int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()
        )
        return super().expand_db_attributes_many(attrs_list)
