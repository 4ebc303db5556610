"""The public GraphQL schema, composed from one module per domain.

Each domain module exposes a ``…Query`` (and, for writes, a ``…Mutation``) type; they are
merged here. To add a domain, import its types and add them to the tuples below.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from .action_plans import ActionPlan, ActionPlanQuery
from .blocks import ALL_BLOCK_TYPES
from .caching import PublicQueryMarker
from .cities import CityQuery, SisterCity
from .errors import ContentErrorCode, PublicError
from .locales import LocaleQuery
from .pages import GenericPage, HomePage, PageQuery, StandardPage
from .registrations import RegistrationMutation, RegistrationQuery
from .security import security_extensions
from .sessions import Session, SessionQuery

QUERY_TYPES: tuple[type, ...] = (
    LocaleQuery,
    CityQuery,
    SessionQuery,
    ActionPlanQuery,
    PageQuery,
    RegistrationQuery,
)
MUTATION_TYPES: tuple[type, ...] = (RegistrationMutation,)

PAGE_TYPES: tuple[type, ...] = (
    SisterCity,
    Session,
    ActionPlan,
    HomePage,
    StandardPage,
    GenericPage,
)
"""Every implementation of the ``Page`` interface (``page``, ``search`` and ``preview``)."""


class Schema(strawberry.Schema):
    """Logs unexpected errors only: coded errors are answers, not incidents."""

    def process_errors(self, errors, execution_context=None) -> None:
        unexpected = [
            error for error in errors if not isinstance(error.original_error, PublicError)
        ]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build_schema() -> strawberry.Schema:
    """Build the schema for the current settings (tests rebuild it with production settings).

    No ``DjangoOptimizerExtension``: resolvers return lists prepared by the request's batch
    loaders (``loaders.py``), never querysets for the optimizer to rewrite, and wrapping every
    resolver cost about a third of the all-cities query's time for nothing.
    """
    query = merge_types("Query", QUERY_TYPES)
    mutation = merge_types("Mutation", MUTATION_TYPES) if MUTATION_TYPES else None
    return Schema(
        query=query,
        mutation=mutation,
        types=[*PAGE_TYPES, *ALL_BLOCK_TYPES, ContentErrorCode],
        extensions=[*security_extensions(), PublicQueryMarker],
    )


schema = build_schema()
