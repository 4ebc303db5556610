"""Admin: a "Headless preview link" button on every page, showing a signed, expiring link."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from .preview import make_token, preview_url


def preview_link_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    token = make_token(page)
    return TemplateResponse(
        request,
        "graphql_api/preview_link.html",
        {
            "page": page,
            "token": token,
            "preview_url": preview_url(token),
            "minutes": settings.PREVIEW_TOKEN_MAX_AGE // 60,
            "header_title": _("Preview link for %(title)s")
            % {"title": page.get_admin_display_title()},
        },
    )


@hooks.register("register_admin_urls")
def register_preview_link_url():
    return [path("headless-preview/<int:page_id>/", preview_link_view, name="headless_preview")]


@hooks.register("register_page_header_buttons")
def preview_link_button(page, user, view_name, next_url=None):
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        gettext_lazy("Headless preview link"),
        reverse("headless_preview", args=[page.pk]),
        icon_name="view",
        priority=45,
    )
