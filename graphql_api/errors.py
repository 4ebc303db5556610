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

from enum import Enum
from typing import Any, TypeVar

import strawberry
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


def to_camel_case(name: str) -> str:
    """``full_name`` → ``fullName``: input field names as GraphQL clients write them."""
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
    "error_type",
    "to_camel_case",
    "is_public",
]
