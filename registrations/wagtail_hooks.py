"""Wires the committee's admin into Wagtail: permission policy, menu, bulk acts, dashboard."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import access_report, candidates
from .admin.bulk_actions import BULK_ACTIONS
from .admin.panels import RegistrationsSummaryPanel
from .admin.permissions import ApplicationPermissionPolicy
from .admin.viewsets import RegistrationsViewSetGroup
from .models import Application

# Registered first: Wagtail refuses a custom policy once a fallback was created for the model.
register_permission_policy(Application, ApplicationPermissionPolicy(Application))


@hooks.register("register_admin_viewset")
def register_registrations_viewsets():
    return RegistrationsViewSetGroup()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("construct_homepage_panels")
def add_registrations_summary(request, panels):
    panels.append(RegistrationsSummaryPanel())


# The Candidates view (ranking in ``registrations.matching``), its menu item and session button.
hooks.register("register_admin_urls", candidates.urlpatterns)
hooks.register("register_admin_menu_item", candidates.menu_item)
hooks.register("register_page_header_buttons", candidates.session_header_buttons)


@hooks.register("register_admin_urls")
def register_personal_data_access_report_urls():
    return access_report.urlpatterns


@hooks.register("register_reports_menu_item")
def register_personal_data_access_report_menu_item():
    return access_report.menu_item()
