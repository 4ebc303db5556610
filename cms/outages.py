"""Is the database unavailable? One answer for every door (GraphQL, site pages, REST).

An outage is a failure to reach or keep a connection (refused, reset, server shutting down, too
many clients), or SQLite's file being locked or unreadable. It is worth a ``503`` with
``Retry-After``: the same request succeeds once the database is back. Any other database error
(a missing table, a constraint) is a bug and stays a 500.
"""

from __future__ import annotations

from django.db import utils

RETRY_AFTER_SECONDS = 10
"""What ``Retry-After`` says: a PostgreSQL restart takes about this long."""

# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections),
# 57 operator intervention (admin shutdown, cannot connect now, query cancelled).
_OUTAGE_SQLSTATE_CLASSES = frozenset({"08", "53", "57"})
_SQLITE_OUTAGE_MESSAGES = ("database is locked", "unable to open database", "disk i/o error")


def _chain(error: BaseException):
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` (or an exception it was raised from) means the database is down."""
    if error is None:
        return False
    for exc in _chain(error):
        if not isinstance(exc, utils.OperationalError | utils.InterfaceError):
            continue
        driver_error = exc.__cause__
        sqlstate = getattr(driver_error, "sqlstate", None)
        if sqlstate:
            return sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES
        if type(driver_error).__module__.startswith("sqlite3"):
            message = str(exc).lower()
            return any(text in message for text in _SQLITE_OUTAGE_MESSAGES)
        # No SQLSTATE: the driver never reached the server (refused, reset, closed connection).
        return True
    return False


__all__ = ["RETRY_AFTER_SECONDS", "is_database_unavailable"]
