"""Read-only lookups: status by token, history, the public roster, dashboard counts."""

from __future__ import annotations

import pytest

from registrations import services
from registrations.lifecycle import Status
from registrations.selectors import (
    application_status,
    citizen_diplomats,
    counts_by_city,
    current_invitation,
    localized_title,
    localized_titles,
    status_history,
)

from . import factories

pytestmark = pytest.mark.django_db


def test_application_status_accepts_persian_digits_and_case_in_the_reference():
    application, token = factories.submitted()
    persian = application.reference.lower().translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert application_status(persian, token) == application
    wrong = token[:-1] + ("B" if token.endswith("A") else "A")
    assert application_status(application.reference, wrong) is None
    assert application_status(None, token) is None


def test_history_lists_status_changes_only(session):
    application = factories.under_review()
    services.add_review(application, reviewer=factories.staff(), score=5, recommendation="accept")
    services.decide(application, decision=Status.ACCEPTED, by=factories.staff())
    services.invite(application, session=session, by=factories.staff())
    assert [step.status for step in status_history(application)] == [
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.ACCEPTED,
        Status.INVITED,
    ]
    assert current_invitation(application).session_id == session.pk


def test_roster_lists_only_attendees_who_agreed(session):
    listed = factories.confirmed(session, full_name="Listed Person")
    shy = factories.confirmed(session, full_name="Shy Person", roster_opt_in=False)
    absent = factories.confirmed(session, full_name="Absent Person")
    factories.hold(session)
    for application, attended in ((listed, True), (shy, True), (absent, False)):
        services.record_attendance(application, attended=attended, by=factories.staff())
    roster = citizen_diplomats(factories.city())
    assert [person.full_name for person in roster] == ["Listed Person"]
    assert citizen_diplomats(factories.city("xian")).count() == 0
    services.erase_applicant(listed.applicant)
    assert citizen_diplomats(factories.city()).count() == 0


def test_counts_by_city_in_one_query(session, django_assert_num_queries):
    factories.submitted()
    factories.under_review()
    factories.decided(Status.ACCEPTED)
    factories.confirmed(session)
    factories.submitted(city="xian")
    with django_assert_num_queries(1):
        counts = counts_by_city()
    florence = counts[factories.city().pk]
    assert florence["registered"] == 4
    assert florence["in_review"] == 1 and florence["accepted"] == 1 and florence["confirmed"] == 1
    assert counts[factories.city("xian").pk]["registered"] == 1


def test_localized_title_falls_back_to_the_source():
    florence = factories.city()
    assert localized_title(florence, "en") == "Florence"
    assert localized_title(florence, "fa") == "فلورانس"
    assert localized_title(florence, "de") == "فلورانس"


def test_localized_titles_reads_several_pages_in_one_query(django_assert_num_queries):
    florence, xian = factories.city(), factories.city("xian")
    with django_assert_num_queries(1):
        english = localized_titles([florence.pk, None, xian.pk], "en")
    assert english == {florence.pk: "Florence", xian.pk: localized_title(xian, "en")}
    assert localized_titles([florence.pk], "de") == {florence.pk: "فلورانس"}
    assert localized_titles([None], "en") == {}
