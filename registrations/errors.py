"""Coded, translatable errors of the registration services.

Clients switch on ``code``; people read ``message``. Messages are lazy translations rendered
when they are read, so the GraphQL layer and the site's views show them in the caller's language
(``translation.override``) whatever language was active when the error was raised.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _


class ErrorCode(enum.StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_CHOICE = "INVALID_CHOICE"
    INVALID_LOCALE = "INVALID_LOCALE"
    MARKUP_NOT_ALLOWED = "MARKUP_NOT_ALLOWED"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    DUPLICATE_APPLICATION = "DUPLICATE_APPLICATION"
    CITY_NOT_FOUND = "CITY_NOT_FOUND"
    SESSION_NOT_FOUND = "SESSION_NOT_FOUND"
    TOPIC_NOT_FOUND = "TOPIC_NOT_FOUND"
    SESSION_NOT_IN_CITY = "SESSION_NOT_IN_CITY"
    REGISTRATION_CLOSED = "REGISTRATION_CLOSED"
    SESSION_FULL = "SESSION_FULL"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    ALREADY_REVIEWED = "ALREADY_REVIEWED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"


DEFAULT_MESSAGES: Mapping[ErrorCode, Promise] = {
    ErrorCode.INVALID_INPUT: _("This value is not valid."),
    ErrorCode.REQUIRED: _("This field is required."),
    ErrorCode.TOO_LONG: _("This value is too long."),
    ErrorCode.INVALID_EMAIL: _("Enter a valid email address."),
    ErrorCode.INVALID_PHONE: _(
        "Enter a valid phone number, with the country code if it is not an Iranian number."
    ),
    ErrorCode.INVALID_CHOICE: _("Choose one of the offered values."),
    ErrorCode.INVALID_LOCALE: _("This language is not offered."),
    ErrorCode.MARKUP_NOT_ALLOWED: _("Write plain text; HTML tags are not accepted."),
    ErrorCode.CONSENT_REQUIRED: _(
        "You must agree to the processing of your data for the programme to register."
    ),
    ErrorCode.DUPLICATE_APPLICATION: _(
        "You already have an application for this sister city. Follow it on the status page."
    ),
    ErrorCode.CITY_NOT_FOUND: _("There is no sister city with this identifier."),
    ErrorCode.SESSION_NOT_FOUND: _("There is no session with this identifier."),
    ErrorCode.TOPIC_NOT_FOUND: _("Unknown cooperation topic."),
    ErrorCode.SESSION_NOT_IN_CITY: _("This session is not one of the chosen sister city's."),
    ErrorCode.REGISTRATION_CLOSED: _("Registration for this session is not open."),
    ErrorCode.SESSION_FULL: _("Sorry, every seat of this session is taken."),
    ErrorCode.INVALID_TOKEN: _("This link or code is not valid."),
    ErrorCode.TOKEN_EXPIRED: _("This link has expired."),
    ErrorCode.ILLEGAL_TRANSITION: _("This change is not possible in the application's status."),
    ErrorCode.ALREADY_REVIEWED: _("You have already reviewed this application."),
    ErrorCode.PERMISSION_DENIED: _("You do not have permission to do this."),
    ErrorCode.RATE_LIMITED: _("Too many submissions from your address; please try again later."),
    ErrorCode.NOT_FOUND: _("Not found."),
}


def interpolate(message: str | Promise, params: Mapping[str, Any]) -> Promise:
    """``message % params``, evaluated when rendered (so still in the reader's language)."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in params.items()}, str)()


@dataclass(frozen=True)
class FieldError:
    field: str | None
    code: ErrorCode
    message: str | Promise

    def as_dict(self) -> dict[str, str | None]:
        """Rendered in the active language."""
        return {"field": self.field, "code": self.code.value, "message": str(self.message)}


class RegistrationError(Exception):
    """An expected refusal (bad input, closed registration, full session, illegal transition)."""

    def __init__(
        self,
        code: ErrorCode,
        message: str | Promise | None = None,
        field: str | None = None,
    ) -> None:
        self.code = ErrorCode(code)
        self.message = message if message is not None else DEFAULT_MESSAGES[self.code]
        self.field = field
        super().__init__(self.code.value)

    def __str__(self) -> str:
        return f"{self.code.value}: {self.message}"

    @property
    def errors(self) -> list[FieldError]:
        return [FieldError(self.field, self.code, self.message)]


class RegistrationValidationError(RegistrationError):
    """Several field errors found at once, so a form can show them all together."""

    def __init__(self, errors: list[FieldError]) -> None:
        if not errors:
            raise ValueError("RegistrationValidationError needs at least one error")
        first = errors[0]
        super().__init__(first.code, first.message, first.field)
        self._errors = list(errors)

    @property
    def errors(self) -> list[FieldError]:
        return list(self._errors)

    def codes(self) -> dict[str | None, list[str]]:
        result: dict[str | None, list[str]] = {}
        for error in self._errors:
            result.setdefault(error.field, []).append(error.code.value)
        return result
