"""Persian-perfect text in templates: ``{% load persian %}``.

``{{ n|local_digits }}`` (Persian digits and ٪ for Persian readers), ``{{ items|join_local }}``
(Persian comma), ``{% sep %}`` (a separator never read as ۰), ``{{ zone|zone_display }}``
(``به وقت رم، ۱ ساعت جلوتر از گرینویچ``) and ``{{ items|collate:"attr" }}`` (the reader's
alphabetical order). The rules live in ``cms.persian``.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from cms import persian

register = template.Library()


@register.filter
def local_digits(value: object) -> str:
    return persian.localize_digits(value)


@register.filter
def join_local(items) -> str:
    return persian.join_list(items or ())


@register.simple_tag
def sep() -> str:
    return persian.separator()


@register.filter
def zone_display(zone_name: str) -> str:
    return persian.zone_display(zone_name) if zone_name else ""


@register.filter
def collate(items, attribute: str = ""):
    """Sort by ``attribute`` (dotted, e.g. ``"title"``) or by the items themselves."""

    def key(item) -> str:
        value = item
        for part in attribute.split(".") if attribute else ():
            value = getattr(value, part, "")
        return str(value)

    return persian.collate(items or (), key=key)


@register.filter
def ltr(value: object) -> str:
    """``<bdi dir="ltr">…</bdi>``: a Latin island (reference, phone, code) in Persian text."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
