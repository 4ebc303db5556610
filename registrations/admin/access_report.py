"""*Reports › Personal-data access*: who looked at or exported whose personal data, when.

Readable with ``registrations.view_personaldataaccess`` (give it to the data-protection
officer; the review committee does not have it). Filters: staff member, applicant (by
reference or email of one of their applications), date range.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from ..models import PersonalDataAccess

PERMISSION = "registrations.view_personaldataaccess"


def staff_choices(request):
    ids = PersonalDataAccess.objects.values("staff_id").distinct()
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


class PersonalDataAccessFilterSet(WagtailFilterSet):
    staff = django_filters.ModelChoiceFilter(label=_("Staff member"), queryset=staff_choices)
    applicant = django_filters.CharFilter(
        label=_("Applicant"),
        method="filter_applicant",
        help_text=_("A reference (ISF-…) or the applicant's email address."),
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = PersonalDataAccess
        fields = ["staff", "applicant", "created_at"]

    def filter_applicant(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        if "@" in value:
            return queryset.filter(applicant__email=value.lower())
        reference = value.upper()
        return queryset.filter(
            Q(application__reference=reference) | Q(applicant__applications__reference=reference)
        ).distinct()


def _who(entry: PersonalDataAccess) -> str:
    if entry.staff is None:
        return "—"
    return entry.staff.get_full_name() or entry.staff.get_username()


def _whose(entry: PersonalDataAccess) -> str:
    if entry.kind == PersonalDataAccess.Kind.EXPORT:
        return _("%(rows)s rows (filter: %(filter)s)") % {
            "rows": "?" if entry.row_count is None else entry.row_count,
            "filter": entry.query or "—",
        }
    if entry.application_id:
        return entry.application.reference
    return str(entry.applicant) if entry.applicant_id else "—"


class PersonalDataAccessReportView(ReportView):
    page_title = _("Personal-data access")
    header_icon = "view"
    model = PersonalDataAccess
    filterset_class = PersonalDataAccessFilterSet
    index_url_name = "registrations_personal_data_access"
    index_results_url_name = "registrations_personal_data_access_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def permission_policy(self):
        return None

    def get_queryset(self):
        return PersonalDataAccess.objects.select_related(
            "staff", "application", "applicant"
        ).order_by("-created_at", "-pk")

    @property
    def columns(self):
        return [
            DateColumn("created_at", label=_("At")),
            Column("staff", label=_("Staff member"), accessor=_who),
            Column("kind", label=_("What"), accessor="get_kind_display"),
            Column("whose", label=_("Applicant or export"), accessor=_whose),
            Column(
                "personal_data",
                label=_("Personal data included"),
                accessor=lambda e: _("Yes") if e.personal_data else _("No"),
            ),
        ]


class PersonalDataAccessMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


def menu_item() -> PersonalDataAccessMenuItem:
    return PersonalDataAccessMenuItem(
        _("Personal-data access"),
        reverse("registrations_personal_data_access"),
        icon_name="view",
        order=900,
    )


urlpatterns = [
    path(
        "reports/personal-data-access/",
        PersonalDataAccessReportView.as_view(),
        name="registrations_personal_data_access",
    ),
    path(
        "reports/personal-data-access/results/",
        PersonalDataAccessReportView.as_view(results_only=True),
        name="registrations_personal_data_access_results",
    ),
]
