"""The committee's *Candidates* view: a session's ranked applications, invited in bulk.

The ranking is ``registrations.matching`` (read-only, with its reasons); inviting goes through
``services.invite``, the one door, for each ticked application, and each refusal is reported
with its message. Names appear only with ``view_personal_data``; otherwise the reference and
category stand for the person.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from cities.models import SessionPage

from .. import services
from ..errors import RegistrationError
from ..matching import rank_candidates
from ..models import Application

MASK = "•••"


def _can_view(user) -> bool:
    return user.has_perm("registrations.view_application")


class SessionsView(WagtailAdminTemplateMixin, View):
    """Upcoming co-sessions (Persian source pages), each linking to its candidates."""

    template_name = "cooperation/admin/candidate_sessions.html"
    page_title = gettext_lazy("Candidates")
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not _can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        sessions = [
            s
            for s in SessionPage.objects.filter(
                status=SessionPage.Status.SCHEDULED, starts_at__gte=timezone.now()
            ).order_by("starts_at")
            if s.is_source()
        ]
        return self.render_to_response(self.get_context_data(sessions=sessions))


class CandidatesView(WagtailAdminTemplateMixin, View):
    template_name = "cooperation/admin/candidates.html"
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not _can_view(request.user):
            raise PermissionDenied
        self.session = get_object_or_404(SessionPage, pk=kwargs["session_id"]).source_page
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Candidates")

    def get_page_subtitle(self) -> str:
        return self.session.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("registrations_candidates"), "label": _("Candidates")},
            {"url": "", "label": self.session.title},
        ]

    def get(self, request: HttpRequest, session_id: int) -> HttpResponse:
        user = request.user
        can_see_names = user.has_perm("registrations.view_personal_data")
        rows = [
            {
                "candidate": candidate,
                "who": candidate.application.applicant.full_name
                if can_see_names and not candidate.application.applicant.is_erased
                else MASK,
            }
            for candidate in rank_candidates(self.session)
        ]
        return self.render_to_response(
            self.get_context_data(
                session=self.session,
                rows=rows,
                can_invite=user.has_perm("registrations.invite_applicant"),
                can_see_names=can_see_names,
                agenda_names_topics=bool(self.session.agenda_topic_ids),
            )
        )

    def post(self, request: HttpRequest, session_id: int) -> HttpResponse:
        if not request.user.has_perm("registrations.invite_applicant"):
            raise PermissionDenied
        ids = [int(pk) for pk in request.POST.getlist("application") if pk.isdigit()][:200]
        invited = 0
        for application in Application.objects.filter(pk__in=ids, city__isnull=False):
            try:
                services.invite(application, session=self.session, by=request.user)
            except RegistrationError as error:
                messages.error(request, f"{application.reference}: {error.message}")
            else:
                invited += 1
        if invited:
            messages.success(request, _("%(count)s applicants invited.") % {"count": invited})
        return redirect("registrations_session_candidates", session_id=self.session.pk)


def urlpatterns():
    return [
        path("candidates/", SessionsView.as_view(), name="registrations_candidates"),
        path(
            "candidates/<int:session_id>/",
            CandidatesView.as_view(),
            name="registrations_session_candidates",
        ),
    ]


class CandidatesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return _can_view(request.user)


def menu_item() -> MenuItem:
    return CandidatesMenuItem(
        _("Candidates"), reverse("registrations_candidates"), icon_name="group", order=265
    )


def session_header_buttons(page, user, view_name, next_url=None):
    """A *Candidates* button in the header of a session's admin pages."""
    if isinstance(page.specific_deferred, SessionPage) and _can_view(user):
        yield Button(
            _("Candidates"),
            reverse("registrations_session_candidates", args=[page.pk]),
            icon_name="group",
            priority=80,
        )
