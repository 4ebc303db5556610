"""Registrations over GraphQL: the citizen's mutations and their own status, nothing more.

No type here carries an applicant's personal data, reviewers or internal notes; staff work in
the Wagtail admin only.
"""

from .mutations import RegistrationMutation
from .queries import RegistrationQuery

__all__ = ["RegistrationMutation", "RegistrationQuery"]
