"""add_review, decide and record_attendance."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from registrations import services
from registrations.errors import ErrorCode, RegistrationError, RegistrationValidationError
from registrations.lifecycle import Status
from registrations.models import AuditEntry, Review

from . import factories

pytestmark = pytest.mark.django_db


def member(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="registrations", codename__in=codenames)
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


# --- add_review --------------------------------------------------------------------------------


def test_reviewer_scores_and_recommends():
    application = factories.under_review()
    reviewer = member("rev", "review_application")
    review = services.add_review(
        application, reviewer=reviewer, score=4, recommendation="accept", comment=" Strong. "
    )
    assert (review.score, review.recommendation, review.comment) == (4, "accept", "Strong.")
    entry = AuditEntry.objects.get(application=application, action="review")
    assert entry.actor == reviewer and entry.from_status == entry.to_status == "under_review"


def test_conflict_of_interest_is_a_recusal_without_score():
    application = factories.under_review()
    review = services.add_review(
        application,
        reviewer=member("rev", "review_application"),
        score=5,
        recommendation="accept",
        conflict_of_interest=True,
    )
    assert review.score is None and review.recommendation == "" and review.conflict_of_interest


def test_a_reviewer_reviews_an_application_once():
    application = factories.under_review()
    reviewer = member("rev", "review_application")
    services.add_review(application, reviewer=reviewer, score=3, recommendation="waitlist")
    with pytest.raises(RegistrationError) as info:
        services.add_review(application, reviewer=reviewer, score=5, recommendation="accept")
    assert info.value.code == ErrorCode.ALREADY_REVIEWED
    assert Review.objects.filter(application=application).count() == 1


@pytest.mark.parametrize(
    ("score", "recommendation", "field"),
    [
        (0, "accept", "score"),
        (6, "accept", "score"),
        ("5", "accept", "score"),
        (True, "accept", "score"),
        (3, "maybe", "recommendation"),
    ],
)
def test_review_values_are_checked(score, recommendation, field):
    application = factories.under_review()
    with pytest.raises(RegistrationValidationError) as info:
        services.add_review(
            application,
            reviewer=member("rev", "review_application"),
            score=score,
            recommendation=recommendation,
        )
    assert field in {e.field for e in info.value.errors}


def test_review_needs_the_permission_and_a_reviewable_status():
    application = factories.under_review()
    with pytest.raises(RegistrationError) as info:
        services.add_review(application, reviewer=member("clerk"), score=3, recommendation="accept")
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    submitted, _token = factories.submitted()
    with pytest.raises(RegistrationError) as info:
        services.add_review(
            submitted,
            reviewer=member("rev", "review_application"),
            score=3,
            recommendation="accept",
        )
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


# --- decide ------------------------------------------------------------------------------------


@pytest.mark.parametrize("decision", [Status.ACCEPTED, Status.REJECTED, Status.WAITLISTED])
def test_decide_from_under_review(decision, django_capture_on_commit_callbacks, mailoutbox):
    application = factories.under_review()
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.decide(
            application,
            decision=decision,
            by=member("chair", "decide_application"),
            public_message="Welcome aboard",
            internal_reason="Reference from the chamber of commerce",
        )
    assert decided.status == decision and decided.decided_at
    assert (decided.waitlisted_at is not None) == (decision == Status.WAITLISTED)
    assert decided.internal_reason == "Reference from the chamber of commerce"
    message = mailoutbox[-1]
    assert "Welcome aboard" in message.body
    assert "chamber of commerce" not in message.body
    assert "chamber of commerce" not in message.alternatives[0][0]


def test_waitlisted_can_later_be_accepted_or_rejected():
    application = factories.decided(Status.WAITLISTED)
    accepted = services.decide(application, decision=Status.ACCEPTED, by=factories.staff())
    assert accepted.status == Status.ACCEPTED


@pytest.mark.parametrize("stage", ["submitted", "accepted", "rejected"])
def test_decide_is_illegal_outside_review(stage):
    if stage == "submitted":
        application, _ = factories.submitted()
    else:
        application = factories.decided(stage)
    with pytest.raises(RegistrationError) as info:
        services.decide(application, decision=Status.ACCEPTED, by=factories.staff())
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_decide_refuses_unknown_decisions_and_users_without_permission():
    application = factories.under_review()
    with pytest.raises(RegistrationError) as info:
        services.decide(application, decision=Status.ATTENDED, by=factories.staff())
    assert info.value.code == ErrorCode.INVALID_CHOICE
    with pytest.raises(RegistrationError) as info:
        services.decide(
            application, decision=Status.ACCEPTED, by=member("rev", "review_application")
        )
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


# --- record_attendance -------------------------------------------------------------------------


@pytest.mark.parametrize(("attended", "status"), [(True, Status.ATTENDED), (False, Status.NO_SHOW)])
def test_attendance_after_the_session(session, attended, status):
    application = factories.confirmed(session)
    factories.hold(session)
    recorder = member("desk", "record_attendance")
    result = services.record_attendance(application, attended=attended, by=recorder)
    assert result.status == status
    assert result.is_citizen_diplomat is attended


def test_attendance_before_the_session_starts_is_refused(session):
    application = factories.confirmed(session)
    with pytest.raises(RegistrationError) as info:
        services.record_attendance(application, attended=True, by=factories.staff())
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_attendance_only_for_confirmed_participants(session):
    application, _token = factories.invited(session)
    factories.hold(session)
    with pytest.raises(RegistrationError) as info:
        services.record_attendance(application, attended=True, by=factories.staff())
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION
    with pytest.raises(RegistrationError) as info:
        services.record_attendance(
            application, attended=True, by=member("rev", "review_application")
        )
    assert info.value.code == ErrorCode.PERMISSION_DENIED
