"""Public types of the registration API (see API.md, "Mutations" and ``ApplicationStatus``).

Plain strawberry types filled by ``build_*`` functions from selectors' results, never model
types: a field appears here only when it is written here, so personal data cannot leak in
through a model field added later.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from cms.dates import format_display
from registrations.errors import ErrorCode, FieldError
from registrations.lifecycle import STATUS_CHOICES
from registrations.models import Applicant, Application, Invitation
from registrations.selectors import HistoryStep, localized_title

from ..errors import error_type, to_camel_case

RegistrationErrorCode = strawberry.enum(
    ErrorCode, name="RegistrationErrorCode", description="Why a registration request was refused."
)
RegistrationError = error_type(
    "RegistrationError",
    RegistrationErrorCode,
    "An expected failure of a registration request: the input field (null for the whole "
    "input), a RegistrationErrorCode and a message in the caller's language.",
)

ApplicationStatusValue = strawberry.enum(
    Enum("ApplicationStatusValue", {value.upper(): value for value, _label in STATUS_CHOICES}),
    description="Where an application stands in the registration lifecycle.",
)
InvitationStatus = strawberry.enum(
    Enum("InvitationStatus", {m.name: m.value for m in Invitation.Status}),
    description="The answer to an invitation: PENDING until the applicant answers.",
)
ApplicantCategory = strawberry.enum(
    Enum("ApplicantCategory", {m.name: m.value for m in Applicant.Category}),
    description="What kind of citizen facilitator the applicant is.",
)


@strawberry.type(description="A sister city, as named in the requested language.")
class ApplicationCity:
    slug: str
    title: str


@strawberry.type(description="A co-session, as named in the requested language.")
class ApplicationSession:
    slug: str
    title: str
    starts_at: datetime
    starts_at_display: str = strawberry.field(
        description="Start in the requested language (Solar Hijri for fa, Tehran time)."
    )


@strawberry.type(description="An application's public handle: its reference and status.")
class ApplicationSummary:
    reference: str
    status: ApplicationStatusValue  # type: ignore[valid-type]


@strawberry.type(description="An invitation to a session and the applicant's answer.")
class InvitationSummary:
    status: InvitationStatus  # type: ignore[valid-type]
    session: ApplicationSession
    respond_by: datetime | None
    respond_by_display: str | None


@strawberry.type(description="One step of an application's history.")
class StatusChange:
    status: ApplicationStatusValue  # type: ignore[valid-type]
    at: datetime


@strawberry.type(
    description="A citizen's own application, seen with its secret status token. Never carries "
    "reviewers' names, scores or internal notes."
)
class ApplicationStatus:
    reference: str
    status: ApplicationStatusValue  # type: ignore[valid-type]
    status_label: str = strawberry.field(description="The status in the requested language.")
    city: ApplicationCity
    session: ApplicationSession | None
    submitted_at: datetime
    updated_at: datetime = strawberry.field(description="When the status last changed.")
    public_message: str | None = strawberry.field(
        description="The committee's message, if any: in the requested language when the "
        "committee wrote one in it, otherwise the Persian message."
    )
    invitation: InvitationSummary | None
    history: list[StatusChange]


def build_errors(errors: list[FieldError]) -> list[RegistrationError]:  # type: ignore[valid-type]
    """Payload errors, messages rendered in the active language, field names in camelCase."""
    return [
        RegistrationError(
            field=to_camel_case(error.field) if error.field else None,
            code=error.code,
            message=str(error.message),
        )
        for error in errors
    ]


def build_summary(application: Application) -> ApplicationSummary:
    return ApplicationSummary(
        reference=application.reference,
        status=ApplicationStatusValue(application.status),
    )


def build_session(session, language: str) -> ApplicationSession:
    return ApplicationSession(
        slug=session.slug,
        title=localized_title(session, language),
        starts_at=session.starts_at,
        starts_at_display=format_display(session.starts_at, language),
    )


def build_invitation(invitation: Invitation, language: str) -> InvitationSummary:
    return InvitationSummary(
        status=InvitationStatus(invitation.status),
        session=build_session(invitation.session, language),
        respond_by=invitation.respond_by,
        respond_by_display=(
            format_display(invitation.respond_by, language) if invitation.respond_by else None
        ),
    )


def build_status(
    application: Application,
    invitation: Invitation | None,
    history: list[HistoryStep],
    language: str,
) -> ApplicationStatus:
    labels = dict(STATUS_CHOICES)
    return ApplicationStatus(
        reference=application.reference,
        status=ApplicationStatusValue(application.status),
        status_label=str(labels.get(application.status, application.status)),
        city=ApplicationCity(
            slug=application.city.slug, title=localized_title(application.city, language)
        ),
        session=build_session(application.session, language) if application.session else None,
        submitted_at=application.submitted_at,
        updated_at=application.status_changed_at,
        public_message=application.public_message_for(language)[0] or None,
        invitation=build_invitation(invitation, language) if invitation else None,
        history=[StatusChange(status=ApplicationStatusValue(s.status), at=s.at) for s in history],
    )
