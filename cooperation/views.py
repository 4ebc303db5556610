"""The public cooperation map: the matrix, a cell's items, an organisation's footprint."""

from __future__ import annotations

from collections import OrderedDict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cities.models import CooperationTopic, SisterCityPage
from cities.models.action_plans import ItemStatus

from .feeds import build_calendar
from .items import cell_records, item_rows, organisation_records
from .localized import default_locale
from .matrix import FACILITATOR_THRESHOLD, STATUS_RANK, Filters, build_matrix
from .models import Organisation


def _locales() -> tuple[Locale, Locale]:
    locale = Locale.get_active()
    default = default_locale()
    return locale, default


def matrix_view(request: HttpRequest) -> HttpResponse:
    locale, _default = _locales()
    filters = Filters.clean(
        area=request.GET.get("area"),
        status=request.GET.get("status"),
        organisation=request.GET.get("organisation"),
        city=request.GET.get("city"),
    )
    matrix = build_matrix(locale, filters)
    statuses = sorted(ItemStatus.choices, key=lambda choice: -STATUS_RANK[choice[0]])
    return render(
        request,
        "cooperation/matrix.html",
        {
            "matrix": matrix,
            "filters": filters,
            "statuses": statuses,
            "threshold": FACILITATOR_THRESHOLD,
            "coordination_cells": [c for c in matrix.all_cells if c.needs_coordination],
        },
    )


def _localized(obj, locale):
    return obj.get_translation_or_none(locale) or obj


def cell_view(request: HttpRequest, city: str, topic: str) -> HttpResponse:
    locale, default = _locales()
    city_page = SisterCityPage.objects.live().filter(slug=city, locale=default).first()
    topic_obj = CooperationTopic.objects.filter(slug=topic, locale=default).first()
    if city_page is None or topic_obj is None:
        raise Http404
    rows = item_rows(cell_records(city_page, topic_obj), locale, default, request)
    shown_city = _localized(city_page, locale)
    if not shown_city.live:
        shown_city = city_page
    return render(
        request,
        "cooperation/cell.html",
        {
            "city": shown_city,
            "topic": _localized(topic_obj, locale),
            "items": rows,
        },
    )


def organisation_view(request: HttpRequest, slug: str) -> HttpResponse:
    locale, default = _locales()
    organisation = Organisation.objects.filter(slug=slug, locale=default).first()
    if organisation is None:
        raise Http404
    rows = item_rows(
        organisation_records(organisation), locale, default, request, organisation=organisation
    )
    by_city: OrderedDict = OrderedDict()
    for row in rows:
        by_city.setdefault(row.city, []).append(row)
    return render(
        request,
        "cooperation/organisation.html",
        {
            "organisation": _localized(organisation, locale),
            "by_city": list(by_city.items()),
            "item_count": len(rows),
        },
    )


def _ics(calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def city_calendar_view(request: HttpRequest, slug: str) -> HttpResponse:
    """``/cities/<slug>/calendar.ics``: the city's co-sessions and Action Plan due dates."""
    locale, default = _locales()
    city = SisterCityPage.objects.live().filter(slug=slug, locale=default).first()
    if city is None:
        raise Http404
    shown = _localized(city, locale)
    name = _("Citizen Diplomat: %(city)s") % {"city": shown.title}
    calendar = build_calendar([city], locale, default, request, name=name)
    return _ics(calendar, f"{slug}.ics")


def programme_calendar_view(request: HttpRequest) -> HttpResponse:
    """``/calendar.ics``: every sister city's co-sessions and due dates."""
    locale, default = _locales()
    cities = list(SisterCityPage.objects.live().filter(locale=default).order_by("title"))
    calendar = build_calendar(cities, locale, default, request)
    return _ics(calendar, "citizen-diplomat.ics")
