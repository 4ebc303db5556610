"""The "Registrations" admin menu: the applications list, its detail view and the acts."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import Application
from . import actions
from .filters import ApplicationFilterSet
from .views import ApplicationIndexView, ApplicationInspectView

# URL name -> view class of the single-application acts.
ACTION_VIEWS = {
    "review": actions.ReviewView,
    "decide": actions.DecideView,
    "invite": actions.InviteView,
    "attendance": actions.AttendanceView,
    "erase_data": actions.EraseDataView,
}


class ApplicationViewSet(ModelViewSet):
    """Applications are listed, inspected and acted on; never created, edited or deleted here."""

    model = Application
    icon = "form"
    menu_label = _("Applications")
    add_to_admin_menu = False
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "applicant__full_name", "applicant__email"]
    search_backend_name = None
    ordering = "-submitted_at"
    list_per_page = 50
    export_filename = "applications"
    form_fields = []

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            action_url_names={
                name: self.get_url_name(name) for name in [*ACTION_VIEWS, "export_data"]
            },
            **kwargs,
        )

    def get_urlpatterns(self):
        return (
            super().get_urlpatterns()
            + [
                path("export_data/<int:pk>/", actions.ExportDataView.as_view(), name="export_data"),
            ]
            + [
                path(
                    f"{name}/<int:pk>/",
                    view_class.as_view(
                        index_url_name=self.get_url_name("index"),
                        inspect_url_name=self.get_url_name("inspect"),
                    ),
                    name=name,
                )
                for name, view_class in ACTION_VIEWS.items()
            ]
        )


class RegistrationsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Registrations")
    menu_icon = "group"
    menu_order = 260
    items = (ApplicationViewSet("applications"),)
