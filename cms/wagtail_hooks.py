"""Admin: the *Outdated translations* report and dashboard panel; the translators' workflow."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .admin_views import (
    OutdatedTranslationsPanel,
    OutdatedTranslationsReportView,
    TranslationsReportView,
)
from .permissions import may_publish


@hooks.register("register_admin_urls")
def register_outdated_translations_urls():
    return [
        path(
            "reports/outdated-translations/",
            OutdatedTranslationsReportView.as_view(),
            name="outdated_translations_report",
        ),
        path(
            "reports/outdated-translations/results/",
            OutdatedTranslationsReportView.as_view(results_only=True),
            name="outdated_translations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return MenuItem(
        _("Outdated translations"),
        reverse("outdated_translations_report"),
        icon_name="warning",
        order=710,
    )


@hooks.register("register_rich_text_features", order=1)
def record_rich_text_images(features):
    """After ``wagtail.images`` registers its image embed handler: replace it with the one that
    also records the image for the HTTP cache."""
    from .rich_text_images import CachedImageEmbedHandler

    features.register_embed_type(CachedImageEmbedHandler)


@hooks.register("construct_homepage_panels")
def add_outdated_translations_panel(request, panels):
    panels.append(OutdatedTranslationsPanel())


# --- Translators: drafts and moderation; publishing stays with those who may publish -------


@hooks.register("register_admin_urls", order=-1)
def register_translation_workflow_urls():
    """Registered before wagtail-localize's own URLs, so the guarded views answer first."""
    from . import translation_views

    return [
        path(
            "translation/<int:translation_id>/draft/",
            translation_views.save_translation_draft,
            name="cms_save_translation_draft",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translation_views.convert_to_alias,
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.UpdateTranslationsView.as_view(),
        ),
        # wagtail-localize's *Translations* report, with the status from ``cms.staleness``.
        path("localize/reports/translations/", TranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            TranslationsReportView.as_view(results_only=True),
        ),
    ]


@hooks.register("construct_page_action_menu")
def keep_publishing_acts_for_publishers(menu_items, request, context):
    page = context.get("page")
    if page is None or may_publish(request.user, page):
        return
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in {"localize-convert-to-alias", "action-delete"}
    ]


@hooks.register("construct_page_listing_buttons")
def hide_delete_for_non_publishers(buttons, page, user, context=None):
    if may_publish(user, page):
        return
    for button in buttons:
        dropdown = getattr(button, "dropdown_buttons", None)
        if dropdown is not None:
            dropdown[:] = [b for b in dropdown if "delete" not in (getattr(b, "url", "") or "")]
    buttons[:] = [b for b in buttons if "delete" not in (getattr(b, "url", "") or "")]


@hooks.register("before_delete_page")
def refuse_delete_without_publish_permission(request, page):
    if not may_publish(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def refuse_bulk_delete_without_publish_permission(request, action_type, objects, action_class):
    if action_type == "delete" and not all(
        may_publish(request.user, obj) for obj in objects if isinstance(obj, Page)
    ):
        raise PermissionDenied


# --- Adding a language is safe: never another language's text under a language's URL -------


@hooks.register("before_serve_page")
def serve_only_in_own_language(page, request, serve_args, serve_kwargs):
    """Redirect to the page in its own language instead of showing it under another's prefix.

    Wagtail serves the default-locale page when a path has no page in the requested language
    (``/it/cities/florence/`` before Florence is translated into Italian), and an alias left by
    wagtail-localize's tree synchronisation shows its source's text; either would put Persian
    text in a left-to-right Italian layout. The reader is sent to the page they can read.
    """
    target = None
    if page.alias_of_id:
        original = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
        if original is not None and original.locale_id != page.locale_id:
            target = original
    elif page.locale.language_code != translation.get_language():
        target = page
    if target is None:
        return None
    url = target.get_url(request=request)
    if url and url != request.path:
        return redirect(url)
    return None
