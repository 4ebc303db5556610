"""Is the database unavailable? One answer for every door (GraphQL, site pages, REST).

An outage is a failure to reach or keep a connection (refused, reset, server shutting down, too
many clients), or SQLite's file being locked or unreadable. It is worth a ``503`` with
``Retry-After``: the same request succeeds once the database is back. Any other database error
(a missing table, a constraint) is a bug and stays a 500.

``server_error`` is the project's ``handler500``: an outage gets the styled ``503.html`` in the
reader's language (JSON under ``/api/``); anything else gets the usual 500 page. Django calls it
from inside the exception handler, so it sees the exception of any layer (view, middleware,
template), and nothing it renders may touch the database. The GraphQL view answers its own 503
with ``SERVICE_UNAVAILABLE`` from the same predicate.
"""

from __future__ import annotations

import logging
import sys

from django.db import DEFAULT_DB_ALIAS, connections, utils
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

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


def database_available(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Can a connection be made and used right now? (Opens one if there is none.)"""
    connection = connections[alias]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
        return True
    except (utils.OperationalError, utils.InterfaceError):
        return False


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` (or an exception it was raised from) means the database is down."""
    if error is None:
        return False
    for exc in _chain(error):
        if not isinstance(exc, utils.OperationalError | utils.InterfaceError):
            continue
        message = str(exc).lower()
        if any(text in message for text in _SQLITE_OUTAGE_MESSAGES):
            return True
        driver_error = exc.__cause__
        sqlstate = getattr(driver_error, "sqlstate", None)
        if sqlstate:
            return sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES
        if driver_error is not None:
            # SQLite's other errors are bugs; a server driver without SQLSTATE never reached
            # the server (refused, reset, closed connection).
            return not type(driver_error).__module__.startswith("sqlite3")
        # No driver detail at all: a fresh connection tells whether the database is there.
        return not database_available()
    return False


def service_unavailable(request: HttpRequest | None) -> HttpResponse:
    """The styled 503 page (or a JSON body under /api/), in the reader's language."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    with translation.override(language):
        if request is not None and request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"message": _("The service is temporarily unavailable. Please try again soon.")},
                status=503,
            )
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        logger.warning("Database unavailable, answering 503: %s", exc)
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
