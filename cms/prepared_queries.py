"""Querysets compiled to SQL once per process, then run with the caller's values.

Django builds and compiles a queryset's SQL every time it is evaluated. For a lookup that the
database answers in a quarter of a millisecond, that is 1–3 ms of CPU here (a multi-table page
model with a subquery costs the most), and a public mutation that is called a hundred times a
second runs several of them. ``PreparedQuery`` builds the queryset once per database and
*shape* (how many values each list argument has) with marker values, keeps the SQL, and runs
it with the real values, building the model instances (with the same deferred fields and
value converters) as the queryset's own iteration does.

Only plain string values (and non-empty lists of them, for ``__in``) can be passed: a marker
must reach the SQL parameters unchanged, which is checked when the SQL is compiled. Lookups
that change their value (``contains``, dates on SQLite) are refused there, with an error.
The queryset must select one model's columns (no ``select_related``, ``values`` or
annotations).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, models

M = TypeVar("M", bound=models.Model)

Value = str | Sequence[str]
_Shape = tuple[int | None, ...]  # per argument: None for a string, else the list's length


def _marker(argument: int, item: int | None) -> str:
    # Private-use characters: no real value contains them.
    suffix = "" if item is None else f".{item}"
    return f"\ue000prepared-{argument}{suffix}\ue000"


@dataclass(frozen=True)
class _Compiled:
    model: type[models.Model]
    sql: str
    params: list[Any]  # with a marker in each slot
    slots: list[int]  # where the caller's values go in ``params``
    columns: list[Any]  # the selected columns' expressions, in order
    names: list[str]  # the model attribute each column fills


def _converters(connection: Any, columns: list[Any]) -> list[tuple[int, list, Any]]:
    """The value converters of each column on this connection (as the compiler's
    ``get_converters``, but for the calling thread's connection)."""
    found = []
    for position, column in enumerate(columns):
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            found.append((position, functions, column))
    return found


def _convert(row: tuple, converters: list[tuple[int, list, Any]], connection: Any) -> tuple:
    if not converters:
        return row
    values = list(row)
    for position, functions, column in converters:
        value = values[position]
        for function in functions:
            value = function(value, column, connection)
        values[position] = value
    return tuple(values)


class PreparedQuery(Generic[M]):
    """``build(*values)`` returns the queryset for ``values``; calling the prepared query with
    values returns the list of instances that queryset would give."""

    def __init__(self, build: Callable[..., models.QuerySet[M]]) -> None:
        self._build = build
        self._compiled: dict[tuple[str, _Shape], _Compiled] = {}

    def __call__(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> list[M]:
        shape = tuple(_shape_of(value) for value in values)
        key = (using, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(shape, using)
        flat = [v for value in values for v in ([value] if isinstance(value, str) else value)]
        params = list(compiled.params)
        for index, value in zip(compiled.slots, flat, strict=True):
            params[index] = value
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        converters = _converters(connection, compiled.columns)
        model, names = compiled.model, compiled.names
        return [model.from_db(using, names, _convert(row, converters, connection)) for row in rows]

    def sql(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> str:
        """The compiled SQL for values of this shape (for tests and debugging)."""
        return self._compile(tuple(_shape_of(v) for v in values), using).sql

    def _compile(self, shape: _Shape, using: str) -> _Compiled:
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
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
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
        # What the queryset's own iteration reads off the compiler: each column's expression
        # (for the database's and the fields' value converters) and the attribute it fills.
        first, last = (
            compiler.klass_info["select_fields"][0],
            compiler.klass_info["select_fields"][-1],
        )
        columns = [column for column, _sql, _alias in compiler.select[first : last + 1]]
        return _Compiled(
            model=compiler.klass_info["model"],
            sql=sql,
            params=list(params),
            slots=slots,
            columns=columns,
            names=[column.target.attname for column in columns],
        )


def _shape_of(value: Value) -> int | None:
    if isinstance(value, str):
        return None
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return len(value)
    raise TypeError(f"a prepared query takes strings and lists of strings, not {value!r}")
