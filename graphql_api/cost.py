"""What a query may cost: repetition folded away, size caps, a cost budget, cached documents.

Every document goes through :class:`DocumentGuard` (a schema extension), in this order:

1. **Parse, cached.** Parsed documents are kept per schema in an LRU keyed by the query text,
   so a repeated query (every persisted one) is parsed once per process.
2. **Fold repetition.** Within each selection set, fields with the same response key, name,
   arguments and directives are merged into one (their sub-selections concatenated, then
   folded again), identical inline fragments likewise, and repeated fragment spreads dropped.
   GraphQL's own field collection does exactly this at execution, so the answer is unchanged;
   but validation no longer sees 399 copies of ``cities { slug }`` (graphql-core's
   ``OverlappingFieldsCanBeMergedRule`` is quadratic in them).
3. **Size caps, before validation**: at most :data:`MAX_FIELDS` field selections with fragments
   expanded, :data:`MAX_KEY_REPEATS` distinct selections of one response key in one selection
   set and :data:`MAX_FRAGMENT_SPREADS` fragment spreads in one selection set. These bound the
   quadratic rule whatever the document; a query over them is refused unvalidated.
4. **Validate, cached**: graphql-core's rules plus the depth, alias and introspection rules of
   ``security.py``; the errors are cached per query text.
5. **Cost**, per request (it depends on variables): every field costs 1 for each object it is
   resolved on; a list field multiplies the cost of its sub-selection by its expected length,
   the ``limit``/``first`` argument when given (capped at ``MAX_LIMIT``), else its entry in
   :data:`LIST_SIZES`, else :data:`DEFAULT_LIST_SIZE`. Introspection counts 1 per field.
   Over :data:`MAX_COST` (setting ``GRAPHQL_MAX_COST``) the request is refused with
   ``extensions.code = "QUERY_TOO_COMPLEX"`` and the computed ``cost`` and ``maxCost``.

Refusals are request errors without ``data``: HTTP 400 for ``application/graphql-response+json``
clients, 200 for ``application/json`` ones (``views.py``).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace
from threading import Lock
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    Visitor,
    get_named_type,
    parse,
    print_ast,
    visit,
)
from graphql.language.visitor import BREAK
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.schema import validate_document

from .errors import PublicError

QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"

MAX_COST = 200_000
"""Default budget. At a full page of 100 cities the benchmark's dossier query
(``benchmarks/content_api.py``) costs 47,201 and the richest dossier query of the tests
(``tests/graphql_api/test_query_counts.py``: translations, renditions, every session and
Action Plan field) 129,201."""
MAX_FIELDS = 500
"""Field selections in a document, fragments expanded, after folding repetition."""
MAX_KEY_REPEATS = 12
"""Distinct selections of one response key in one selection set (interfaces need a few)."""
MAX_FRAGMENT_SPREADS = 24
"""Fragment spreads in one selection set."""
MAX_LIST_SIZE = 100
"""A list argument (``limit``/``first``) never counts more than this (``security.MAX_LIMIT``)."""
DEFAULT_LIST_SIZE = 10
SIZE_ARGUMENTS = ("limit", "first")
LIST_SIZES: dict[str, int] = {
    # Top-level lists: every city of the programme (one page of at most 100).
    "Query.cities": 100,
    "Query.sessions": 20,
    "Query.actionPlans": 100,
    "Query.search": 20,
    "Query.regions": 10,
    "Query.cooperationAreas": 10,
    # Nested lists: what one object has at most in practice.
    "SisterCity.sessions": 10,
    "SisterCity.actionPlans": 3,
    "SisterCity.topics": 10,
    "ActionPlan.items": 30,
    "ActionPlan.progressByArea": 10,
    "StreamBlock": 20,
}
"""Expected lengths of list fields, by ``Type.field`` or (for any field of that item type)
item type name. ``locales`` and ``translations`` count the configured languages."""

CACHE_SIZE = 256
"""Documents kept parsed and validated per schema (least recently used are dropped)."""


def max_cost() -> int:
    return int(getattr(settings, "GRAPHQL_MAX_COST", MAX_COST))


def refusal(code: str, message: str, **extensions: Any) -> GraphQLError:
    """A request error for the client: coded, never masked, not logged as an incident."""
    return GraphQLError(
        message,
        original_error=PublicError(code, message),
        extensions={"code": code, **extensions},
    )


def too_complex(message: str, **extensions: Any) -> GraphQLError:
    return refusal(QUERY_TOO_COMPLEX, message, **extensions)


# --- 2. Folding repetition -----------------------------------------------------------------


def _printed(nodes) -> str:
    return " ".join(print_ast(node) for node in nodes or ())


def _merge_into(first, second):
    selections = (*first.selection_set.selections, *second.selection_set.selections)
    return replace(first, selection_set=SelectionSetNode(selections=selections))


def fold_selection_set(selection_set: SelectionSetNode | None) -> SelectionSetNode | None:
    """The selection set with identical selections merged (see the module docstring)."""
    if selection_set is None:
        return None
    kept: OrderedDict[tuple, Any] = OrderedDict()
    for index, node in enumerate(selection_set.selections):
        if isinstance(node, FieldNode):
            key: tuple = (
                "field",
                (node.alias or node.name).value,
                node.name.value,
                _printed(node.arguments),
                _printed(node.directives),
                node.selection_set is None,
            )
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else ""
            key = ("inline", condition, _printed(node.directives))
        elif isinstance(node, FragmentSpreadNode):
            key = ("spread", node.name.value, _printed(node.directives))
        else:  # pragma: no cover - future node kinds are kept as they are
            key = ("other", index)
        previous = kept.get(key)
        if previous is None:
            kept[key] = node
        elif getattr(node, "selection_set", None) is not None:
            kept[key] = _merge_into(previous, node)
    folded = []
    for node in kept.values():
        if getattr(node, "selection_set", None) is not None:
            node = replace(node, selection_set=fold_selection_set(node.selection_set))
        folded.append(node)
    return SelectionSetNode(selections=tuple(folded), loc=selection_set.loc)


def fold_document(document: DocumentNode) -> DocumentNode:
    definitions = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
            definition = replace(
                definition, selection_set=fold_selection_set(definition.selection_set)
            )
        definitions.append(definition)
    return DocumentNode(definitions=tuple(definitions), loc=document.loc)


# --- 3. Size caps ----------------------------------------------------------------------------


def size_errors(document: DocumentNode) -> list[GraphQLError]:
    """Refusals by the size caps, checked before validation (see the module docstring)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    expanded: dict[str, int] = {}
    visiting: set[str] = set()
    problems: list[str] = []

    def count(selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        total = 0
        keys: dict[str, int] = {}
        spreads = 0
        for node in _flatten_inline(selection_set):
            if isinstance(node, FieldNode):
                response_key = (node.alias or node.name).value
                keys[response_key] = keys.get(response_key, 0) + 1
                total += 1 + count(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                spreads += 1
                total += fragment_fields(node.name.value)
            if total > MAX_FIELDS:
                break
        repeated = max(keys.values(), default=0)
        if repeated > MAX_KEY_REPEATS:
            problems.append(
                _("A field is selected %(count)d times in one place; at most %(max)d are allowed.")
                % {"count": repeated, "max": MAX_KEY_REPEATS}
            )
        if spreads > MAX_FRAGMENT_SPREADS:
            problems.append(
                _("%(count)d fragment spreads in one place; at most %(max)d are allowed.")
                % {"count": spreads, "max": MAX_FRAGMENT_SPREADS}
            )
        return total

    def fragment_fields(name: str) -> int:
        if name in expanded:
            return expanded[name]
        fragment = fragments.get(name)
        if fragment is None or name in visiting:
            return 0  # unknown or cyclic: validation reports it
        visiting.add(name)
        expanded[name] = count(fragment.selection_set)
        visiting.discard(name)
        return expanded[name]

    total = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            total += count(definition.selection_set)
        elif isinstance(definition, FragmentDefinitionNode):
            total += fragment_fields(definition.name.value)
        if total > MAX_FIELDS or problems:
            break
    if total > MAX_FIELDS:
        problems.insert(
            0,
            _("The query selects more than %(max)d fields; split it into smaller queries.")
            % {"max": MAX_FIELDS},
        )
    return [too_complex(problem) for problem in problems[:1]]


class _NulFinder(Visitor):
    found = False

    def enter_string_value(self, node: StringValueNode, *_args) -> Any:
        if "\x00" in node.value:
            self.found = True
            return BREAK
        return None


def literal_errors(document: DocumentNode) -> list[GraphQLError]:
    """A NUL character in a string literal (``"\\u0000"``): no database can store it."""
    finder = _NulFinder()
    visit(document, finder)
    if not finder.found:
        return []
    return [refusal("BAD_REQUEST", _("The query contains a NUL character in a string."))]


def _flatten_inline(selection_set: SelectionSetNode) -> Iterator:
    """The selections of a set with inline fragments opened, as graphql-core compares them."""
    for node in selection_set.selections:
        if isinstance(node, InlineFragmentNode):
            yield from _flatten_inline(node.selection_set)
        else:
            yield node


# --- 5. Cost ---------------------------------------------------------------------------------


class CostCalculator:
    """The cost of one operation for given variables (see the module docstring)."""

    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: dict | None
    ) -> None:
        self.schema = schema
        self.variables = variables or {}
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.languages = max(1, len(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ()) or ()))
        self._fragment_cost: dict[str, int] = {}

    def operation_cost(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self.selection_cost(operation.selection_set, root)

    def selection_cost(self, selection_set: SelectionSetNode | None, parent) -> int:
        if selection_set is None or parent is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field_cost(node, parent)
            elif isinstance(node, InlineFragmentNode):
                condition = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                total += self.selection_cost(node.selection_set, condition)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment_cost(node.name.value)
        return total

    def fragment_cost(self, name: str) -> int:
        if name not in self._fragment_cost:
            self._fragment_cost[name] = 0  # a cycle counts nothing (validation refuses it)
            fragment = self.fragments.get(name)
            if fragment is not None:
                condition = self.schema.get_type(fragment.type_condition.name.value)
                self._fragment_cost[name] = self.selection_cost(fragment.selection_set, condition)
        return self._fragment_cost[name]

    def field_cost(self, node: FieldNode, parent) -> int:
        name = node.name.value
        if name in ("__schema", "__type"):
            return 1 + _count_fields(node.selection_set)
        fields = getattr(parent, "fields", None) or {}
        definition = fields.get(name)
        if definition is None:
            return 1
        return_type = definition.type
        if isinstance(return_type, GraphQLNonNull):
            return_type = return_type.of_type
        item_type = get_named_type(return_type)
        if node.selection_set is None:
            return 1
        size = (
            self.list_size(node, parent, item_type) if isinstance(return_type, GraphQLList) else 1
        )
        return 1 + size * self.selection_cost(node.selection_set, item_type)

    def list_size(self, node: FieldNode, parent, item_type) -> int:
        for argument in node.arguments or ():
            if argument.name.value in SIZE_ARGUMENTS:
                value = argument.value
                if isinstance(value, VariableNode):
                    given = self.variables.get(value.name.value)
                elif isinstance(value, IntValueNode):
                    given = int(value.value)
                else:
                    given = None
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(0, min(given, MAX_LIST_SIZE))
        name = node.name.value
        if name in ("locales", "translations"):
            return self.languages
        return LIST_SIZES.get(
            f"{parent.name}.{name}", LIST_SIZES.get(item_type.name, DEFAULT_LIST_SIZE)
        )


def _count_fields(selection_set: SelectionSetNode | None) -> int:
    if selection_set is None:
        return 0
    return sum(
        (1 if isinstance(node, FieldNode) else 0)
        + _count_fields(getattr(node, "selection_set", None))
        for node in selection_set.selections
    )


def operation_of(document: DocumentNode, operation_name: str | None):
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        return next((o for o in operations if o.name and o.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: dict | None = None,
) -> int:
    """The cost of the operation that would run (0 if there is none to pick)."""
    operation = operation_of(document, operation_name)
    if operation is None:
        return 0
    return CostCalculator(schema, document, variables).operation_cost(operation)


# --- The extension -------------------------------------------------------------------------


_caches: weakref.WeakSet[DocumentCache] = weakref.WeakSet()


def clear_document_caches() -> None:
    """Forget every parsed and validated document (benchmarks measure the cold path)."""
    for document_cache in list(_caches):
        document_cache.clear()


class DocumentCache:
    """Per-schema LRU of query text → (folded document, errors before cost)."""

    def __init__(self, maxsize: int = CACHE_SIZE) -> None:
        _caches.add(self)
        self.maxsize = maxsize
        self._entries: OrderedDict[str, tuple[DocumentNode, list[GraphQLError] | None]] = (
            OrderedDict()
        )
        self._lock = Lock()

    def get(self, query: str):
        with self._lock:
            entry = self._entries.get(query)
            if entry is not None:
                self._entries.move_to_end(query)
            return entry

    def put(self, query: str, document: DocumentNode, errors: list[GraphQLError] | None) -> None:
        with self._lock:
            self._entries[query] = (document, errors)
            self._entries.move_to_end(query)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class DocumentGuard(SchemaExtension):
    """Parse (cached), fold repetition, cap sizes, validate (cached), then check the cost.

    Give it the schema's :class:`DocumentCache`; place it after the extensions that add
    validation rules or parse options (``security_extensions`` does).
    """

    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache
        self._query: str | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        if query and context.graphql_document is None:
            entry = self.cache.get(query)
            if entry is not None:
                context.graphql_document = entry[0]
            else:
                try:
                    context.graphql_document = fold_document(parse(query, **context.parse_options))
                except GraphQLError:
                    pass  # strawberry parses again and reports the syntax error
                else:
                    self.cache.put(query, context.graphql_document, None)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        query = context.query or ""
        entry = self.cache.get(query) if query else None
        cached = entry is not None and entry[0] is document
        errors = entry[1] if cached else None
        if errors is None:
            # Size refusals are not cached: their messages are in the caller's language.
            errors = size_errors(document) or literal_errors(document)
            if not errors:
                errors = validate_document(
                    context.schema._schema, document, tuple(context.validation_rules)
                )
                if cached:
                    self.cache.put(query, document, errors)
        # strawberry falls back to the first operation; the specification wants a name.
        provided = getattr(context, "_provided_operation_name", context.operation_name)
        if not errors and operation_of(document, provided) is None:
            message = _(
                "Name the operation to run with “operationName”; the document has none or several."
            )
            errors = [refusal("BAD_REQUEST", message)]
        if not errors:
            cost = query_cost(
                context.schema._schema, document, context.operation_name, context.variables
            )
            limit = max_cost()
            if cost > limit:
                errors = [
                    too_complex(
                        _(
                            "The query is too complex: it costs %(cost)d points and at most "
                            "%(max)d are allowed. Ask for fewer fields or smaller lists."
                        )
                        % {"cost": cost, "max": limit},
                        cost=cost,
                        maxCost=limit,
                    )
                ]
        context.pre_execution_errors = list(errors)
        yield


__all__ = [
    "DEFAULT_LIST_SIZE",
    "LIST_SIZES",
    "MAX_COST",
    "MAX_FIELDS",
    "MAX_FRAGMENT_SPREADS",
    "MAX_KEY_REPEATS",
    "QUERY_TOO_COMPLEX",
    "DocumentCache",
    "DocumentGuard",
    "clear_document_caches",
    "fold_document",
    "query_cost",
    "size_errors",
]
