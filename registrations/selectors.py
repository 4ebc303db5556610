"""Read-only queries about registrations that other apps (pages, API, admin) need."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page

from .lifecycle import Status
from .models import Applicant, Application, AuditEntry, Invitation, Review
from .normalize import clean_line, normalize_characters, search_key, to_ascii_digits
from .tokens import hash_token, looks_like_token, read_status_link


def confirmed_seat_counts(session_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed seats per session page id (source-locale pages), in one query.

    A confirmed seat is an accepted invitation; it stays counted after attendance is recorded
    and is released only by withdrawal.
    """
    ids = list(session_ids)
    counts = {session_id: 0 for session_id in ids}
    if not ids:
        return counts
    rows = (
        Invitation.objects.filter(session_id__in=ids, status=Invitation.Status.ACCEPTED)
        .values("session_id")
        .annotate(taken=Count("pk"))
        .values_list("session_id", "taken")
    )
    counts.update(dict(rows))
    return counts


def application_status(reference: str, token: str) -> Application | None:
    """The citizen's own application, if ``token`` is its status token; else None.

    Prefetches what the status page and ``ApplicationStatus`` show, so the answer costs a
    fixed number of queries.
    """
    if not isinstance(reference, str) or not looks_like_token(token):
        return None
    reference = to_ascii_digits(clean_line(reference)).upper()
    if not reference or len(reference) > 20:
        return None
    return (
        Application.objects.filter(
            reference=reference, status_token_hash=hash_token(token), erased_at__isnull=True
        )
        .select_related("city", "session")
        .first()
    )


def application_by_status_link(value: str) -> Application | None:
    """The application an emailed status link names, while its status code is unchanged."""
    payload = read_status_link(value)
    if payload is None:
        return None
    reference, fingerprint = payload
    return (
        Application.objects.filter(
            reference=reference,
            status_token_hash__startswith=fingerprint,
            erased_at__isnull=True,
        )
        .select_related("city", "session")
        .first()
    )


@dataclass(frozen=True)
class HistoryStep:
    status: str
    at: datetime


def status_history(application: Application) -> list[HistoryStep]:
    """The statuses the application went through, oldest first (no actors, no notes)."""
    entries = AuditEntry.objects.filter(
        application=application, action=AuditEntry.Action.TRANSITION
    ).exclude(from_status=F("to_status"))
    return [HistoryStep(e.to_status, e.created_at) for e in entries.order_by("created_at", "pk")]


def current_invitation(application: Application) -> Invitation | None:
    """The newest invitation of the application, if any (with its session)."""
    return (
        Invitation.objects.filter(application=application)
        .select_related("session")
        .order_by("-created_at", "-pk")
        .first()
    )


def citizen_diplomats(city) -> QuerySet[Applicant]:
    """The public roster of a sister city: applicants who attended and agreed to be listed.

    Only ``full_name`` and ``category`` may be shown from these rows.
    """
    return (
        Applicant.objects.filter(
            erased_at__isnull=True,
            roster_opt_in=True,
            applications__status=Status.ATTENDED,
            applications__city__translation_key=city.translation_key,
        )
        .distinct()
        .only("full_name", "category")
        .order_by("full_name")
    )


def counts_by_city() -> dict[int, dict[str, int]]:
    """Per source city page id: registered, in review, accepted, invited, confirmed, attended.

    One query, for the admin dashboard. ``registered`` counts every application ever made
    except expired (never confirmed) ones.
    """
    buckets = {
        "registered": ~Q(status=Status.EXPIRED),
        "in_review": Q(status=Status.UNDER_REVIEW),
        "accepted": Q(status=Status.ACCEPTED),
        "waitlisted": Q(status=Status.WAITLISTED),
        "invited": Q(status=Status.INVITED),
        "confirmed": Q(status=Status.CONFIRMED),
        "attended": Q(status=Status.ATTENDED),
    }
    rows = Application.objects.values("city_id").annotate(
        **{name: Count("pk", filter=condition) for name, condition in buckets.items()}
    )
    return {row.pop("city_id"): row for row in rows}


