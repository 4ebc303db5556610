"""The ``/graphql/`` endpoint: JSON-only POST, GET for queries, the caller's language active."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from .context import ApiContext, language_from_headers


@method_decorator(csrf_exempt, name="dispatch")
class ApiView(GraphQLView):
    """Strawberry's Django view with the project's context and request rules.

    CSRF: the endpoint carries no session-based authority for mutations, and a POST must be
    ``application/json``. A cross-site HTML form can only send urlencoded, multipart or plain
    text bodies, and a script on another origin needs a CORS preflight to send JSON, which only
    the origins in ``CORS_ALLOWED_ORIGINS`` pass. So Django's CSRF token is not needed here, and
    partner apps can call the API without one. Mutations over GET are refused by strawberry.
    """

    allow_queries_via_get = True
    multipart_uploads_enabled = False

    def get_context(self, request: HttpRequest, response: HttpResponse) -> ApiContext:
        return ApiContext(request=request, response=response)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = language_from_headers(request)
        with translation.override(language):
            if request.method == "POST" and request.content_type != "application/json":
                return HttpResponse(
                    _("Send GraphQL requests as JSON (Content-Type: application/json)."),
                    status=415,
                    content_type="text/plain; charset=utf-8",
                )
            return super().dispatch(request, *args, **kwargs)


def graphql_view():
    from .schema import schema

    return ApiView.as_view(
        schema=schema,
        graphql_ide="graphiql" if settings.GRAPHIQL_ENABLED else None,
    )
