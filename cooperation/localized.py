"""Translatable objects in the reader's language, from their Persian (source) rows.

The tracked-item table and applications point at Persian pages and snippets; the map shows them
in the requested language where a translation exists, else in Persian. One query per kind.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Locale


def default_locale() -> Locale:
    return Locale.objects.get(language_code=settings.DEFAULT_CONTENT_LANGUAGE)


def by_source_pk(queryset: QuerySet, locale: Locale, default: Locale) -> dict[int, Any]:
    """{default-locale pk: the object in ``locale`` (else the default-locale one)}.

    ``queryset`` is read once, restricted to the two locales.
    """
    rows = list(queryset.filter(locale_id__in={locale.pk, default.pk}))
    source_by_key = {row.translation_key: row for row in rows if row.locale_id == default.pk}
    wanted_by_key = {row.translation_key: row for row in rows if row.locale_id == locale.pk}
    return {source.pk: wanted_by_key.get(key, source) for key, source in source_by_key.items()}
