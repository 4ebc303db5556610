"""The applications list and detail view of the committee's admin.

Personal data is shown only to users with ``view_personal_data``; everybody else sees it masked.
Opening an application's personal data is itself written to the audit trail, and so is every
export, because the committee is accountable for who looked at whom.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    DateColumn,
    StatusTagColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from .. import exports, selectors, services
from ..lifecycle import STATUS_CHOICES, Act, Status, allowed_targets
from ..models import Application, AuditEntry, Invitation, Review
from ..normalize import normalize_characters, to_ascii_digits
from ..selectors import with_review_scores
from .columns import TextColumn

MASK = "•••"
STATUS_LABELS = dict(STATUS_CHOICES)

# Personal fields of the applicant, in the order the detail view and the export show them.
PERSONAL_FIELDS = [
    ("full_name", _("Full name")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("residence_country", _("Country of residence")),
    ("residence_city", _("City of residence")),
    ("organisation", _("Organisation")),
    ("languages", _("Languages")),
    ("expertise", _("Expertise")),
    ("channels", _("Channels abroad")),
]

# Acts on the applicant's personal data rather than on the application's status.
PRIVACY_ACTS = frozenset({"export_data", "erase_data"})

# Which admin act each button stands for: (URL name, label, permission action, act).
ACTIONS = [
    ("review", _("Review"), "review", None),
    ("decide", _("Decide"), "decide", Act.DECIDE),
    ("invite", _("Invite"), "invite", Act.INVITE),
    ("attendance", _("Record attendance"), "record_attendance", Act.RECORD_ATTENDANCE),
    ("export_data", _("Export personal data (JSON)"), "erase", "export_data"),
    ("erase_data", _("Erase personal data"), "erase", "erase_data"),
]
REVIEWABLE_STATUSES = frozenset({Status.UNDER_REVIEW, Status.WAITLISTED})


def action_is_possible(application: Application, act: str | None) -> bool:
    """Whether the lifecycle lets ``act`` move this application (reviews: while in review).

    The personal-data acts are possible until the applicant's data are erased.
    """
    if act is None:
        return application.status in REVIEWABLE_STATUSES
    if act in PRIVACY_ACTS:
        return application.applicant.erased_at is None
    return bool(allowed_targets(application.status, act))


def language_name(code: str) -> str:
    """``en`` → "English" in the reader's language (the field has no choices to display)."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def applicant_summary(application: Application, can_view_personal_data: bool) -> list[tuple]:
    """What a reviewer needs to judge the application, personal fields masked as permitted."""
    applicant = application.applicant
    erased = applicant.erased_at is not None

    def personal(value) -> str:
        if erased:
            return ""
        return value if can_view_personal_data else MASK

    country = applicant.residence_country.name if applicant.residence_country else ""
    return [
        (_("Full name"), personal(applicant.full_name)),
        (_("Category"), applicant.get_category_display()),
        (_("Country of residence"), country),
        (_("City of residence"), personal(applicant.residence_city)),
        (_("Organisation"), personal(applicant.organisation)),
        (_("Languages"), personal(", ".join(applicant.languages or []))),
        (_("Expertise"), personal(applicant.expertise)),
        (_("Channels abroad"), personal(applicant.channels)),
        (_("Topics"), ", ".join(topic.name for topic in application.topics.all())),
        (_("Motivation"), personal(application.motivation)),
        (_("Preferred language"), language_name(applicant.preferred_language)),
    ]


def applicant_display_name(application: Application, can_view_personal_data: bool) -> str:
    applicant = application.applicant
    if applicant.erased_at:
        return str(applicant)
    return applicant.full_name if can_view_personal_data else MASK


