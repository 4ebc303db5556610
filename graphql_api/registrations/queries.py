"""``applicationStatus``: a citizen follows their own application with its secret token."""

from __future__ import annotations

import strawberry
from django.utils import translation

from registrations import selectors

from ..context import Info
from .types import ApplicationStatus, build_status


@strawberry.type
class RegistrationQuery:
    @strawberry.field(
        description="The caller's own application, given its reference and the status token "
        "received when submitting; null when they do not match."
    )
    def application_status(
        self, info: Info, reference: str, token: str, locale: str | None = None
    ) -> ApplicationStatus | None:
        application = selectors.application_status(reference, token)
        if application is None:
            return None
        language = info.context.locale(locale).language_code
        with translation.override(language):
            return build_status(
                application,
                selectors.current_invitation(application),
                selectors.status_history(application),
                language,
            )
