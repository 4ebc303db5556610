"""The committee's candidate ranking for a session: pinned on a small fixture, with reasons."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import CooperationTopic, SessionPage
from registrations import services
from registrations.lifecycle import Status
from registrations.matching import rank_candidates
from registrations.models import Invitation
from tests.registrations import factories as applications

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="fa")


@pytest.fixture
def fixture():
    """Florence: agenda (current) topics cultural-weeks, city-marketing, joint-research-groups;
    live Action Plan topics cultural-weeks and specialised-exhibitions; language Italian."""
    a = applications.decided(
        Status.ACCEPTED,
        topics=["cultural-weeks", "specialised-exhibitions"],
        languages=["fa", "it"],
        category="ACADEMIC",
    )
    b = applications.under_review(
        topics=["city-marketing"], languages=["fa", "en"], category="BUSINESS"
    )
    services.add_review(b, reviewer=applications.staff(), score=5, recommendation="accept")
    c = applications.decided(
        Status.WAITLISTED, topics=["tourism"], languages=["it"], category="ACADEMIC"
    )
    applications.decided(Status.REJECTED, topics=["cultural-weeks"], languages=["it"])
    applications.decided(Status.ACCEPTED, city="yerevan", topics=["tourism"])  # another city
    return a, b, c


def test_the_ranking_is_pinned_with_its_reasons(session, fixture):
    a, b, c = fixture
    ranked = rank_candidates(session)

    assert [(r.application.pk, r.score) for r in ranked] == [
        (a.pk, 3 + 2 * 2 + 2 + 2),  # 1 agenda topic, 2 live plan topics, Italian, new category
        (b.pk, 3 + 2 + 5),  # 1 agenda topic, new category, review average 5
        (c.pk, 2 + 2),  # Italian, new category
    ]
    first = ranked[0]
    assert [t.slug for t in first.session_topics] == ["cultural-weeks"]
    assert [t.slug for t in first.plan_topics] == ["cultural-weeks", "specialised-exhibitions"]
    assert first.shared_languages == ["it"] and first.new_category
    assert ranked[1].review_average == 5 and ranked[1].review_count == 1
    assert [r.can_be_invited for r in ranked] == [True, False, True], "under review: not yet"


def test_inviting_changes_category_diversity(session, fixture):
    a, _b, c = fixture
    services.invite(a, session=session, by=applications.staff())
    ranked = {r.application.pk: r for r in rank_candidates(session)}
    assert a.pk not in ranked, "invited applications leave the candidates"
    assert not ranked[c.pk].new_category and ranked[c.pk].score == 2


def test_the_ranking_costs_the_same_queries_for_more_applications(session, fixture):
    rank_candidates(session)
    with CaptureQueriesContext(connection) as once:
        rank_candidates(session)
    for _ in range(6):
        applications.decided(Status.ACCEPTED, topics=["cultural-weeks", "tourism"])
    with CaptureQueriesContext(connection) as more:
        ranked = rank_candidates(session)
    assert len(ranked) == 9
    assert len(more.captured_queries) == len(once.captured_queries) <= 10


def _user(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="registrations", codename__in=codenames),
    )
    return user


def test_names_appear_only_with_the_personal_data_permission(client, session, fixture):
    a, _b, _c = fixture
    url = f"/admin/candidates/{session.pk}/"
    client.force_login(_user("viewer", "view_application"))
    masked = client.get(url).content.decode()
    assert a.reference in masked and a.applicant.full_name not in masked
    assert 'name="application"' not in masked, "no invite without the permission"

    client.force_login(
        _user("committee-chair", "view_application", "view_personal_data", "invite_applicant")
    )
    shown = client.get(url).content.decode()
    assert a.applicant.full_name in shown and 'name="application"' in shown

    client.force_login(_user("nobody"))
    assert client.get(url).status_code in (302, 403)


def test_bulk_invite_goes_through_the_service(client, session, fixture):
    a, b, c = fixture
    client.force_login(_user("inviter", "view_application", "invite_applicant"))
    response = client.post(f"/admin/candidates/{session.pk}/", {"application": [a.pk, b.pk, c.pk]})
    assert response.status_code == 302
    invited = set(
        Invitation.objects.filter(session=session).values_list("application_id", flat=True)
    )
    assert invited == {a.pk, c.pk}, "the one under review is refused by the service"
    a.refresh_from_db()
    assert a.status == Status.INVITED
    assert client.get("/admin/candidates/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_make_runs_sample_applications_give_the_demo_session_candidates(programme):
    """Transactional: the command confirms each address with the link emailed after commit."""
    from django.core.management import call_command

    from registrations.models import AuditEntry

    session = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="fa")
    call_command("load_sample_applications", verbosity=0)
    ranked = rank_candidates(session)
    assert [r.application.status for r in ranked].count(Status.ACCEPTED) == 2
    assert len(ranked) == 4 and ranked[0].score > ranked[-1].score
    assert AuditEntry.objects.filter(application__in=[r.application for r in ranked]).exists()
    call_command("load_sample_applications", verbosity=0)
    assert len(rank_candidates(session)) == 4, "a second run changes nothing"


def _set_agenda(session: SessionPage, *topics) -> None:
    """Publish the source session with one agenda item per topic (``None``: no topic)."""
    session = SessionPage.objects.get(pk=session.pk)
    session.agenda = [
        ("item", {"time": "", "title": f"Item {i}", "speaker": "", "description": "", "topic": t})
        for i, t in enumerate(topics)
    ]
    session.save_revision().publish()


def test_the_agenda_topics_replace_the_city_topics_in_the_ranking(
    session, fixture, django_capture_on_commit_callbacks
):
    """Agenda: tourism, and city-marketing chosen in English (mapped to the Persian topic)."""
    a, b, c = fixture
    tourism = CooperationTopic.objects.get(slug="tourism", locale__language_code="fa")
    marketing_en = CooperationTopic.objects.get(slug="city-marketing", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        _set_agenda(session, tourism, None, marketing_en, tourism)
    assert SessionPage.objects.get(pk=session.pk).agenda_topic_ids == [tourism.pk, marketing_en.pk]

    ranked = rank_candidates(session)
    assert [(r.application.pk, r.score) for r in ranked] == [
        (b.pk, 3 + 2 + 5),  # city-marketing on the agenda, new category, review average 5
        (a.pk, 2 * 2 + 2 + 2),  # no agenda topic; 2 live plan topics, Italian, new category
        (c.pk, 3 + 2 + 2),  # tourism on the agenda, Italian, new category
    ]
    assert [t.slug for t in ranked[0].session_topics] == ["city-marketing"]
    assert ranked[1].session_topics == [] and len(ranked[1].plan_topics) == 2
    assert [t.slug for t in ranked[2].session_topics] == ["tourism"]

    # the topic is a shared value: a translation ranks from the source page's agenda
    english = SessionPage.objects.get(
        translation_key=session.translation_key, locale__language_code="en"
    )
    assert [(r.application.pk, r.score) for r in rank_candidates(english)] == [
        (r.application.pk, r.score) for r in ranked
    ]


def test_an_agenda_without_topics_keeps_the_city_topics(
    session, fixture, django_capture_on_commit_callbacks
):
    a, _b, _c = fixture
    with django_capture_on_commit_callbacks(execute=True):
        _set_agenda(session, None)
    assert SessionPage.objects.get(pk=session.pk).agenda_topic_ids == []
    first = rank_candidates(session)[0]
    assert first.application.pk == a.pk and [t.slug for t in first.session_topics] == [
        "cultural-weeks"
    ]


def test_agenda_topics_keep_the_ranking_at_a_fixed_number_of_queries(
    session, fixture, django_capture_on_commit_callbacks
):
    tourism = CooperationTopic.objects.get(slug="tourism", locale__language_code="fa")
    with django_capture_on_commit_callbacks(execute=True):
        _set_agenda(session, tourism)
    session = SessionPage.objects.get(pk=session.pk)
    rank_candidates(session)
    with CaptureQueriesContext(connection) as once:
        rank_candidates(session)
    for _ in range(6):
        applications.decided(Status.ACCEPTED, topics=["tourism"])
    with CaptureQueriesContext(connection) as more:
        assert len(rank_candidates(session)) == 9
    assert len(more.captured_queries) == len(once.captured_queries) <= 10


def test_the_candidates_view_says_when_the_city_topics_stand_in(
    client, session, fixture, django_capture_on_commit_callbacks
):
    client.force_login(_user("viewer-of-topics", "view_application"))
    url = f"/admin/candidates/{session.pk}/"
    note = "موضوعات همکاری جاری شهر"  # the admin speaks Persian by default
    assert note in client.get(url).content.decode()
    tourism = CooperationTopic.objects.get(slug="tourism", locale__language_code="fa")
    with django_capture_on_commit_callbacks(execute=True):
        _set_agenda(session, tourism)
    html = client.get(url).content.decode()
    assert note not in html and "هر موضوع در دستور کار همنشست" in html
