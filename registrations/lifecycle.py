"""The registration lifecycle as data: which status may follow which, and through which act.

DESIGN.md draws the lifecycle; this table is its single source of truth. Services ask
``check_transition`` before they change a status, so a refused move raises the same coded error
everywhere, and a new edge is one line here, not an ``if`` in each caller.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .errors import ErrorCode, RegistrationError, interpolate


class Status:
    """Application statuses (the values stored in ``Application.status``)."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WAITLISTED = "waitlisted"
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


STATUS_CHOICES = [
    (Status.SUBMITTED, _("Submitted (email not confirmed)")),
    (Status.UNDER_REVIEW, _("Under review")),
    (Status.ACCEPTED, _("Accepted")),
    (Status.REJECTED, _("Rejected")),
    (Status.WAITLISTED, _("Waitlisted")),
    (Status.INVITED, _("Invited")),
    (Status.CONFIRMED, _("Confirmed")),
    (Status.DECLINED, _("Declined")),
    (Status.ATTENDED, _("Attended (citizen diplomat)")),
    (Status.NO_SHOW, _("Did not attend")),
    (Status.WITHDRAWN, _("Withdrawn")),
    (Status.EXPIRED, _("Expired (email never confirmed)")),
]


class Act:
    """The acts that move an application; each service performs exactly one of them."""

    CONFIRM_EMAIL = "confirm_email"
    EXPIRE = "expire"
    DECIDE = "decide"
    INVITE = "invite"
    ACCEPT_INVITATION = "accept_invitation"
    DECLINE_INVITATION = "decline_invitation"
    RECORD_ATTENDANCE = "record_attendance"
    WITHDRAW = "withdraw"


# (from status, act) -> the statuses that act may lead to.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Status.SUBMITTED, Act.CONFIRM_EMAIL): frozenset({Status.UNDER_REVIEW}),
    (Status.SUBMITTED, Act.EXPIRE): frozenset({Status.EXPIRED}),
    (Status.UNDER_REVIEW, Act.DECIDE): frozenset(
        {Status.ACCEPTED, Status.REJECTED, Status.WAITLISTED}
    ),
    # The committee may later take a waitlisted applicant in, or turn them down.
    (Status.WAITLISTED, Act.DECIDE): frozenset({Status.ACCEPTED, Status.REJECTED}),
    (Status.ACCEPTED, Act.INVITE): frozenset({Status.INVITED}),
    (Status.WAITLISTED, Act.INVITE): frozenset({Status.INVITED}),
    (Status.INVITED, Act.ACCEPT_INVITATION): frozenset({Status.CONFIRMED}),
    (Status.INVITED, Act.DECLINE_INVITATION): frozenset({Status.DECLINED}),
    (Status.CONFIRMED, Act.RECORD_ATTENDANCE): frozenset({Status.ATTENDED, Status.NO_SHOW}),
    **{
        (status, Act.WITHDRAW): frozenset({Status.WITHDRAWN})
        for status in (
            Status.SUBMITTED,
            Status.UNDER_REVIEW,
            Status.ACCEPTED,
            Status.WAITLISTED,
            Status.INVITED,
            Status.CONFIRMED,
        )
    },
}

# Statuses from which no act leads anywhere.
FINAL_STATUSES = frozenset(
    {
        Status.REJECTED,
        Status.DECLINED,
        Status.ATTENDED,
        Status.NO_SHOW,
        Status.WITHDRAWN,
        Status.EXPIRED,
    }
)
# An applicant holds at most one *live* application per sister city.
LIVE_STATUSES = frozenset(s for s, _label in STATUS_CHOICES) - FINAL_STATUSES
# Applications the retention policy erases once they are old enough.
RETAINED_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED})


def allowed_targets(status: str, act: str) -> frozenset[str]:
    return TRANSITIONS.get((status, act), frozenset())


def can_transition(status: str, act: str, target: str) -> bool:
    return target in allowed_targets(status, act)


def check_transition(status: str, act: str, target: str) -> None:
    """Raise ``ILLEGAL_TRANSITION`` unless ``act`` may move ``status`` to ``target``."""
    if not can_transition(status, act, target):
        labels = dict(STATUS_CHOICES)
        raise RegistrationError(
            ErrorCode.ILLEGAL_TRANSITION,
            interpolate(
                _("An application that is “%(current)s” cannot become “%(target)s”."),
                {"current": labels.get(status, status), "target": labels.get(target, target)},
            ),
        )
