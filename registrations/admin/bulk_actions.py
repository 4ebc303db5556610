"""Bulk acts on the applications list: decide, invite, record attendance.

Wagtail's bulk-action framework shows the selected applications and a form, then runs the act on
each through the same service as the single-application views. Applications whose status does
not allow the act are listed apart and left alone; a refusal for one (a full session, say) does
not undo the others, and is reported by reference.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from ..errors import RegistrationError
from ..lifecycle import Act
from ..models import Application
from .forms import AttendanceForm, DecisionForm, InvitationForm
from .views import action_is_possible


class ApplicationBulkAction(BulkAction):
    models = [Application]
    template_name = "registrations/admin/bulk_action_confirm.html"
    permission_action = ""
    act = ""
    action_button_text = _("Apply")

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, self.permission_action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Application)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(
            Application.objects.filter(pk__in=object_ids)
            .select_related("applicant", "city", "session")
            .order_by("submitted_at")
        )

    def check_perm(self, application: Application) -> bool:
        """Eligible: the lifecycle allows the act from the application's current status."""
        return action_is_possible(application, self.act)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "header_icon": "form",
                "action_title": self.display_name,
                "action_button_text": self.action_button_text,
            }
        )
        return context

    def get_execution_context(self):
        return {"action": self}

    @classmethod
    def execute_action(cls, objects, action=None, **kwargs):
        done, refused = 0, []
        for application in objects:
            try:
                action.cleaned_form.apply(application, action.request.user)
            except RegistrationError as error:
                refused.append(f"{application.reference}: {error.message}")
            else:
                done += 1
        if refused:
            messages.warning(
                action.request,
                _("Not changed: %(list)s") % {"list": "; ".join(refused)},
            )
        return done, 0


class DecideBulkAction(ApplicationBulkAction):
    display_name = _("Decide")
    action_type = "decide"
    aria_label = _("Decide on the selected applications")
    action_priority = 10
    permission_action = "decide"
    act = Act.DECIDE
    form_class = DecisionForm
    action_button_text = _("Record decision")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d application decided.", "%(count)d applications decided.", num_parent_objects
        ) % {"count": num_parent_objects}


class InviteBulkAction(ApplicationBulkAction):
    display_name = _("Invite")
    action_type = "invite"
    aria_label = _("Invite the selected applicants to a session")
    action_priority = 20
    permission_action = "invite"
    act = Act.INVITE
    form_class = InvitationForm
    action_button_text = _("Send invitations")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        ids = self.request.GET.getlist("id")
        selected = Application.objects.all()
        if "all" not in ids:
            selected = selected.filter(pk__in=[i for i in ids if i.isdigit()])
        kwargs["city_ids"] = set(selected.values_list("city_id", flat=True))
        return kwargs

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d applicant invited.", "%(count)d applicants invited.", num_parent_objects
        ) % {"count": num_parent_objects}


class AttendanceBulkAction(ApplicationBulkAction):
    display_name = _("Record attendance")
    action_type = "attendance"
    aria_label = _("Record the attendance of the selected applicants")
    action_priority = 30
    permission_action = "record_attendance"
    act = Act.RECORD_ATTENDANCE
    form_class = AttendanceForm
    action_button_text = _("Record attendance")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Attendance recorded for %(count)d applicant.",
            "Attendance recorded for %(count)d applicants.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [DecideBulkAction, InviteBulkAction, AttendanceBulkAction]
