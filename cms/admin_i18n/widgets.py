"""Admin inputs for Persian editors: Solar Hijri dates and numbers typed with any digits.

In the Persian admin, date and date-time fields are plain text inputs holding the Solar Hijri
date (``۱۴۰۵/۰۱/۱۰``, ``۱۴۰۵/۰۱/۱۰ ۱۴:۳۰``) and converted to Gregorian on the server, so the
form fields, their validation and the database see what they always did. Number inputs become
text inputs with a numeric keyboard, because browsers empty an ``<input type="number">`` typed
with Persian digits; the server reads Persian and Arabic digits as ASCII. StreamField blocks are
drawn by JavaScript from telepath adapters, so the adapters below give them the same inputs. Other
languages get Wagtail's own widgets unchanged, apart from digits being read in any script.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.telepath import register as register_telepath_adapter
from wagtail.admin.telepath.widgets import WidgetAdapter
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.admin.widgets.datetime import AdminDateInputAdapter, AdminDateTimeInputAdapter

from cms.dates import uses_solar_hijri
from registrations.normalize import to_ascii_digits

from .digits import format_solar_hijri_input, parse_solar_hijri

TEXT_TEMPLATE = "django/forms/widgets/text.html"


def persian_admin() -> bool:
    from django.utils.translation import get_language

    return uses_solar_hijri(get_language())


class SolarHijriMixin:
    """Renders and reads the Solar Hijri date when the admin speaks Persian."""

    jalali_placeholder = "۱۴۰۵/۰۱/۳۱"
    with_time = False

    @property
    def template_name(self) -> str:  # type: ignore[override]
        # A plain text input: Wagtail's template would attach its Gregorian date picker.
        return TEXT_TEMPLATE if persian_admin() else super().template_name  # type: ignore[misc]

    def format_value(self, value: Any) -> Any:
        if persian_admin():
            if isinstance(value, str):
                # A form shown again after an error holds the Gregorian text read from the input.
                value = _iso_date(value) or value
            if isinstance(value, date):
                return format_solar_hijri_input(value)
        return super().format_value(value)  # type: ignore[misc]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        if persian_admin():
            widget_attrs = context["widget"]["attrs"]
            widget_attrs.setdefault("placeholder", self.jalali_placeholder)
            widget_attrs["data-calendar"] = "solar-hijri"
            widget_attrs["dir"] = "ltr"
            widget_attrs["aria-description"] = str(
                _("Solar Hijri date: year/month/day, then the time")
                if self.with_time
                else _("Solar Hijri date: year/month/day")
            )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        raw = super().value_from_datadict(data, files, name)  # type: ignore[misc]
        if not isinstance(raw, str) or not raw.strip():
            return raw
        parsed = parse_solar_hijri(raw) if persian_admin() else None
        if parsed is None:
            # Not a Solar Hijri date: hand the field the text with ASCII digits to judge.
            return to_ascii_digits(raw)
        if self.with_time and hasattr(parsed, "hour"):
            return parsed.strftime("%Y-%m-%d %H:%M:%S")
        return parsed.strftime("%Y-%m-%d")


def _iso_date(text: str) -> date | datetime | None:
    """The date ``value_from_datadict`` hands on (``2026-03-30``, ``2026-03-30 14:30:00``)."""
    try:
        return datetime.fromisoformat(text) if " " in text.strip() else date.fromisoformat(text)
    except ValueError:
        return None


class SolarHijriDateInput(SolarHijriMixin, AdminDateInput):
    pass


class SolarHijriDateTimeInput(SolarHijriMixin, AdminDateTimeInput):
    jalali_placeholder = "۱۴۰۵/۰۱/۳۱ ۱۰:۰۰"
    with_time = True


class AnyDigitsNumberInput(forms.NumberInput):
    """A number input that Persian editors can type into with Persian or Arabic digits."""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if persian_admin():
            context["widget"]["type"] = "text"
            context["widget"]["attrs"].setdefault("inputmode", "decimal")
            context["widget"]["attrs"]["dir"] = "ltr"
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        raw = super().value_from_datadict(data, files, name)
        if isinstance(raw, str):
            # Arabic decimal separator (٫) as a point; thousands separator (٬) dropped.
            return to_ascii_digits(raw).replace("٫", ".").replace("٬", "").strip()
        return raw


class AnyDigitsNumberInputAdapter(WidgetAdapter):
    """StreamField number blocks (rendered by telepath) get the same text input in Persian."""

    def js_args(self, widget: forms.Widget) -> list:
        if persian_admin() and not isinstance(widget, AnyDigitsNumberInput):
            widget = copy.copy(widget)
            widget.input_type = "text"
            widget.attrs = {**widget.attrs, "inputmode": "decimal", "dir": "ltr"}
        return super().js_args(widget)


class PlainInputInPersianMixin:
    """In Persian, a StreamField date block draws the widget's own text input (Wagtail's generic
    telepath widget renders the HTML given to it), not Wagtail's Gregorian picker; the block's
    form state is ``format_value``, the Solar Hijri date. Other languages keep the picker."""

    plain = WidgetAdapter()

    def pack(self, widget: forms.Widget, context: Any) -> tuple:
        if persian_admin():
            return self.plain.pack(widget, context)
        return super().pack(widget, context)  # type: ignore[misc]


class SolarHijriDateInputAdapter(PlainInputInPersianMixin, AdminDateInputAdapter):
    pass


class SolarHijriDateTimeInputAdapter(PlainInputInPersianMixin, AdminDateTimeInputAdapter):
    pass


def install() -> None:
    """Use these widgets for every admin model form (pages, snippets, viewsets)."""
    from wagtail.admin.panels import publishing_panel

    # The scheduling dialog's panel builds its inputs from the name in its module, not from the
    # form-field registry; edit handlers are built lazily, after this runs.
    publishing_panel.AdminDateTimeInput = SolarHijriDateTimeInput
    register_form_field_override(models.DateField, override={"widget": SolarHijriDateInput})
    register_form_field_override(models.DateTimeField, override={"widget": SolarHijriDateTimeInput})
    for field_class in (models.IntegerField, models.DecimalField, models.FloatField):
        register_form_field_override(field_class, override={"widget": AnyDigitsNumberInput})
    register_telepath_adapter(AnyDigitsNumberInputAdapter(), forms.NumberInput)
    register_telepath_adapter(SolarHijriDateInputAdapter(), SolarHijriDateInput)
    register_telepath_adapter(SolarHijriDateTimeInputAdapter(), SolarHijriDateTimeInput)
