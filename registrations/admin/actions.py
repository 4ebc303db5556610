"""One admin view per committee act on one application; each calls exactly one service.

The lifecycle and its refusals live in the services: these views only collect the committee's
input, show a refusal next to the field it concerns (or at the top), and say what happened.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import services
from ..errors import RegistrationError
from ..models import Application
from .forms import AttendanceForm, DecisionForm, ErasureForm, InvitationForm, ReviewForm
from .views import MASK, applicant_summary


def add_service_errors(form, error: RegistrationError) -> None:
    """Put each coded error on its form field when the form has one, else above the form."""
    for item in error.errors:
        field = item.field if item.field in form.fields else None
        form.add_error(field, str(item.message))


class ApplicationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Application
    template_name = "registrations/admin/application_action.html"
    header_icon = "form"
    index_url_name: str | None = None
    inspect_url_name: str | None = None
    submit_label = gettext_lazy("Save")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Application.objects.select_related("applicant", "city", "session"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.object.reference

    @cached_property
    def inspect_url(self) -> str:
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Application._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": self.object.reference},
            {"url": "", "label": self.get_page_title()},
        ]

    # Whether the page shows the applicant (masked as permitted) and the reviews so far.
    shows_applicant = False
    shows_reviews = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "application": self.object,
                "inspect_url": self.inspect_url,
                "submit_label": self.submit_label,
                "media": context["form"].media,
                "mask": MASK,
                "can_view_personal_data": self.can_view_personal_data,
                "shows_reviews": self.shows_reviews,
            }
        )
        if self.shows_applicant:
            context["applicant_rows"] = applicant_summary(self.object, self.can_view_personal_data)
            if self.can_view_personal_data and not self.object.applicant.erased_at:
                services.log_personal_data_view(
                    self.object.applicant, by=self.request.user, application=self.object
                )
        if self.shows_reviews:
            reviews = list(self.object.reviews.select_related("reviewer"))
            scored = [r.score for r in reviews if not r.conflict_of_interest and r.score]
            context.update(
                {
                    "reviews": reviews,
                    "review_count": len(scored),
                    "average_score": sum(scored) / len(scored) if scored else None,
                }
            )
        return context

    @cached_property
    def can_view_personal_data(self) -> bool:
        return self.request.user.has_perm("registrations.view_personal_data")

    def form_valid(self, form):
        try:
            message = self.success_message_for(form.apply(self.object, self.request.user), form)
        except RegistrationError as error:
            add_service_errors(form, error)
            messages.error(self.request, _("Nothing was changed; see the errors below."))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.inspect_url)

    def success_message_for(self, result, form) -> str:
        raise NotImplementedError


class ReviewView(ApplicationActionView):
    permission_required = "review"
    shows_applicant = True
    page_title = gettext_lazy("Review")
    form_class = ReviewForm
    submit_label = gettext_lazy("Save review")

    def success_message_for(self, result, form) -> str:
        if result.conflict_of_interest:
            return _("Your recusal from %(reference)s was recorded.") % {
                "reference": self.object.reference
            }
        return _("Your review of %(reference)s was saved.") % {"reference": self.object.reference}


class DecideView(ApplicationActionView):
    permission_required = "decide"
    shows_applicant = True
    shows_reviews = True
    page_title = gettext_lazy("Decide")
    form_class = DecisionForm
    submit_label = gettext_lazy("Record decision")

    def success_message_for(self, result, form) -> str:
        return _("%(reference)s is now “%(status)s”; the applicant is told by email.") % {
            "reference": self.object.reference,
            "status": result.get_status_display(),
        }


class InviteView(ApplicationActionView):
    permission_required = "invite"
    page_title = gettext_lazy("Invite")
    form_class = InvitationForm
    submit_label = gettext_lazy("Send invitation")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["city_ids"] = [self.object.city_id]
        kwargs["initial_session"] = self.object.session
        return kwargs

    def success_message_for(self, result, form) -> str:
        return _("%(reference)s was invited to %(session)s; the invitation is on its way.") % {
            "reference": self.object.reference,
            "session": result.invitation.session.title,
        }


class AttendanceView(ApplicationActionView):
    permission_required = "record_attendance"
    page_title = gettext_lazy("Record attendance")
    form_class = AttendanceForm
    submit_label = gettext_lazy("Record attendance")

    def success_message_for(self, result, form) -> str:
        if form.cleaned_data["attended"]:
            return _("%(reference)s attended: a new citizen diplomat.") % {
                "reference": self.object.reference
            }
        return _("%(reference)s was recorded as absent.") % {"reference": self.object.reference}


class EraseDataView(ApplicationActionView):
    """Erasure on request (or by a data-protection officer): the service anonymises."""

    permission_required = "erase"
    page_title = gettext_lazy("Erase personal data")
    form_class = ErasureForm
    submit_label = gettext_lazy("Erase personal data")

    def success_message_for(self, result, form) -> str:
        return _("The personal data behind %(reference)s were erased.") % {
            "reference": self.object.reference
        }


class ExportDataView(PermissionCheckedMixin, View):
    """The applicant's data as a JSON download (a subject access request); the export is logged."""

    model = Application
    permission_required = "erase"

    def get(self, request, pk: int):
        application = get_object_or_404(Application.objects.select_related("applicant"), pk=pk)
        data = services.export_applicant(application.applicant, by=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="applicant-{application.reference}.json"'
        )
        return response
