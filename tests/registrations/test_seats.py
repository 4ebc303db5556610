"""invite, respond_to_invitation, seats and the waitlist (single-threaded behaviour)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cities.models import SessionPage
from registrations import services
from registrations.errors import ErrorCode, RegistrationError
from registrations.lifecycle import Status
from registrations.models import Application, Invitation
from registrations.selectors import confirmed_seat_counts
from registrations.tokens import hash_token

from . import factories

pytestmark = pytest.mark.django_db


def test_invite_an_accepted_applicant(session, django_capture_on_commit_callbacks, mailoutbox):
    application = factories.decided(Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invite(application, session=session, by=factories.staff())
    invitation, token = result
    application.refresh_from_db()
    assert application.status == Status.INVITED and application.session_id == session.pk
    assert invitation.status == Invitation.Status.PENDING
    assert invitation.rsvp_token_hash == hash_token(token)
    week = timezone.now() + timedelta(days=7)
    assert week - timedelta(minutes=1) < invitation.respond_by <= min(week, session.starts_at)
    assert mailoutbox[-1].attachments[0][0] == "session.ics"


def test_invite_through_a_translation_uses_the_source_session(session):
    """Staff may pick the English page; the invitation and seats belong to the Persian one."""
    application = factories.decided(Status.ACCEPTED)
    from tests.graphql_api.factories import locales

    _fa, en = locales()
    english = session.copy_for_translation(en, copy_parents=True)
    invitation, _ = services.invite(application, session=english, by=factories.staff())
    assert invitation.session_id == session.pk


def test_invite_refuses_a_session_of_another_city():
    application = factories.decided(Status.ACCEPTED)
    elsewhere = factories.make_session(factories.city("xian"))
    with pytest.raises(RegistrationError) as info:
        services.invite(application, session=elsewhere, by=factories.staff())
    assert info.value.code == ErrorCode.SESSION_NOT_IN_CITY


@pytest.mark.parametrize("stage", [Status.REJECTED, Status.UNDER_REVIEW])
def test_invite_is_illegal_unless_accepted_or_waitlisted(session, stage):
    application = (
        factories.under_review() if stage == Status.UNDER_REVIEW else factories.decided(stage)
    )
    with pytest.raises(RegistrationError) as info:
        services.invite(application, session=session, by=factories.staff())
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_invite_refuses_full_and_past_sessions(session):
    tiny = factories.make_session(capacity=1)
    factories.confirmed(tiny)
    with pytest.raises(RegistrationError) as info:
        services.invite(factories.decided(), session=tiny, by=factories.staff())
    assert info.value.code == ErrorCode.SESSION_FULL
    factories.hold(session)
    with pytest.raises(RegistrationError) as info:
        services.invite(factories.decided(), session=session, by=factories.staff())
    assert info.value.code == ErrorCode.REGISTRATION_CLOSED


def test_invite_checks_the_deadline_and_permission(session):
    application = factories.decided()
    with pytest.raises(RegistrationError) as info:
        services.invite(
            application,
            session=session,
            by=factories.staff(),
            respond_by=session.starts_at + timedelta(days=1),
        )
    assert info.value.code == ErrorCode.INVALID_INPUT
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user("clerk", password="x")
    with pytest.raises(RegistrationError) as info:
        services.invite(application, session=session, by=clerk)
    assert info.value.code == ErrorCode.PERMISSION_DENIED


def test_waitlisted_applicant_can_be_invited(session):
    application = factories.decided(Status.WAITLISTED)
    services.invite(application, session=session, by=factories.staff())
    application.refresh_from_db()
    assert application.status == Status.INVITED


def test_accepting_takes_a_seat_and_repeating_changes_nothing(session):
    application, token = factories.invited(session)
    invitation = services.respond_to_invitation(token, accept=True)
    assert invitation.status == Invitation.Status.ACCEPTED
    application.refresh_from_db()
    assert application.status == Status.CONFIRMED
    assert confirmed_seat_counts([session.pk]) == {session.pk: 1}
    assert services.respond_to_invitation(token, accept=True).status == Invitation.Status.ACCEPTED
    assert confirmed_seat_counts([session.pk]) == {session.pk: 1}
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(token, accept=False)
    assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_confirmation_when_full_is_refused_and_leaves_the_invitation_open():
    tiny = factories.make_session(capacity=1)
    first, first_token = factories.invited(tiny)
    second, second_token = factories.invited(tiny)
    services.respond_to_invitation(first_token, accept=True)
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(second_token, accept=True)
    assert info.value.code == ErrorCode.SESSION_FULL
    second.refresh_from_db()
    assert second.status == Status.INVITED
    assert second.invitations.get().status == Invitation.Status.PENDING
    # The first withdraws: the seat is free again and the second can take it.
    services.withdraw_application(first, by=factories.staff())
    services.respond_to_invitation(second_token, accept=True)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert confirmed_seat_counts([tiny.pk]) == {tiny.pk: 1}


def test_decline_invites_the_next_waitlisted_in_order(
    django_capture_on_commit_callbacks, mailoutbox
):
    session = factories.make_session(capacity=1)
    application, token = factories.invited(session)
    later = factories.decided(Status.WAITLISTED, session=session.slug)
    first = factories.decided(Status.WAITLISTED, session=session.slug)
    Application.objects.filter(pk=first.pk).update(waitlisted_at=timezone.now() - timedelta(days=2))
    other_session = factories.make_session()
    elsewhere = factories.decided(Status.WAITLISTED, session=other_session.slug)
    Application.objects.filter(pk=elsewhere.pk).update(
        waitlisted_at=timezone.now() - timedelta(days=9)
    )
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.respond_to_invitation(token, accept=False)
    assert declined.status == Invitation.Status.DECLINED
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[first.pk] == Status.INVITED
    assert statuses[later.pk] == Status.WAITLISTED
    assert statuses[elsewhere.pk] == Status.WAITLISTED
    automatic = Invitation.objects.get(application_id=first.pk)
    assert automatic.from_waitlist and automatic.invited_by is None
    assert automatic.session_id == session.pk
    assert mailoutbox[-1].to == [first.applicant.email]


def test_city_wide_waitlisted_applicants_are_candidates_too():
    session = factories.make_session(capacity=1)
    _application, token = factories.invited(session)
    anywhere = factories.decided(Status.WAITLISTED)  # no session chosen
    services.respond_to_invitation(token, accept=False)
    anywhere.refresh_from_db()
    assert anywhere.status == Status.INVITED and anywhere.session_id == session.pk


def test_no_automatic_invitation_while_seats_are_promised():
    session = factories.make_session(capacity=1)
    _a, token_a = factories.invited(session)
    _b, _token_b = factories.invited(session)  # over-invited by the committee
    waiting = factories.decided(Status.WAITLISTED, session=session.slug)
    services.respond_to_invitation(token_a, accept=False)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


def test_withdrawal_of_a_confirmed_participant_refills_the_seat():
    session = factories.make_session(capacity=1)
    waiting = factories.decided(Status.WAITLISTED, session=session.slug)
    application = factories.confirmed(session)
    services.withdraw_application(application, by=factories.staff())
    assert application.invitations.get().status == Invitation.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Status.INVITED
    assert confirmed_seat_counts([session.pk]) == {session.pk: 0}


@pytest.mark.parametrize("token", ["", "nonsense", "A" * 43])
def test_respond_with_a_wrong_token(token):
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(token, accept=True)
    assert info.value.code == ErrorCode.INVALID_TOKEN


def test_respond_after_the_deadline_is_expired(session):
    application, token = factories.invited(session)
    Invitation.objects.filter(application=application).update(
        respond_by=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(token, accept=True)
    assert info.value.code == ErrorCode.TOKEN_EXPIRED


def test_confirming_for_a_cancelled_session_is_refused(session):
    _application, token = factories.invited(session)
    SessionPage.objects.filter(pk=session.pk).update(status=SessionPage.Status.CANCELLED)
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(token, accept=True)
    assert info.value.code == ErrorCode.REGISTRATION_CLOSED


def test_seat_counts_for_many_sessions_in_one_query(django_assert_num_queries):
    sessions = [factories.make_session(capacity=5) for _ in range(3)]
    factories.confirmed(sessions[0])
    factories.confirmed(sessions[0])
    factories.confirmed(sessions[2])
    ids = [s.pk for s in sessions]
    with django_assert_num_queries(1):
        counts = confirmed_seat_counts(ids)
    assert counts == {ids[0]: 2, ids[1]: 0, ids[2]: 1}
    assert sessions[0].seats_left() == 3


def test_unanswered_invitations_lapse_and_their_seat_goes_to_the_waitlist(capsys):
    from django.core.management import call_command

    session = factories.make_session(capacity=1)
    silent, token = factories.invited(session)
    waiting = factories.decided(Status.WAITLISTED, session=session.slug)
    Invitation.objects.filter(application=silent).update(
        respond_by=timezone.now() - timedelta(hours=1)
    )
    call_command("expire_unconfirmed")
    assert "Declined 1 invitation(s)" in capsys.readouterr().out
    silent.refresh_from_db()
    waiting.refresh_from_db()
    assert silent.status == Status.DECLINED
    assert waiting.status == Status.INVITED
    with pytest.raises(RegistrationError) as info:
        services.respond_to_invitation(token, accept=True)
    assert info.value.code == ErrorCode.INVALID_TOKEN
    assert services.expire_invitations() == 0
