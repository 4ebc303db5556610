"""The embeddable city card (``/embed/cities/<slug>/``) for sister cities' own websites.

Framing is allowed only from ``EMBED_ALLOWED_ORIGINS`` (plus this site): the response carries
its own Content-Security-Policy with ``frame-ancestors`` and is exempt from ``X-Frame-Options``
(``xframe_options_exempt``), which would otherwise forbid every frame. ``_csp_exempt`` tells a
site-wide CSP middleware (django-csp) to leave this response's policy as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import Locale

from cities.models import ActionPlanPage, SessionPage, SisterCityPage
from cities.models.action_plans import ItemStatus

from .localized import by_source_pk, default_locale
from .models import TrackedItemRecord
from .tracking import tag_tracked_items

ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
UPCOMING_LIMIT = 3


def allowed_origins() -> list[str]:
    """Configured origins that are well-formed (scheme://host[:port]); others are dropped."""
    return [o.rstrip("/") for o in settings.EMBED_ALLOWED_ORIGINS if ORIGIN.match(o.rstrip("/"))]


def content_security_policy() -> str:
    ancestors = " ".join(["'self'", *allowed_origins()])
    return (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
        f"form-action 'none'; frame-ancestors {ancestors}"
    )


@dataclass
class PlanProgress:
    title: str
    url: str
    progress: int


def _plans(city: SisterCityPage, locale: Locale, default: Locale, request) -> list[PlanProgress]:
    tag_tracked_items()
    rows = (
        TrackedItemRecord.objects.filter(city=city, locale=default)
        .exclude(status=ItemStatus.CANCELLED)
        .values("plan_key")
        .annotate(progress=Avg("progress"))
    )
    progress = {row["plan_key"]: round(row["progress"] or 0) for row in rows}
    plans = by_source_pk(
        ActionPlanPage.objects.live().filter(translation_key__in=list(progress)), locale, default
    )
    return [
        PlanProgress(plan.title, plan.get_full_url(request=request), progress[plan.translation_key])
        for plan in plans.values()
    ]


def _upcoming(city: SisterCityPage, locale: Locale, default: Locale) -> list[SessionPage]:
    sources = list(
        SessionPage.objects.live()
        .child_of(city)
        .filter(starts_at__gte=timezone.now())
        .exclude(status=SessionPage.Status.CANCELLED)
        .order_by("starts_at")[:UPCOMING_LIMIT]
    )
    shown = by_source_pk(
        SessionPage.objects.live().filter(translation_key__in=[s.translation_key for s in sources]),
        locale,
        default,
    )
    for source in sources:
        shown[source.pk].shared = source
    return [shown[source.pk] for source in sources]


@xframe_options_exempt
def city_card_view(request: HttpRequest, slug: str) -> HttpResponse:
    locale, default = Locale.get_active(), default_locale()
    city = SisterCityPage.objects.live().filter(slug=slug, locale=default).first()
    if city is None:
        raise Http404
    shown = city.get_translation_or_none(locale) or city
    if not shown.live:
        shown = city
    response = render(
        request,
        "embed/city.html",
        {
            "city": shown,
            "city_url": shown.get_full_url(request=request),
            "sessions": _upcoming(city, locale, default),
            "plans": _plans(city, locale, default, request),
        },
    )
    response["Content-Security-Policy"] = content_security_policy()
    response._csp_exempt = True
    return response
