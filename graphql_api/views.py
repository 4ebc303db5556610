"""The ``/graphql/`` endpoint, following the GraphQL-over-HTTP specification.

* **Media types.** A client that accepts ``application/graphql-response+json`` gets it: then a
  request that cannot run (parse, validation or variable errors, a cost refusal, an unknown
  persisted query) answers 400 without a ``data`` entry. Other clients get ``application/json``
  with 200 for those, as before. Both are UTF-8.
* **Malformed requests** answer 4xx with a JSON ``errors`` list and ``extensions.code``, never
  500: a body that is not UTF-8 JSON (UTF-16, invalid bytes, nesting beyond
  :data:`MAX_JSON_DEPTH`), a JSON value that is not an object (a string, ``null``, a batch),
  parameters of the wrong type, NUL characters or lone surrogates in any string, a content
  type other than ``application/json`` (415), a method other than GET and POST (405), a
  mutation over GET (405, ``Allow: POST``).
* **Persisted queries** (``persisted.py``): ``id``/``documentId`` or Apollo's
  ``extensions.persistedQuery``; ``GRAPHQL_PERSISTED_ONLY`` for anonymous clients.
* **Outages**: a database that cannot be reached answers 503 with
  ``extensions.code = "SERVICE_UNAVAILABLE"`` and ``Retry-After`` (``cms/outages.py``).

CSRF: the endpoint carries no session-based authority for mutations, and a POST must be
``application/json``. A cross-site HTML form can only send urlencoded, multipart or plain text
bodies, and a script on another origin needs a CORS preflight to send JSON, which only the
origins in ``CORS_ALLOWED_ORIGINS`` pass. So Django's CSRF token is not needed here, and partner
apps can call the API without one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from cms.outages import RETRY_AFTER_SECONDS, is_database_unavailable

from .context import ApiContext, language_from_headers
from .persisted import PersistedQueryError, resolve_query

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects accepted in a JSON body or parameter."""

_FORBIDDEN_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


class RequestError(Exception):
    """A request the endpoint cannot take; answered with ``status`` and a JSON error."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def accepted_media_type(request: HttpRequest) -> str:
    """``application/graphql-response+json`` if the client prefers it, else ``application/json``.

    No ``Accept``, ``*/*`` and ``application/*`` mean ``application/json`` (the legacy type).
    """
    best = {GRAPHQL_RESPONSE: 0.0, JSON: 0.0}
    header = request.headers.get("Accept", "") or "*/*"
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if media == GRAPHQL_RESPONSE:
            best[GRAPHQL_RESPONSE] = max(best[GRAPHQL_RESPONSE], quality)
        elif media in (JSON, "application/*", "*/*"):
            best[JSON] = max(best[JSON], quality)
    if best[GRAPHQL_RESPONSE] > 0 and best[GRAPHQL_RESPONSE] >= best[JSON]:
        return GRAPHQL_RESPONSE
    return JSON


def check_decoded(value: Any) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH, NUL characters and lone surrogates."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _FORBIDDEN_CHARACTERS.search(item):
                raise RequestError(
                    400,
                    "BAD_REQUEST",
                    _("The request contains a NUL character or an invalid Unicode character."),
                )
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise RequestError(
                    400,
                    "BAD_REQUEST",
                    _("The request nests JSON deeper than %(max)d levels.")
                    % {"max": MAX_JSON_DEPTH},
                )
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def decode_json(text: str, what: str) -> Any:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise RequestError(
            400, "BAD_REQUEST", _("%(what)s is not valid JSON.") % {"what": what}
        ) from None
    check_decoded(value)
    return value


def request_parameters(request: HttpRequest) -> dict[str, Any]:
    """The GraphQL parameters of a GET query string or a POST JSON body, type-checked."""
    if request.method == "GET":
        params: dict[str, Any] = {key: request.GET.get(key) for key in request.GET}
        check_decoded(list(params.values()))
        for name in ("variables", "extensions"):
            if params.get(name):
                params[name] = decode_json(params[name], name)
            elif name in params:
                params[name] = None
    else:
        content_type = request.content_type or ""
        if content_type.lower() != JSON:
            raise RequestError(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                _("Send GraphQL requests as JSON (Content-Type: application/json)."),
            )
        charset = (request.content_params or {}).get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise RequestError(415, "UNSUPPORTED_MEDIA_TYPE", _("Send the request body in UTF-8."))
        try:
            body = request.body
        except RequestDataTooBig:
            raise RequestError(
                413, "PAYLOAD_TOO_LARGE", _("The request body is too large.")
            ) from None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(
                400, "BAD_REQUEST", _("The request body is not valid UTF-8.")
            ) from None
        params = decode_json(text, _("The request body"))
        if isinstance(params, list):
            raise RequestError(
                400, "BAD_REQUEST", _("Send one operation per request; batches are not accepted.")
            )
        if not isinstance(params, dict):
            raise RequestError(400, "BAD_REQUEST", _("The request body must be a JSON object."))
    expected = {
        "query": str,
        "operationName": str,
        "variables": dict,
        "extensions": dict,
        "id": str,
        "documentId": str,
    }
    for name, kind in expected.items():
        value = params.get(name)
        if value is not None and not isinstance(value, kind):
            raise RequestError(
                400,
                "BAD_REQUEST",
                _("The parameter “%(name)s” must be %(kind)s or null.")
                % {"name": name, "kind": _("a string") if kind is str else _("an object")},
            )
    return params


