"""Admin: the *Outdated translations* report and dashboard panel."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import OutdatedTranslationsPanel, OutdatedTranslationsReportView


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


@hooks.register("construct_homepage_panels")
def add_outdated_translations_panel(request, panels):
    panels.append(OutdatedTranslationsPanel())
