"""Limits that keep one request from costing the server too much, and production masking.

Depth, aliases and tokens are limited here; repetition, size caps, the cost budget and the
parse/validation caches are ``cost.py``'s :class:`~graphql_api.cost.DocumentGuard`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

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

from cms.outages import is_database_unavailable

from .cost import DocumentCache, DocumentGuard
from .errors import is_public

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_LIMIT = 100


def security_extensions() -> list[Callable[[], SchemaExtension]]:
    """The schema extensions for the current settings.

    Depth, alias, token, size and cost limits always apply (``cost.py``).
    ``GRAPHQL_INTROSPECTION = False`` (production) rejects introspection queries, and
    ``DEBUG = False`` masks unexpected exceptions so their text never reaches clients; coded
    errors (``PublicError``) and validation errors stay.
    """
    documents = DocumentCache()
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ]
    if not settings.GRAPHQL_INTROSPECTION:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    # After the extensions that add parse options and validation rules: it runs them.
    extensions.append(lambda: DocumentGuard(documents))
    extensions.append(OutageDetector)
    if not settings.DEBUG:
        extensions.append(lambda: MaskErrors(should_mask_error=lambda error: not is_public(error)))
    return extensions


class OutageDetector(SchemaExtension):
    """Marks the context when a resolver failed because the database is unavailable.

    It looks at the original exceptions before ``MaskErrors`` hides them; the view then
    answers 503 with ``SERVICE_UNAVAILABLE`` instead of a masked "Unexpected error.".
    """

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or ()
        if any(is_database_unavailable(error.original_error) for error in errors):
            context = self.execution_context.context
            if context is not None:
                context.database_unavailable = True