class ApplicationIndexView(generic.IndexView):
    """The committee's list, with bulk selection, masking and an audited export."""

    template_name = "registrations/admin/application_index.html"
    any_permission_required = ["view"]

    # OFFSET pagination reads and throws away every row before the page; Wagtail's listing
    # has no keyset mode, so the list stops at this page and asks for a narrower list.
    max_page = 200

    def search_queryset(self, queryset):
        """Indexed search (``selectors.search_applications``), never ``UPPER(…) LIKE '%…%'``."""
        if not self.is_searching:
            return queryset
        return selectors.search_applications(
            queryset, self.search_query, personal_data=self.can_view_personal_data
        )

    def paginate_queryset(self, queryset, page_size):
        page_number = self.request.GET.get(self.page_kwarg)
        self.page_capped = False
        try:
            if page_number is not None and int(page_number) > self.max_page:
                self.page_capped = True
                params = self.request.GET.copy()
                params[self.page_kwarg] = str(self.max_page)
                self.request.GET = params
        except ValueError:
            pass
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_capped"] = getattr(self, "page_capped", False)
        context["max_page"] = self.max_page
        return context

    @cached_property
    def can_view_personal_data(self) -> bool:
        return self.user_has_permission("view_personal_data")

    @cached_property
    def search_query(self):
        """Persian staff may type a reference with Persian digits (ISF-۲۰۲۶-…)."""
        return normalize_characters(to_ascii_digits(super().search_query))

    def get_base_queryset(self):
        return with_review_scores(
            super()
            .get_base_queryset()
            .select_related("applicant", "city", "session")
            .prefetch_related("topics")
        )

    @cached_property
    def columns(self):
        can_see = self.can_view_personal_data
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="application"),
            self._get_title_column(
                "reference",
                get_title_id=lambda app: f"application_{app.pk}_title",
            ),
            TextColumn(
                "applicant",
                label=_("Applicant"),
                accessor=lambda app: applicant_display_name(app, can_see),
            ),
            TextColumn(
                "city", label=_("Sister city"), accessor="city.title", sort_key="city__title"
            ),
            TextColumn("session", label=_("Session"), accessor=lambda app: session_title(app)),
            TextColumn("category", label=_("Category"), accessor="applicant.get_category_display"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda app: app.status in {Status.UNDER_REVIEW, Status.ACCEPTED},
                sort_key="status",
            ),
            TextColumn(
                "average_score",
                label=_("Average score"),
                accessor=lambda app: format_score(app.average_score),
                sort_key="average_score",
            ),
            TextColumn("review_count", label=_("Reviews"), sort_key="review_count"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        ]

    @cached_property
    def can_export(self) -> bool:
        return self.user_has_permission("export")

    @cached_property
    def show_export_buttons(self) -> bool:
        return self.can_export

    @cached_property
    def list_export(self):
        # Only tells Wagtail to offer the buttons; ``get`` streams the file itself.
        return ["reference"]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export_response(request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def export_response(self, export_format: str):
        """The filtered, searched and ordered list as a streamed spreadsheet, logged once."""
        if not self.can_export or export_format not in self.FORMATS:
            raise PermissionDenied
        personal_data = self.can_view_personal_data
        query = self.request.GET.copy()
        query.pop("export", None)
        entry = services.start_export(
            by=self.request.user,
            query=query.urlencode(),
            export_format=export_format,
            personal_data=personal_data,
        )
        return exports.streaming_response(
            self.get_queryset(),
            export_format=export_format,
            personal_data=personal_data,
            filename=self.get_filename(),
            on_finished=lambda count: services.finish_export(entry, count),
        )


def format_score(value) -> str:
    return "" if value is None else f"{value:.1f}"


def session_title(application: Application) -> str:
    return application.session.title if application.session_id else ""


class ApplicationInspectView(generic.InspectView):
    """One application: the applicant, the application, reviews, invitations and history."""

    template_name = "registrations/admin/application_inspect.html"
    any_permission_required = ["view"]
    action_url_names: dict[str, str] = {}

    def get_object(self, queryset=None):
        queryset = (
            Application.objects.select_related("applicant", "city", "session")
            .annotate(
                review_count=Count("reviews", filter=Q(reviews__conflict_of_interest=False)),
                average_score=Avg("reviews__score", filter=Q(reviews__conflict_of_interest=False)),
            )
            .prefetch_related(
                "topics",
                "consents",
                Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
                Prefetch("invitations", queryset=Invitation.objects.select_related("session")),
                Prefetch(
                    "audit_entries",
                    queryset=AuditEntry.objects.select_related("actor").order_by(
                        "created_at", "pk"
                    ),
                ),
            )
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_page_subtitle(self):
        return self.object.reference

    @cached_property
    def can_view_personal_data(self) -> bool:
        return self.user_has_permission("view_personal_data")

    def available_actions(self) -> list[dict]:
        actions = []
        for name, label, permission, act in ACTIONS:
            if name in self.action_url_names and self.user_has_permission(permission):
                actions.append(
                    {
                        "name": name,
                        "label": label,
                        "url": self.reverse_action(name),
                        "possible": action_is_possible(self.object, act),
                    }
                )
        return actions

    def reverse_action(self, name: str) -> str:
        return reverse(self.action_url_names[name], args=(self.object.pk,))

    @cached_property
    def header_more_buttons(self):
        return [
            Button(action["label"], url=action["url"], icon_name="edit", priority=10 + i)
            for i, action in enumerate(self.available_actions())
            if action["possible"]
        ]

    def personal_fields(self) -> list[tuple[str, object]]:
        applicant = self.object.applicant
        rows = []
        for name, label in PERSONAL_FIELDS:
            if applicant.erased_at:
                value = ""
            elif not self.can_view_personal_data:
                value = MASK
            elif name == "residence_country":
                value = applicant.residence_country.name if applicant.residence_country else ""
            elif name == "languages":
                value = ", ".join(applicant.languages or [])
            else:
                value = getattr(applicant, name)
            rows.append((label, value))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        shows_personal_data = self.can_view_personal_data and not application.applicant.erased_at
        if shows_personal_data:
            services.log_personal_data_view(
                application.applicant, by=self.request.user, application=application
            )
        context.update(
            {
                "application": application,
                "applicant": application.applicant,
                "can_view_personal_data": self.can_view_personal_data,
                "personal_fields": self.personal_fields(),
                "motivation": application.motivation if shows_personal_data else MASK,
                "reviews": list(application.reviews.all()),
                "review_count": application.review_count,
                "average_score": application.average_score,
                "mask": MASK,
                "preferred_language_name": language_name(application.applicant.preferred_language),
                "invitations": list(application.invitations.all()),
                "history": [
                    (
                        entry,
                        STATUS_LABELS.get(entry.from_status, ""),
                        STATUS_LABELS.get(entry.to_status, ""),
                    )
                    for entry in application.audit_entries.all()
                ],
                "actions": self.available_actions(),
                "session_title": session_title(application),
            }
        )
        return context
