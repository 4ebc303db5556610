"""Marks admin requests, so dates in them are shown in the admin user's calendar."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .dates import admin_dates

ADMIN_PREFIX = "/admin/"


def is_admin_page(path: str) -> bool:
    """Admin screens, but not previews: a preview renders the public site as the public sees it."""
    return path.startswith(ADMIN_PREFIX) and "/preview/" not in path


class AdminDatesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_admin_page(request.path):
            return self.get_response(request)
        with admin_dates():
            response = self.get_response(request)
            # Template responses render after the view returns: render inside the block.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response
