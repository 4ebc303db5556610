"""A copy of the loaded programme inside the test database, restored in a second.

Loading the programme (`load_programme --demo`: pages in two languages, their translation
sources, revisions, search entries) takes 20 s on SQLite and about 35 s on PostgreSQL. The test
database gets it once (``django_db_setup``); a transactional test flushes it when it ends, and
the next one that asks for the ``programme`` fixture used to load it again. Instead, right after
the first load every model table is copied into a table of its own beside it (``CREATE TABLE …
AS SELECT``; Django's flush empties only model tables, so the copies survive), and ``restore``
empties the model tables and copies the rows back, sequences moved past the restored keys: the
same rows, keys and search entries as the load made, in about a second.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

_PREFIX = "zz_snapshot_"
# Table name → its copy's name; filled by take(), for the test database of this run.
_copies: dict[str, str] = {}
# Filled by triggers when rows go back into another table: Wagtail's SQLite full-text table gets
# a row (with the entry's id as rowid) for every search index entry inserted.
_FILLED_BY_TRIGGERS = {"wagtailsearch_indexentry_fts"}


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _copied(table: str) -> bool:
    return not (connection.vendor == "sqlite" and table in _FILLED_BY_TRIGGERS)


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} WHERE 1 = 0")
        return [column[0] for column in cursor.description]


def take() -> None:
    """Copy every model table's rows into a table of its own (replacing an earlier copy)."""
    quote = connection.ops.quote_name
    _copies.clear()
    with transaction.atomic(), connection.cursor() as cursor:
        for number, table in enumerate(filter(_copied, _tables())):
            copy = f"{_PREFIX}{number}"
            cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
            cursor.execute(f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}")
            _copies[table] = copy


def taken() -> bool:
    return bool(_copies)


def restore() -> None:
    """Empty the model tables and put the copied rows back, keys and sequences included."""
    if not _copies:
        raise RuntimeError("snapshot.restore() before snapshot.take()")
    quote = connection.ops.quote_name
    tables = _tables()
    flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in flush:
            cursor.execute(statement)
        for table in tables:
            copy = _copies.get(table)
            if copy is None:
                continue  # filled by a trigger, or made after the snapshot (left empty)
            names = ", ".join(quote(c) for c in _columns(copy))
            target, source = quote(table), quote(copy)
            cursor.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {source}")
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
