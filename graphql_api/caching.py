"""Tells the HTTP cache (``cms/http_cache.py``) whether an operation read only public content.

Decided from the executed document, so persisted and ad-hoc documents are judged alike: a query
whose root fields are all in ``PUBLIC_ROOT_FIELDS`` is public; anything else (a mutation,
``preview``, ``applicationStatus``, a field added later and not listed here) is private.

Introspection (``__schema``, ``__type``) stays private too: the schema changes with a deploy,
which purges nothing, so a shared cache would keep answering with the old one.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

from cms import http_cache

PUBLIC_ROOT_FIELDS = frozenset(
    {
        "__typename",
        "locales",
        "regions",
        "cooperationAreas",
        "cities",
        "city",
        "sessions",
        "session",
        "actionPlans",
        "cooperationMatrix",
        "organisations",
        "page",
        "search",
    }
)


def root_field_names(document: DocumentNode, operation_name: str | None) -> set[str] | None:
    """The root field names the operation selects (through fragments too); None if unknown."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1 or operations[0].operation != OperationType.QUERY:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if hasattr(d, "type_condition") and d.name
    }
    return set(_fields(operations[0].selection_set, fragments, set()))


def _fields(selection_set: SelectionSetNode, fragments: dict, seen: set[str]) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                yield "?"  # unknown: never public
                continue
            seen.add(name)
            yield from _fields(fragments[name].selection_set, fragments, seen)


class PublicQueryMarker(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        names = None
        if context.graphql_document is not None:
            names = root_field_names(context.graphql_document, context.operation_name)
        if names is not None and names <= PUBLIC_ROOT_FIELDS:
            http_cache.mark_public()
        else:
            http_cache.mark_private()
        yield
