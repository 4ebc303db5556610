"""Errors the API promises to clients.

Two kinds, both carrying a stable machine-readable ``code`` and a message in the caller's
language:

* **Payload errors** (mutations): ``errors { field code message }`` inside the payload. Each
  domain declares an enum of its codes and builds its error type with :func:`error_type`, which
  implements the shared :class:`UserError` interface. A payload with errors changed nothing.
* **Request errors** (queries that cannot be answered, e.g. an unknown locale or a forged
  preview token): raise :class:`PublicError`; it reaches the client's ``errors`` list with
  ``extensions.code`` and is never masked, unlike unexpected exceptions in production.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

import strawberry
from django.core.exceptions import ValidationError
from graphql import GraphQLError

CodeT = TypeVar("CodeT", bound=Enum)


@strawberry.interface(
    description="An expected failure: the input field it concerns (null for the whole input), "
    "a stable code and a message in the caller's language."
)
class UserError:
    field: str | None
    message: str


_error_types: dict[str, type] = {}


def error_type(name: str, codes: type[CodeT], description: str | None = None) -> type:
    """Build the payload error type of one domain, e.g. ``RegistrationError`` with its enum.

    ``codes`` must already be a strawberry enum (``@strawberry.enum``). Calling twice with the
    same name returns the same type, so modules can import it freely.
    """
    if name in _error_types:
        return _error_types[name]
    namespace: dict[str, Any] = {"__annotations__": {"code": codes}}
    cls = type(name, (UserError,), namespace)
    built = strawberry.type(
        cls, description=description or f"An expected failure, with a {codes.__name__}."
    )
    _error_types[name] = built
    return built


def error(error_cls: type, code: Enum, message: str, field: str | None = None) -> Any:
    """One payload error; ``field`` is the input field name as the client wrote it (camelCase)."""
    return error_cls(field=field, code=code, message=str(message))


def errors_from_validation(
    error_cls: type,
    exc: ValidationError,
    code_for: dict[str, Enum] | None = None,
    default_code: Enum | None = None,
    field_names: dict[str, str] | None = None,
) -> list[Any]:
    """Turn a Django ``ValidationError`` raised by a service into payload errors.

    ``code_for`` maps a ValidationError ``code`` to the domain's enum member; ``field_names``
    maps model/service field names to the client's names (``full_name`` → ``fullName``); the
    default is camelCase. ``NON_FIELD_ERRORS`` becomes ``field: null``.
    """
    from django.core.exceptions import NON_FIELD_ERRORS

    code_for = code_for or {}
    field_names = field_names or {}
    result = []
    by_field: Iterable[tuple[str, list[ValidationError]]]
    if hasattr(exc, "error_dict"):
        by_field = exc.error_dict.items()
    else:
        by_field = [(NON_FIELD_ERRORS, exc.error_list)]
    for name, errs in by_field:
        client_name = (
            None if name == NON_FIELD_ERRORS else field_names.get(name, to_camel_case(name))
        )
        for err in errs:
            code = code_for.get(err.code or "", default_code)
            if code is None:
                raise ValueError(f"No API error code for validation code {err.code!r}") from exc
            message = err.message % err.params if err.params else err.message
            result.append(error(error_cls, code, str(message), client_name))
    return result


def to_camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


class PublicError(Exception):
    """A request error whose message and code are meant for the client (never masked)."""

    def __init__(self, code: Enum | str, message: str) -> None:
        self.code = code.value if isinstance(code, Enum) else code
        self.message = str(message)
        self.extensions = {"code": self.code}
        super().__init__(self.message)


@strawberry.enum(description="Codes of request errors about content queries.")
class ContentErrorCode(Enum):
    INVALID_LOCALE = "INVALID_LOCALE"
    INVALID_PREVIEW_TOKEN = "INVALID_PREVIEW_TOKEN"
    EXPIRED_PREVIEW_TOKEN = "EXPIRED_PREVIEW_TOKEN"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"


def is_public(error: GraphQLError) -> bool:
    """True for errors clients may read as they are: our coded errors and validation errors."""
    original = error.original_error
    return original is None or isinstance(original, PublicError | GraphQLError)


__all__ = [
    "CodeT",
    "ContentErrorCode",
    "PublicError",
    "UserError",
    "error",
    "error_type",
    "errors_from_validation",
    "is_public",
]
