"""Marks admin requests, so dates in them are shown in the admin user's calendar."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .dates import admin_dates


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_page(path: str) -> bool:
    """Admin screens, but not previews: a preview renders the public site as the public sees it."""
    return path.startswith(admin_prefix()) and "/preview/" not in path


class AdminDatesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_admin_page(request.path):
            return self.get_response(request)
        # Django renders template responses inside get_response, so within this block.
        with admin_dates():
            return self.get_response(request)
