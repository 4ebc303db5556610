"""Limits that keep one request from costing the server too much, and production masking."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.extensions.base_extension import SchemaExtension

from .errors import is_public

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_LIMIT = 100


def security_extensions() -> list[Callable[[], SchemaExtension]]:
    """The schema extensions for the current settings.

    Depth, alias and token limits always apply. ``GRAPHQL_INTROSPECTION = False`` (production)
    rejects introspection queries, and ``DEBUG = False`` masks unexpected exceptions so their
    text never reaches clients; coded errors (``PublicError``) and validation errors stay.
    """
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ]
    if not settings.GRAPHQL_INTROSPECTION:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    if not settings.DEBUG:
        extensions.append(lambda: MaskErrors(should_mask_error=lambda error: not is_public(error)))
    return extensions