def graphql_response(
    body: dict[str, Any], status: int, media_type: str, headers: dict[str, str] | None = None
) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, separators=(",", ":")),
        status=status,
        content_type=f"{media_type}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    return response


def error_response(
    status: int,
    code: str,
    message: str,
    media_type: str,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return graphql_response(body, status, media_type, headers)


def outage_response(media_type: str) -> HttpResponse:
    return error_response(
        503,
        "SERVICE_UNAVAILABLE",
        _("The service is briefly unavailable. Please try again in a moment."),
        media_type,
        {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
    )


def _is_request_error(result) -> bool:
    """No data and only errors raised before execution (parse, validation, variables, cost).

    Execution errors always carry a ``path``; request errors never do.
    """
    return (
        result.data is None
        and bool(result.errors)
        and all(not error.path for error in result.errors)
    )


@method_decorator(csrf_exempt, name="dispatch")
class ApiView(GraphQLView):
    """The project's GraphQL door: strawberry's schema behind spec-exact HTTP handling.

    Subclass-friendly: ``handle`` answers one request; ``dispatch`` adds the caller's language,
    turns request errors into JSON and database outages into 503.
    """

    allow_queries_via_get = True
    multipart_uploads_enabled = False

    def get_context(self, request: HttpRequest, response: HttpResponse) -> ApiContext:
        return ApiContext(request=request, response=response)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = language_from_headers(request)
        with translation.override(language):
            media_type = accepted_media_type(request)
            try:
                return self.handle(request, media_type)
            except RequestError as error:
                return error_response(
                    error.status, error.code, error.message, media_type, error.headers
                )
            except SuspiciousOperation:
                # Too many query-string fields and the like: Django's own 400, in JSON.
                return error_response(
                    400, "BAD_REQUEST", _("The request is malformed."), media_type
                )
            except Exception as error:
                if is_database_unavailable(error):
                    return outage_response(media_type)
                raise

    def handle(self, request: HttpRequest, media_type: str) -> HttpResponse:
        if request.method not in ("GET", "POST"):
            raise RequestError(
                405,
                "METHOD_NOT_ALLOWED",
                _("Use GET for queries or POST for queries and mutations."),
                {"Allow": "GET, POST"},
            )
        if (
            request.method == "GET"
            and self.graphql_ide
            and not any(key in request.GET for key in ("query", "id", "documentId", "extensions"))
            and "text/html" in request.headers.get("Accept", "")
        ):
            return self.render_graphql_ide(request)

        params = request_parameters(request)
        try:
            query = resolve_query(params, request)
        except PersistedQueryError as error:
            status = 400 if media_type == GRAPHQL_RESPONSE else 200
            return error_response(status, error.code, error.message, media_type)
        if query is None:
            raise RequestError(
                400, "BAD_REQUEST", _("The request has no GraphQL query (parameter “query”).")
            )

        sub_response = self.get_sub_response(request)
        context = self.get_context(request, response=sub_response)
        allowed = (
            {OperationType.QUERY}
            if request.method == "GET"
            else {OperationType.QUERY, OperationType.MUTATION}
        )
        try:
            result = self.schema.execute_sync(
                query,
                variable_values=params.get("variables"),
                context_value=context,
                operation_name=params.get("operationName"),
                allowed_operation_types=allowed,
                operation_extensions=params.get("extensions"),
            )
        except InvalidOperationTypeError:
            raise RequestError(
                405,
                "METHOD_NOT_ALLOWED",
                _("Mutations must be sent with POST."),
                {"Allow": "POST"},
            ) from None
        except CannotGetOperationTypeError:
            # Like a validation error: 400 for graphql-response+json, 200 for legacy clients.
            return error_response(
                400 if media_type == GRAPHQL_RESPONSE else 200,
                "BAD_REQUEST",
                _(
                    "Name the operation to run with “operationName”; the document has none or "
                    "several."
                ),
                media_type,
            )
        except MissingQueryError:
            raise RequestError(
                400, "BAD_REQUEST", _("The request has no GraphQL query (parameter “query”).")
            ) from None

        if getattr(context, "database_unavailable", False):
            return outage_response(media_type)

        body: dict[str, Any] = {}
        if _is_request_error(result):
            status = 400 if media_type == GRAPHQL_RESPONSE else 200
        else:
            status = sub_response.status_code or 200
            body["data"] = result.data
        if result.errors:
            body["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            body["extensions"] = result.extensions

        response = graphql_response(body, status, media_type)
        for name, value in sub_response.items():
            if name.lower() != "content-type":
                response[name] = value
        for name, value in sub_response.cookies.items():
            response.cookies[name] = value
        return response


def graphql_view():
    from .schema import schema

    return ApiView.as_view(
        schema=schema,
        graphql_ide="graphiql" if settings.GRAPHIQL_ENABLED else None,
    )
