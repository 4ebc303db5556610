"""Requests whose URL or query string carry NUL bytes or lone surrogates are refused early.

No page slug or REST parameter can contain them, and PostgreSQL refuses them in any string
("A string literal cannot contain NUL"), which used to surface as a 500. Site paths answer
404 (no page can have that address), query strings 400, and the REST API says so in JSON.
``/graphql/`` has its own checks (its view answers GraphQL errors).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


def is_malformed(text: str) -> bool:
    return bool(_FORBIDDEN.search(text))


class RejectMalformedInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/graphql/"):
            return self.get_response(request)
        api = request.path.startswith("/api/")
        if is_malformed(request.path):
            if api:
                return JsonResponse({"message": _("Not found.")}, status=404)
            return defaults.page_not_found(request, Http404())
        if any(is_malformed(k) or any(map(is_malformed, v)) for k, v in request.GET.lists()):
            if api:
                return JsonResponse(
                    {"message": _("Query parameters may not contain NUL characters.")},
                    status=400,
                )
            return defaults.bad_request(request, ValueError("NUL in the query string"))
        return self.get_response(request)
