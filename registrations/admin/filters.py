"""The committee's filters on the applications list."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Locale

from cities.models import CooperationTopic, SessionPage, SisterCityPage

from ..lifecycle import STATUS_CHOICES
from ..models import Applicant, Application


def _source_locale_pages(model):
    """Applications point at the source-locale pages; offer those, in the default language."""
    return model.objects.filter(locale=Locale.get_default()).order_by("title")


def city_choices(request):
    return _source_locale_pages(SisterCityPage)


def session_choices(request):
    return _source_locale_pages(SessionPage).order_by("-starts_at")


def topic_choices(request):
    return CooperationTopic.objects.filter(locale=Locale.get_default()).order_by(
        "area__sort_order", "sort_order", "name"
    )


class ApplicationFilterSet(WagtailFilterSet):
    city = django_filters.ModelChoiceFilter(label=_("Sister city"), queryset=city_choices)
    session = django_filters.ModelChoiceFilter(label=_("Session"), queryset=session_choices)
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="applicant__category",
        choices=Applicant.Category.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=topic_choices, distinct=True
    )
    submitted = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), field_name="submitted_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Application
        fields = ["city", "session", "status", "category", "topic", "submitted"]
