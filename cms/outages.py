"""When the database is unavailable: recognise it, and answer 503 instead of 500.

``is_database_outage(exc)`` says whether an exception means "the database cannot be reached
(or is locked) right now" rather than a bug; the GraphQL view can import it too.
``server_error`` is the project's ``handler500``: an outage gets the styled ``503.html`` in
the reader's language with ``Retry-After``; anything else gets the usual 500 page. Django
calls it from inside the exception handler, so it sees the exception of any layer (view,
middleware, template) and nothing it renders may touch the database.
"""

from __future__ import annotations

import logging
import sys

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_TRANSIENT_MESSAGES = ("database is locked", "database table is locked")


def database_available(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Can a connection be made and used right now? (Opens one if there is none.)"""
    connection = connections[alias]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
        return True
    except (OperationalError, InterfaceError):
        return False


def is_database_outage(exc: BaseException | None, alias: str = DEFAULT_DB_ALIAS) -> bool:
    """True for errors that mean the database is down, unreachable or locked, not a bug."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    if any(text in str(exc).lower() for text in _TRANSIENT_MESSAGES):
        return True
    return not database_available(alias)


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
    if is_database_outage(exc):
        logger.warning("Database unavailable, answering 503: %s", exc)
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