def status_counts_by_city() -> dict[int, dict[str, int]]:
    """Per source city page id, the number of applications in each status; one query.

    Only cities with at least one application appear.
    """
    counts: dict[int, dict[str, int]] = {}
    rows = Application.objects.values_list("city_id", "status").annotate(n=Count("pk"))
    for city_id, status, n in rows.order_by():
        counts.setdefault(city_id, {})[status] = n
    return counts


def localized_title(page: Page | None, language: str) -> str:
    """The page's title in ``language`` if it is translated, else the source title."""
    if page is None:
        return ""
    translated = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language)
        .values_list("title", flat=True)
        .first()
    )
    return translated or page.title


def localized_titles(page_ids: Iterable[int | None], language: str) -> dict[int, str]:
    """``localized_title`` of several pages by id, in one query (ids that are None are
    skipped; a missing page has no entry)."""
    ids = [pk for pk in page_ids if pk is not None]
    if not ids:
        return {}
    translated = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    ).values("title")[:1]
    rows = (
        Page.objects.filter(pk__in=ids)
        .annotate(translated=Subquery(translated))
        .values_list("pk", "title", "translated")
    )
    return {pk: translated or title for pk, title, translated in rows}


def waitlist(session) -> QuerySet[Application]:
    """Waitlisted applications that may take a seat at ``session``, first in line first.

    Those who chose this session, and those who applied to its city without choosing one.
    """
    session = session.source_page
    city = session.get_parent()
    return (
        Application.objects.filter(
            status=Status.WAITLISTED, city__translation_key=city.translation_key
        )
        .filter(Q(session_id=session.pk) | Q(session__isnull=True))
        .order_by("waitlisted_at", "pk")
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation an emailed RSVP link stands for (read only; answering is a service)."""
    if not looks_like_token(token):
        return None
    return (
        Invitation.objects.select_related("session", "application")
        .filter(rsvp_token_hash=hash_token(token), application__erased_at__isnull=True)
        .first()
    )


_REFERENCE_LIKE = re.compile(r"^(ISF|ISF-\d{0,4}(-\d{0,5})?)$|^\d{4}-\d{1,5}$", re.IGNORECASE)


def search_applications(queryset: QuerySet, query: str, *, personal_data: bool) -> QuerySet:
    """The committee's search box, each kind of query on an index.

    ``ISF-2026-00042`` or a prefix of it (``ISF-2026-0``, ``2026-000``…): the reference, exact
    or by prefix. Anything with ``@``: the email address, exactly (they are stored lowercased).
    Anything else: the name, as a substring of the normalised ``search_name`` (a trigram index
    on PostgreSQL). Name and email are searched only for those who may see personal data:
    otherwise the answer would tell who applied.
    """
    text = normalize_characters(to_ascii_digits(clean_line(query)))
    if not text:
        return queryset
    if _REFERENCE_LIKE.match(text):
        reference = text.upper()
        if not reference.startswith("ISF"):
            reference = f"ISF-{reference}"
        return queryset.filter(reference__startswith=reference)
    if not personal_data:
        return queryset.filter(reference=text.upper())
    if "@" in text:
        return queryset.filter(applicant__email=text.strip().lower())
    return queryset.filter(applicant__search_name__contains=search_key(text))


def with_review_scores(queryset):
    """Average score and number of reviews per application (conflicts of interest excluded).

    Correlated subqueries rather than ``GROUP BY`` over a join: a page of 50 computes 50 of
    them, and only sorting by score computes them for the whole list.
    """
    reviews = Review.objects.filter(application=OuterRef("pk"), conflict_of_interest=False)
    return queryset.annotate(
        average_score=Subquery(
            reviews.values("application").annotate(value=Avg("score")).values("value"),
            output_field=FloatField(),
        ),
        review_count=Coalesce(
            Subquery(reviews.values("application").annotate(value=Count("pk")).values("value")),
            0,
        ),
    )
