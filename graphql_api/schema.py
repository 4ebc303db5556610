"""The public GraphQL schema, composed from one module per domain.

Each domain module exposes a ``…Query`` (and, for writes, a ``…Mutation``) type; they are
merged here. To add a domain, import its types and append them to the tuples below.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from .locales import LocaleQuery
from .security import security_extensions

QUERY_TYPES: tuple[type, ...] = (LocaleQuery,)
MUTATION_TYPES: tuple[type, ...] = ()


def build_schema() -> strawberry.Schema:
    """Build the schema for the current settings (tests rebuild it with production settings)."""
    query = merge_types("Query", QUERY_TYPES)
    mutation = merge_types("Mutation", MUTATION_TYPES) if MUTATION_TYPES else None
    return strawberry.Schema(
        query=query,
        mutation=mutation,
        extensions=[DjangoOptimizerExtension, *security_extensions()],
    )


schema = build_schema()
