"""Querysets compiled to SQL once per process, then run with the caller's values.

Django builds and compiles a queryset's SQL every time it is evaluated. For a lookup that the
database answers in a quarter of a millisecond, that is 1–3 ms of CPU here (a multi-table page
model with a subquery costs the most), and a public mutation that is called a hundred times a
second runs several of them. ``PreparedQuery`` builds the queryset once per database and
*shape* (how many values each list argument has) with marker values, keeps the SQL, and runs
it with the real values through ``Manager.raw``, which builds the same model instances (with
the same deferred fields) as the queryset would.

Only plain string values (and non-empty lists of them, for ``__in``) can be passed: a marker
must reach the SQL parameters unchanged, which is checked when the SQL is compiled. Lookups
that change their value (``contains``, dates on SQLite) are refused there, with an error.
The queryset must select one model's columns (no ``select_related``, ``values`` or
annotations): ``raw`` maps them back by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, models

M = TypeVar("M", bound=models.Model)

Value = str | Sequence[str]
_Shape = tuple[int | None, ...]  # per argument: None for a string, else the list's length


def _marker(argument: int, item: int | None) -> str:
    # Private-use characters: no real value contains them.
    suffix = "" if item is None else f".{item}"
    return f"\ue000prepared-{argument}{suffix}\ue000"


class PreparedQuery(Generic[M]):
    """``build(*values)`` returns the queryset for ``values``; calling the prepared query with
    values returns the list of instances that queryset would give."""

    def __init__(self, build: Callable[..., models.QuerySet[M]]) -> None:
        self._build = build
        self._compiled: dict[tuple[str, _Shape], tuple[type[M], str, list, list[int]]] = {}

    def __call__(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> list[M]:
        shape = tuple(_shape_of(value) for value in values)
        key = (using, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(shape, using)
        model, sql, template, slots = compiled
        flat = [v for value in values for v in ([value] if isinstance(value, str) else value)]
        params = list(template)
        for index, value in zip(slots, flat, strict=True):
            params[index] = value
        return list(model._default_manager.raw(sql, params, using=using))

    def sql(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> str:
        """The compiled SQL for values of this shape (for tests and debugging)."""
        return self._compile(tuple(_shape_of(v) for v in values), using)[1]

    def _compile(self, shape: _Shape, using: str) -> tuple[type[M], str, list, list[int]]:
        arguments = [
            _marker(a, None) if n is None else [_marker(a, i) for i in range(n)]
            for a, n in enumerate(shape)
        ]
        queryset = self._build(*arguments)
        query = queryset.query
        if query.select_related or query.annotation_select or not query.default_cols:
            raise ImproperlyConfigured(
                f"{self._build!r}: a prepared query selects one model's columns only"
            )
        sql, params = query.get_compiler(using=using).as_sql()
        markers = [m for a in arguments for m in ([a] if isinstance(a, str) else a)]
        slots = []
        for marker in markers:
            found = [i for i, p in enumerate(params) if p == marker]
            if len(found) != 1 or any(
                isinstance(p, str) and marker in p and p != marker for p in params
            ):
                raise ImproperlyConfigured(
                    f"{self._build!r}: a value must reach the SQL unchanged, once"
                    f" (its lookup transforms it or uses it twice): {params!r}"
                )
            slots.append(found[0])
        return queryset.model, sql, list(params), slots


def _shape_of(value: Value) -> int | None:
    if isinstance(value, str):
        return None
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return len(value)
    raise TypeError(f"a prepared query takes strings and lists of strings, not {value!r}")
