"""The committee's spreadsheet of a filtered applications list, row by row in constant memory.

The applications are read with ``values()`` through ``iterator()`` (a server-side cursor on
PostgreSQL); review scores and (on PostgreSQL) topic ids come as correlated subqueries of that
one query, and on SQLite topics come with one query per chunk of rows, never per row. Labels
are in the exporter's language (the active one): statuses, categories, countries, languages,
topic and city names; times are Tehran time and the header says so. The audit is one
``PersonalDataAccess`` row per export, written by ``services.start_export`` before the first
byte and completed with the row count at the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Locale

from cities.models import CooperationTopic, SessionPage, SisterCityPage

from .lifecycle import STATUS_CHOICES
from .models import Applicant, Application
from .selectors import with_review_scores
from .spreadsheets import stream_csv, stream_xlsx

CHUNK_SIZE = 2000
TEHRAN = ZoneInfo("Asia/Tehran")
TIME_FORMAT = "%Y-%m-%d %H:%M"

# values() names of the applicant's personal fields, in the export's column order.
PERSONAL_COLUMNS = [
    "applicant__full_name",
    "applicant__email",
    "applicant__phone",
    "applicant__residence_city",
    "applicant__organisation",
    "applicant__languages",
    "applicant__expertise",
    "applicant__channels",
]
BASE_COLUMNS = [
    "pk",
    "reference",
    "status",
    "city_id",
    "session_id",
    "applicant__category",
    "applicant__residence_country",
    "applicant__preferred_language",
    "applicant__erased_at",
    "submitted_at",
    "status_changed_at",
]


def tehran_zone_label(now: datetime | None = None) -> str:
    """``Asia/Tehran, UTC+03:30``: what the times of the sheet are in."""
    offset = timezone.localtime(now or timezone.now(), TEHRAN).strftime("%z")
    return f"Asia/Tehran, UTC{offset[:3]}:{offset[3:]}"


def headings(personal_data: bool) -> list[str]:
    zone = tehran_zone_label()
    columns = [
        _("Reference"),
        _("Status"),
        _("Sister city"),
        _("Session"),
        _("Category"),
        _("Country of residence"),
        _("Preferred language"),
        _("Topics"),
        _("Average review score"),
        _("Number of reviews"),
        _("Submitted at (%(zone)s)") % {"zone": zone},
        _("Status changed at (%(zone)s)") % {"zone": zone},
    ]
    if personal_data:
        columns += [
            _("Full name"),
            _("Email"),
            _("Phone"),
            _("City of residence"),
            _("Organisation"),
            _("Languages"),
            _("Expertise"),
            _("Channels abroad"),
        ]
    return columns


def _localized_titles(model, language: str) -> dict[int, str]:
    """Source page id -> its title in ``language`` (the source title if not translated)."""
    default = Locale.get_default()
    sources = model.objects.filter(locale=default).values_list("pk", "translation_key", "title")
    translated = dict(
        model.objects.filter(locale__language_code=language).values_list("translation_key", "title")
    )
    return {pk: translated.get(key, title) for pk, key, title in sources}


def _localized_topic_names(language: str) -> dict[int, str]:
    locale = Locale.objects.filter(language_code=language).first()
    topics = list(
        CooperationTopic.objects.values_list("pk", "translation_key", "name", "locale_id")
    )
    names = {key: name for _pk, key, name, loc in topics if locale and loc == locale.pk}
    return {pk: names.get(key, name) for pk, key, name, _loc in topics}


@dataclass
class Labels:
    """Everything a row needs that is the same for every row, looked up once."""

    status: dict[str, str]
    category: dict[str, str]
    cities: dict[int, str]
    sessions: dict[int, str]
    topics: dict[int, str]
    countries: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    def country(self, code: str) -> str:
        if code not in self.countries:
            self.countries[code] = str(countries.name(code)) if code else ""
        return self.countries[code]

    def language(self, code: str) -> str:
        if code not in self.languages:
            self.languages[code] = language_name(code or "")
        return self.languages[code]

    @classmethod
    def for_language(cls, language: str) -> Labels:
        return cls(
            status={code: str(label) for code, label in STATUS_CHOICES},
            category={code: str(label) for code, label in Applicant.Category.choices},
            cities=_localized_titles(SisterCityPage, language),
            sessions=_localized_titles(SessionPage, language),
            topics=_localized_topic_names(language),
        )


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _time(value: datetime | None) -> str:
    return timezone.localtime(value, TEHRAN).strftime(TIME_FORMAT) if value else ""


def _chunks(iterable: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _topics_of(ids: list[int]) -> dict[int, list[int]]:
    through = Application.topics.through
    found: dict[int, list[int]] = defaultdict(list)
    for application_id, topic_id in through.objects.filter(application_id__in=ids).values_list(
        "application_id", "cooperationtopic_id"
    ):
        found[application_id].append(topic_id)
    return found


def _with_side_columns(queryset: QuerySet) -> tuple[QuerySet, bool]:
    """Scores (and on PostgreSQL topic ids) as correlated subqueries of the one query.

    Each is an index lookup per row, which the database does far faster than Python can ask
    for them chunk by chunk; SQLite has no array aggregate, so its topics come per chunk.
    Returns the queryset and whether topics are in it.
    """
    if "average_score" not in queryset.query.annotations:
        queryset = with_review_scores(queryset)
    if connection.vendor != "postgresql":
        return queryset, False
    from django.contrib.postgres.aggregates import ArrayAgg

    through = Application.topics.through
    topic_ids = (
        through.objects.filter(application_id=OuterRef("pk"))
        .values("application_id")
        .annotate(ids=ArrayAgg("cooperationtopic_id"))
        .values("ids")
    )
    return queryset.annotate(topic_ids=Subquery(topic_ids)), True


def rows(queryset: QuerySet, labels: Labels, *, personal_data: bool) -> Iterator[list[Any]]:
    """The spreadsheet rows of ``queryset`` (already filtered and ordered), chunk by chunk."""
    columns = BASE_COLUMNS + (PERSONAL_COLUMNS if personal_data else [])
    queryset, has_topics = _with_side_columns(queryset)
    extra = ["average_score", "review_count"] + (["topic_ids"] if has_topics else [])
    values = queryset.values(*columns, *extra).iterator(chunk_size=CHUNK_SIZE)
    for chunk in _chunks(values, CHUNK_SIZE):
        topics = {} if has_topics else _topics_of([row["pk"] for row in chunk])
        for row in chunk:
            average, count = row["average_score"], row["review_count"] or 0
            topic_ids = (row["topic_ids"] or []) if has_topics else topics.get(row["pk"], [])
            country = row["applicant__residence_country"]
            line = [
                row["reference"],
                labels.status.get(row["status"], row["status"]),
                labels.cities.get(row["city_id"], ""),
                labels.sessions.get(row["session_id"], "") if row["session_id"] else "",
                labels.category.get(row["applicant__category"], row["applicant__category"]),
                labels.country(country or ""),
                labels.language(row["applicant__preferred_language"] or ""),
                ", ".join(sorted(labels.topics.get(t, "") for t in topic_ids)),
                round(float(average), 2) if average is not None else None,
                count,
                _time(row["submitted_at"]),
                _time(row["status_changed_at"]),
            ]
            if personal_data:
                erased = row["applicant__erased_at"] is not None
                for name in PERSONAL_COLUMNS:
                    value = "" if erased else row[name]
                    if isinstance(value, list):
                        value = ", ".join(str(v) for v in value)
                    line.append(value or "")
            yield line


class CountingRows:
    """Wraps the row iterator so the export's audit row learns how many rows went out."""

    def __init__(self, source: Iterator[list[Any]]) -> None:
        self.source = source
        self.count = 0

    def __iter__(self) -> Iterator[list[Any]]:
        for row in self.source:
            self.count += 1
            yield row


def streaming_response(
    queryset: QuerySet,
    *,
    export_format: str,
    personal_data: bool,
    filename: str,
    on_finished,
) -> StreamingHttpResponse:
    """A CSV or XLSX download; ``on_finished(row_count)`` runs after the last byte."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    labels = Labels.for_language(language)
    header = headings(personal_data)
    counted = CountingRows(rows(queryset, labels, personal_data=personal_data))

    def body() -> Iterator[bytes]:
        # The generator runs after the view has returned: keep the exporter's language.
        with translation.override(language):
            if export_format == "xlsx":
                yield from stream_xlsx(
                    header,
                    counted,
                    sheet_name=_("Applications"),
                    right_to_left=translation.get_language_bidi(),
                )
            else:
                yield from stream_csv(header, counted)
        on_finished(counted.count)

    if export_format == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content_type = "text/csv; charset=utf-8"
    response = StreamingHttpResponse(body(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    response["Cache-Control"] = "no-store"
    return response
