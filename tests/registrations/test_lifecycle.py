"""The transition table: every edge of DESIGN.md's diagram is allowed, nothing else is."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from registrations.errors import ErrorCode, RegistrationError
from registrations.lifecycle import (
    FINAL_STATUSES,
    LIVE_STATUSES,
    STATUS_CHOICES,
    TRANSITIONS,
    Act,
    Status,
    can_transition,
    check_transition,
)

S = Status
EXPECTED_EDGES = {
    (S.SUBMITTED, Act.CONFIRM_EMAIL, S.UNDER_REVIEW),
    (S.SUBMITTED, Act.EXPIRE, S.EXPIRED),
    (S.UNDER_REVIEW, Act.DECIDE, S.ACCEPTED),
    (S.UNDER_REVIEW, Act.DECIDE, S.REJECTED),
    (S.UNDER_REVIEW, Act.DECIDE, S.WAITLISTED),
    (S.WAITLISTED, Act.DECIDE, S.ACCEPTED),
    (S.WAITLISTED, Act.DECIDE, S.REJECTED),
    (S.ACCEPTED, Act.INVITE, S.INVITED),
    (S.WAITLISTED, Act.INVITE, S.INVITED),
    (S.INVITED, Act.ACCEPT_INVITATION, S.CONFIRMED),
    (S.INVITED, Act.DECLINE_INVITATION, S.DECLINED),
    (S.CONFIRMED, Act.RECORD_ATTENDANCE, S.ATTENDED),
    (S.CONFIRMED, Act.RECORD_ATTENDANCE, S.NO_SHOW),
    *(
        (status, Act.WITHDRAW, S.WITHDRAWN)
        for status in (
            S.SUBMITTED,
            S.UNDER_REVIEW,
            S.ACCEPTED,
            S.WAITLISTED,
            S.INVITED,
            S.CONFIRMED,
        )
    ),
}
STATUSES = [value for value, _label in STATUS_CHOICES]
ACTS = [value for name, value in vars(Act).items() if name.isupper()]


def test_table_holds_exactly_the_designed_edges():
    edges = {(s, act, t) for (s, act), targets in TRANSITIONS.items() for t in targets}
    assert edges == EXPECTED_EDGES


@pytest.mark.parametrize(("status", "act", "target"), sorted(EXPECTED_EDGES))
def test_designed_edge_is_allowed(status, act, target):
    check_transition(status, act, target)


def test_every_other_move_is_refused_with_a_coded_error():
    refused = [
        combo
        for combo in itertools.product(STATUSES, ACTS, STATUSES)
        if combo not in EXPECTED_EDGES
    ]
    assert len(refused) > 1000
    for status, act, target in refused:
        assert not can_transition(status, act, target)
        with pytest.raises(RegistrationError) as info:
            check_transition(status, act, target)
        assert info.value.code == ErrorCode.ILLEGAL_TRANSITION


def test_final_statuses_lead_nowhere_and_attended_is_never_withdrawn():
    for status in FINAL_STATUSES:
        assert not any(key[0] == status for key in TRANSITIONS)
    assert not can_transition(S.ATTENDED, Act.WITHDRAW, S.WITHDRAWN)
    assert LIVE_STATUSES.isdisjoint(FINAL_STATUSES)


def test_refusal_message_names_both_statuses_in_the_reader_language():
    with pytest.raises(RegistrationError) as info:
        check_transition(S.REJECTED, Act.INVITE, S.INVITED)
    with translation.override("en"):
        assert (
            str(info.value.message) == "An application that is “Rejected” cannot become “Invited”."
        )
    with translation.override("fa"):
        assert str(info.value.message) == "درخواستی که «ردشده» است نمی‌تواند «دعوت‌شده» شود."
