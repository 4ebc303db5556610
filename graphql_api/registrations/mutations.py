"""The citizen's registration mutations; each takes one ``input`` and returns a payload.

Resolvers only translate between GraphQL and ``registrations.services``: expected refusals
(``RegistrationError``) become ``errors { field code message }`` in the caller's language, and
a payload with errors changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import strawberry
from django.utils import translation

from registrations import services
from registrations.errors import ErrorCode, RegistrationError
from registrations.inputs import ApplicationInput
from registrations.ratelimit import check_rate_limit

from ..context import Info, supported_language
from .types import (
    ApplicantCategory,
    ApplicationSummary,
    InvitationSummary,
    build_errors,
    build_invitation,
    build_summary,
)
from .types import (
    RegistrationError as RegistrationErrorType,
)

T = TypeVar("T")
LOCALE_HELP = "Language of the error messages (default: Accept-Language, then fa)."


@strawberry.input(description="A citizen facilitator's registration (see API.md).")
class SubmitApplicationInput:
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    category: ApplicantCategory | None = None  # type: ignore[valid-type]
    residence_country: str | None = strawberry.field(
        default=None, description="ISO 3166 alpha-2 code, e.g. IR, IT."
    )
    residence_city: str | None = None
    organisation: str | None = None
    languages: list[str] | None = strawberry.field(
        default=None, description="Languages spoken (at most 10)."
    )
    expertise: str | None = None
    channels: str | None = strawberry.field(
        default=None, description="The legitimate channels and platforms the applicant has abroad."
    )
    topics: list[str] | None = strawberry.field(
        default=None, description="Cooperation topic slugs (1 to 10)."
    )
    city: str | None = strawberry.field(default=None, description="The sister city's slug.")
    session: str | None = strawberry.field(
        default=None, description="Optionally, one of the city's sessions, by slug."
    )
    motivation: str | None = None
    preferred_locale: str | None = strawberry.field(
        default=None, description="Language of the emails (fa or en; default: the caller's)."
    )
    consent: bool | None = strawberry.field(
        default=None, description="Agreement to the processing of the data (required)."
    )
    roster_opt_in: bool | None = strawberry.field(
        default=None,
        description="Agreement to be listed (name and category) among the city's citizen "
        "diplomats after taking part.",
    )
    locale: str | None = strawberry.field(default=None, description=LOCALE_HELP)


@strawberry.type
class SubmitApplicationPayload:
    application: ApplicationSummary | None = None
    status_token: str | None = strawberry.field(
        default=None,
        description="Secret status code to follow or withdraw the application, e.g. "
        "`7K3M-Q9XD-2HVP-R8TA` (80 bits, Crockford base32; case, dashes, O/0, I/L/1 and Persian "
        "digits are forgiven when typed back). Shown only now and in the acknowledgement email; "
        "only its hash is stored.",
    )
    errors: list[RegistrationErrorType] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.input
class ConfirmEmailInput:
    token: str
    locale: str | None = strawberry.field(default=None, description=LOCALE_HELP)


@strawberry.type
class ConfirmEmailPayload:
    application: ApplicationSummary | None = None
    errors: list[RegistrationErrorType] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.input
class RespondToInvitationInput:
    token: str
    accept: bool
    locale: str | None = strawberry.field(default=None, description=LOCALE_HELP)


@strawberry.type
class RespondToInvitationPayload:
    invitation: InvitationSummary | None = None
    errors: list[RegistrationErrorType] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.input
class WithdrawApplicationInput:
    reference: str
    token: str
    locale: str | None = strawberry.field(default=None, description=LOCALE_HELP)


@strawberry.type
class WithdrawApplicationPayload:
    application: ApplicationSummary | None = None
    errors: list[RegistrationErrorType] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


def _run(info: Info, requested: str | None, action: Callable[[str], T]) -> tuple[T | None, list]:
    """Run ``action(language)`` in the caller's language; refusals become payload errors.

    An unknown ``locale`` is itself an error (``INVALID_LOCALE``), told in the header's
    language: answering silently in another language would mislead.
    """
    language = info.context.language if requested is None else supported_language(requested)
    with translation.override(language or info.context.language):
        if language is None:
            return None, build_errors(
                [RegistrationError(ErrorCode.INVALID_LOCALE, field="locale").errors[0]]
            )
        try:
            return action(language), []
        except RegistrationError as exc:
            return None, build_errors(exc.errors)


@strawberry.type
class RegistrationMutation:
    @strawberry.mutation(
        description="Register as a citizen facilitator. A confirmation link is emailed; the "
        "application is reviewed once it is used. Rate-limited per client address."
    )
    def submit_application(
        self, info: Info, input: SubmitApplicationInput
    ) -> SubmitApplicationPayload:
        def submit(language: str):
            check_rate_limit(info.context.request, "submit")
            data = ApplicationInput(
                full_name=input.full_name or "",
                email=input.email or "",
                phone=input.phone or "",
                category=input.category.name if input.category else "",
                residence_country=input.residence_country or "",
                residence_city=input.residence_city or "",
                organisation=input.organisation or "",
                languages=list(input.languages or []),
                expertise=input.expertise or "",
                channels=input.channels or "",
                topics=list(input.topics or []),
                city=input.city or "",
                session=input.session or None,
                motivation=input.motivation or "",
                preferred_locale=input.preferred_locale or None,
                consent=bool(input.consent),
                roster_opt_in=bool(input.roster_opt_in),
            )
            return services.submit_application(data, language=language)

        result, errors = _run(info, input.locale, submit)
        if result is None:
            return SubmitApplicationPayload(errors=errors)
        return SubmitApplicationPayload(
            application=build_summary(result.application), status_token=result.status_token
        )

    @strawberry.mutation(description="Confirm the email address with the emailed token.")
    def confirm_email(self, info: Info, input: ConfirmEmailInput) -> ConfirmEmailPayload:
        application, errors = _run(
            info, input.locale, lambda _language: services.confirm_email(input.token)
        )
        if application is None:
            return ConfirmEmailPayload(errors=errors)
        return ConfirmEmailPayload(application=build_summary(application))

    @strawberry.mutation(description="Accept (take a seat) or decline an invitation.")
    def respond_to_invitation(
        self, info: Info, input: RespondToInvitationInput
    ) -> RespondToInvitationPayload:
        def respond(language: str):
            invitation = services.respond_to_invitation(input.token, accept=input.accept)
            return build_invitation(invitation, language)

        invitation, errors = _run(info, input.locale, respond)
        return RespondToInvitationPayload(invitation=invitation, errors=errors)

    @strawberry.mutation(description="Withdraw one's own application (reference and token).")
    def withdraw_application(
        self, info: Info, input: WithdrawApplicationInput
    ) -> WithdrawApplicationPayload:
        application, errors = _run(
            info,
            input.locale,
            lambda _language: services.withdraw(input.reference, input.token),
        )
        if application is None:
            return WithdrawApplicationPayload(errors=errors)
        return WithdrawApplicationPayload(application=build_summary(application))
