"""Who may do what with applications in the admin.

Applications change only through ``registrations.services``, so the generic add, edit, copy and
delete views are refused to everyone, superusers included. The committee's acts map to the
model's custom permissions, so Wagtail's views can check them by action name.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

# Acts the admin offers -> permission codenames on ``registrations.Application``.
ACTION_CODENAMES = {
    "view": "view_application",
    "view_personal_data": "view_personal_data",
    "review": "review_application",
    "decide": "decide_application",
    "invite": "invite_applicant",
    "record_attendance": "record_attendance",
    "export": "export_applications",
    "erase": "erase_applicant",
}
NEVER_ALLOWED = frozenset({"add", "change", "delete", "copy"})


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for the committee's acts; no generic create, edit or delete at all."""

    def _get_permission_codename(self, action: str) -> str:
        return ACTION_CODENAMES.get(action) or super()._get_permission_codename(action)

    def user_has_permission(self, user, action: str) -> bool:
        if action in NEVER_ALLOWED:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in NEVER_ALLOWED]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
