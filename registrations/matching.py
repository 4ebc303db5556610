"""Ranking applications for a co-session: who fits the session best, and why. Read-only.

The score is a sum of points a committee member can check by eye, each shown as a reason:

- ``TOPIC_POINTS`` per topic of the applicant that is on the session's agenda (the topics its
  agenda items name, read from the source page); when the agenda names no topic, the city's
  current topics of cooperation, which its dossier brings to every co-session, stand in;
- ``PLAN_POINTS`` per topic of the applicant with live (planned or in-progress) items in the
  city's published Action Plans. The topics counted are thus the union of the session's and
  the live plans' topics; a topic in both earns both points, and the reasons list it twice.
- ``LANGUAGE_POINTS`` per language the applicant shares with the city;
- ``DIVERSITY_POINTS`` when nobody of the applicant's category is invited to the session yet;
- the average review score (1–5) of reviews without a conflict of interest.

Ties go to the earlier application, then the reference. Candidates are the city's applications
under review, accepted or waitlisted. Everything is read in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q

from cities.models import CityTopic, CooperationTopic, SessionPage, SisterCityPage
from cooperation.tracking import live_topic_ids

from .lifecycle import Status
from .models import Application, Invitation

TOPIC_POINTS = 3
PLAN_POINTS = 2
LANGUAGE_POINTS = 2
DIVERSITY_POINTS = 2

CANDIDATE_STATUSES = (Status.UNDER_REVIEW, Status.ACCEPTED, Status.WAITLISTED)
INVITABLE_STATUSES = frozenset({Status.ACCEPTED, Status.WAITLISTED})
ACTIVE_INVITATIONS = (Invitation.Status.PENDING, Invitation.Status.ACCEPTED)


@dataclass
class Candidate:
    application: Application
    score: float
    session_topics: list[CooperationTopic] = field(default_factory=list)
    plan_topics: list[CooperationTopic] = field(default_factory=list)
    shared_languages: list[str] = field(default_factory=list)
    new_category: bool = False
    review_average: float | None = None
    review_count: int = 0
    already_invited: bool = False

    @property
    def can_be_invited(self) -> bool:
        return self.application.status in INVITABLE_STATUSES and not self.already_invited

    @property
    def submitted_at(self) -> datetime:
        return self.application.submitted_at


def rank_candidates(session: SessionPage) -> list[Candidate]:
    """The city's candidate applications for ``session``, best first."""
    session = session.source_page
    city = SisterCityPage.objects.get(path=session.path[: -SessionPage.steplen])
    city = city.source_page
    applications = list(
        Application.objects.filter(city=city, status__in=CANDIDATE_STATUSES)
        .select_related("applicant")
        .annotate(
            review_average=Avg(
                "reviews__score",
                filter=Q(reviews__conflict_of_interest=False, reviews__score__isnull=False),
            ),
            review_count=Count(
                "reviews",
                filter=Q(reviews__conflict_of_interest=False, reviews__score__isnull=False),
            ),
        )
        .prefetch_related(
            Prefetch("topics", queryset=CooperationTopic.objects.order_by("sort_order"))
        )
    )
    session_topic_ids = agenda_topic_ids(session) or set(
        CityTopic.objects.filter(page=city).values_list("topic_id", flat=True)
    )
    plan_topic_ids = live_topic_ids(city.pk)
    invited = list(
        Invitation.objects.filter(session=session, status__in=ACTIVE_INVITATIONS).values_list(
            "application_id", "application__applicant__category"
        )
    )
    invited_ids = {application_id for application_id, _category in invited}
    invited_categories = {category for _id, category in invited}
    city_languages = set(city.language_codes)

    candidates = []
    for application in applications:
        topics = list(application.topics.all())
        candidate = Candidate(
            application=application,
            score=0,
            session_topics=[t for t in topics if t.pk in session_topic_ids],
            plan_topics=[t for t in topics if t.pk in plan_topic_ids],
            shared_languages=sorted(set(application.applicant.languages or []) & city_languages),
            new_category=application.applicant.category not in invited_categories,
            review_average=application.review_average,
            review_count=application.review_count,
            already_invited=application.pk in invited_ids,
        )
        candidate.score = round(
            TOPIC_POINTS * len(candidate.session_topics)
            + PLAN_POINTS * len(candidate.plan_topics)
            + LANGUAGE_POINTS * len(candidate.shared_languages)
            + (DIVERSITY_POINTS if candidate.new_category else 0)
            + (candidate.review_average or 0),
            2,
        )
        candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.submitted_at, c.application.reference))
    return candidates


def agenda_topic_ids(session: SessionPage) -> set[int]:
    """Default-locale (Persian) ids of the topics ``session``'s agenda names; one query at most.

    Applications and city topics point at the Persian topics; an agenda item that chose a
    translated topic is mapped back through its ``translation_key``.
    """
    ids = session.agenda_topic_ids
    if not ids:
        return set()
    keys = CooperationTopic.objects.filter(pk__in=ids).values("translation_key")
    return set(
        CooperationTopic.objects.filter(
            translation_key__in=keys, locale__language_code=settings.DEFAULT_CONTENT_LANGUAGE
        ).values_list("pk", flat=True)
    )
