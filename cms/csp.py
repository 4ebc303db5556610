"""Content-Security-Policy (django-csp 4): strict for the site, what Wagtail needs in the admin.

The policies are settings (``CSP_SITE_DIRECTIVES``, ``CSP_ADMIN_DIRECTIVES``): the site has no
JavaScript, so scripts are allowed from nowhere; Wagtail's admin still writes inline
``<script>`` blocks (date pickers, inline panels) and inline styles, so under ``/admin/``
those are allowed too. Neither lets anything load from another origin.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under ``/admin/``."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts
