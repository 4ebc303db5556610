"""Absolute public URLs of pages, on ``SITE_BASE_URL``.

The Site record says where Wagtail serves pages (the seeded one is ``localhost:80``); clients
of the APIs need the address the public reaches, which only the deployment knows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def public_base_url() -> str:
    return settings.SITE_BASE_URL.rstrip("/")


def public_url(page: Any, request: HttpRequest | None = None) -> str | None:
    """``SITE_BASE_URL`` + the page's path (``/en/cities/florence/``); None if not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    _site_id, _root_url, page_path = parts
    if page_path is None:
        return None
    return public_base_url() + page_path
