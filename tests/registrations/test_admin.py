"""The committee's admin: list, filters, search, detail view, acts, export, dashboard, access."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cms.admin_i18n.names import group_named
from registrations.lifecycle import Status
from registrations.models import Application, AuditEntry, PersonalDataAccess, Review

from . import factories

pytestmark = pytest.mark.django_db

# Created in English by its migration; renamed to Persian after migrate (cms.admin_i18n.names).
COMMITTEE = "Review committee"
INDEX = "/admin/applications/"


def committee_user(username: str = "member"):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org")
    user.groups.add(group_named(COMMITTEE))
    return user


def user_with(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="registrations", codename=codename)
        )
    return user


@pytest.fixture
def member(client):
    user = committee_user()
    client.force_login(user)
    return user


def listed_references(response) -> set[str]:
    content = response.content.decode()
    return {app.reference for app in Application.objects.all() if f">{app.reference}<" in content}


def assert_refused(response) -> None:
    """Wagtail answers a refused admin view with a redirect to the dashboard (or a 403)."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def inspect_url(application) -> str:
    return reverse("applications:inspect", args=(application.pk,))


# --- the group and access -------------------------------------------------------------------


def test_committee_group_has_exactly_the_intended_permissions():
    group = group_named(COMMITTEE)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert granted == {
        ("wagtailadmin", "access_admin"),
        ("registrations", "view_application"),
        ("registrations", "view_personal_data"),
        ("registrations", "review_application"),
        ("registrations", "decide_application"),
        ("registrations", "invite_applicant"),
        ("registrations", "record_attendance"),
        ("registrations", "export_applications"),
    }


def test_committee_member_cannot_edit_pages_or_snippets(member, client):
    assert client.get("/admin/pages/").status_code in (302, 403)
    assert not member.has_perm("wagtailcore.change_page")
    assert not member.has_perm("cities.change_cooperationtopic")
    assert not member.has_perm("registrations.erase_applicant")


def test_staff_without_registration_permissions_is_refused(client):
    application = factories.under_review()
    outsider = user_with("editor")
    client.force_login(outsider)
    assert_refused(client.get(INDEX))
    assert_refused(client.get(inspect_url(application)))
    assert_refused(
        client.post(
            reverse("applications:decide", args=(application.pk,)), {"decision": "accepted"}
        )
    )
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_menu_shows_registrations_to_the_committee(member, client):
    content = client.get("/admin/").content.decode()
    assert "Registrations" in content or "ثبت‌نام" in content
    assert INDEX in content


def test_generic_create_edit_and_delete_are_refused_even_to_superusers(client):
    application = factories.under_review()
    client.force_login(factories.staff())
    assert_refused(client.get(f"{INDEX}new/"))
    assert_refused(client.get(f"{INDEX}edit/{application.pk}/"))
    assert_refused(client.post(f"{INDEX}delete/{application.pk}/"))
    assert Application.objects.filter(pk=application.pk).exists()


def test_each_act_needs_its_own_permission(client):
    application = factories.under_review()
    reviewer_only = user_with("reviewer", "view_application", "review_application")
    client.force_login(reviewer_only)
    decide = reverse("applications:decide", args=(application.pk,))
    assert_refused(client.get(decide))
    assert client.get(reverse("applications:review", args=(application.pk,))).status_code == 200


# --- list, filters, search ------------------------------------------------------------------


def test_list_shows_applications_with_applicant_names(member, client):
    application = factories.under_review(full_name="Parisa Karimi")
    response = client.get(INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert application.reference in content
    assert "Parisa Karimi" in content


def test_list_masks_names_without_the_personal_data_permission(client):
    application = factories.under_review(full_name="Parisa Karimi")
    client.force_login(user_with("observer", "view_application"))
    content = client.get(INDEX).content.decode()
    assert application.reference in content
    assert "Parisa Karimi" not in content


def test_list_query_count_does_not_grow_with_rows(member, client, django_assert_max_num_queries):
    for _ in range(3):
        factories.under_review()
    with django_assert_max_num_queries(40) as small:
        client.get(INDEX)
    for _ in range(6):
        factories.under_review()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(INDEX)


def test_filter_by_city(member, client):
    florence = factories.under_review(city="florence")
    elsewhere = factories.under_review(city=_second_city().slug)
    response = client.get(INDEX, {"city": factories.city("florence").pk})
    assert listed_references(response) == {florence.reference}
    assert elsewhere.reference not in response.content.decode()


def test_filter_by_status_category_topic_and_session(member, client, session):
    reviewed = factories.under_review(category="ARTS", topics=["tourism"])
    accepted = factories.decided(Status.ACCEPTED, category="MEDIA", topics=["city-marketing"])
    with_session = factories.under_review(session=session.slug)

    assert listed_references(client.get(INDEX, {"status": "accepted"})) == {accepted.reference}
    assert listed_references(client.get(INDEX, {"category": "arts"})) == {reviewed.reference}
    tourism = _topic("tourism")
    assert listed_references(client.get(INDEX, {"topic": tourism.pk})) == {reviewed.reference}
    assert listed_references(client.get(INDEX, {"session": session.pk})) == {with_session.reference}


def test_filter_by_submission_date(member, client):
    old = factories.under_review()
    recent = factories.under_review()
    Application.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=40))
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    response = client.get(INDEX, {"submitted_from": since})
    assert listed_references(response) == {recent.reference}


@pytest.mark.parametrize("query", ["reference", "name", "email"])
def test_search_by_reference_name_or_email(member, client, query):
    wanted = factories.under_review(full_name="Dariush Nouri", email="dariush@example.org")
    factories.under_review(full_name="Someone Else")
    # Email: exact and case-insensitive (an index lookup), never a partial match.
    term = {"reference": wanted.reference, "name": "Nouri", "email": "Dariush@Example.org"}[query]
    response = client.get(INDEX, {"q": term})
    assert listed_references(response) == {wanted.reference}


def test_search_by_email_is_not_offered_without_the_personal_data_permission(client):
    factories.under_review(email="hidden@example.org")
    client.force_login(user_with("observer", "view_application"))
    assert listed_references(client.get(INDEX, {"q": "hidden@example.org"})) == set()


# --- detail view and its audit trail ---------------------------------------------------------


def test_detail_shows_application_reviews_and_history_and_logs_the_look(member, client):
    application = factories.under_review(
        full_name="Leila Sadeghi", email="leila@example.org", motivation="Bridges."
    )
    colleague = committee_user("colleague")
    from registrations import services

    services.add_review(
        application, reviewer=colleague, score=4, recommendation="accept", comment="Strong"
    )
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    content = response.content.decode()
    expected = ("Leila Sadeghi", "leila@example.org", "Bridges.", "Strong", application.reference)
    for text in expected:
        assert text in content
    entry = PersonalDataAccess.objects.filter(application=application, kind="view").get()
    assert entry.staff == member and entry.applicant == application.applicant
    # The application's history tells what happened to it, not who read it.
    assert not AuditEntry.objects.filter(
        application=application, action=AuditEntry.Action.PERSONAL_DATA_VIEWED
    ).exists()


def test_detail_masks_personal_data_without_permission_and_logs_nothing(client):
    application = factories.under_review(full_name="Leila Sadeghi", email="leila@example.org")
    client.force_login(user_with("observer", "view_application"))
    content = client.get(inspect_url(application)).content.decode()
    assert application.reference in content
    assert "Leila Sadeghi" not in content
    assert "leila@example.org" not in content
    assert not PersonalDataAccess.objects.filter(application=application).exists()


def test_detail_never_shows_erased_data(member, client):
    from registrations import services

    application = factories.under_review(full_name="Gone Person")
    services.erase_applicant(application.applicant, by=factories.staff())
    content = client.get(inspect_url(application)).content.decode()
    assert "Gone Person" not in content


# --- single-application acts -----------------------------------------------------------------


def test_review_through_the_admin(member, client):
    application = factories.under_review()
    response = client.post(
        reverse("applications:review", args=(application.pk,)),
        {"score": "5", "recommendation": "accept", "comment": "Excellent channels"},
    )
    assert response.status_code == 302
    assert response["Location"] == inspect_url(application)
    review = Review.objects.get(application=application)
    assert (review.reviewer, review.score, review.recommendation) == (member, 5, "accept")


def test_review_without_score_shows_the_services_error_on_the_field(member, client):
    application = factories.under_review()
    response = client.post(
        reverse("applications:review", args=(application.pk,)), {"recommendation": "accept"}
    )
    assert response.status_code == 200
    assert "score" in response.context["form"].errors
    assert not Review.objects.exists()


def test_review_with_declared_conflict_records_a_recusal(member, client):
    application = factories.under_review()
    client.post(
        reverse("applications:review", args=(application.pk,)),
        {"conflict_of_interest": "on", "score": "5", "recommendation": "accept"},
    )
    review = Review.objects.get(application=application)
    assert review.conflict_of_interest and review.score is None


def test_decide_through_the_admin(member, client, mailoutbox, django_capture_on_commit_callbacks):
    application = factories.under_review()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:decide", args=(application.pk,)),
            {"decision": "accepted", "public_message": "Welcome", "internal_reason": "Fits"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.internal_reason == "Fits"
    assert len(mailoutbox) == 1


def test_refused_decision_changes_nothing_and_says_why(member, client):
    application = factories.decided(Status.REJECTED)
    response = client.post(
        reverse("applications:decide", args=(application.pk,)), {"decision": "accepted"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_invite_through_the_admin(member, client, session):
    application = factories.decided(Status.ACCEPTED)
    form_page = client.get(reverse("applications:invite", args=(application.pk,)))
    assert session.title in form_page.content.decode()
    response = client.post(
        reverse("applications:invite", args=(application.pk,)), {"session": session.pk}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.INVITED
    assert application.invitations.get().session_id == session.pk


def test_invite_offers_only_sessions_of_the_applications_city(member, client, session):
    application = factories.decided(Status.ACCEPTED)
    elsewhere = factories.make_session(_second_city())
    response = client.post(
        reverse("applications:invite", args=(application.pk,)), {"session": elsewhere.pk}
    )
    assert response.status_code == 200
    assert "session" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_record_attendance_through_the_admin(member, client, session):
    application = factories.confirmed(session)
    factories.hold(session)
    response = client.post(
        reverse("applications:attendance", args=(application.pk,)), {"attended": "yes"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ATTENDED


# --- bulk acts -------------------------------------------------------------------------------


def bulk_url(action: str, applications) -> str:
    ids = "&".join(f"id={a.pk}" for a in applications)
    return f"/admin/bulk/registrations/application/{action}/?{ids}&next={INDEX}"


def test_bulk_decide_acts_on_eligible_applications_only(member, client):
    first, second = factories.under_review(), factories.under_review()
    rejected = factories.decided(Status.REJECTED)
    confirm_page = client.get(bulk_url("decide", [first, second, rejected]))
    assert confirm_page.status_code == 200
    assert rejected.reference in confirm_page.content.decode()

    response = client.post(
        bulk_url("decide", [first, second, rejected]),
        {"decision": "waitlisted", "public_message": "", "internal_reason": "Later"},
    )
    assert response.status_code == 302
    statuses = dict(Application.objects.values_list("reference", "status"))
    assert statuses[first.reference] == Status.WAITLISTED
    assert statuses[second.reference] == Status.WAITLISTED
    assert statuses[rejected.reference] == Status.REJECTED


def test_bulk_invite_and_attendance(member, client, session):
    applications = [factories.decided(Status.ACCEPTED) for _ in range(2)]
    response = client.post(bulk_url("invite", applications), {"session": session.pk})
    assert response.status_code == 302
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in applications]).values_list(
            "status", flat=True
        )
    ) == {Status.INVITED}

    confirmed = [factories.confirmed(session) for _ in range(2)]
    factories.hold(session)
    response = client.post(bulk_url("attendance", confirmed), {"attended": "no"})
    assert response.status_code == 302
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in confirmed]).values_list(
            "status", flat=True
        )
    ) == {Status.NO_SHOW}


def test_bulk_act_is_refused_without_its_permission(client):
    application = factories.under_review()
    client.force_login(user_with("reviewer", "view_application", "review_application"))
    assert_refused(client.post(bulk_url("decide", [application]), {"decision": "accepted"}))
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


# --- export ----------------------------------------------------------------------------------


def test_csv_export_has_personal_fields_and_is_logged(member, client):
    application = factories.under_review(full_name="Export Person", email="export@example.org")
    response = client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if application.reference in r)
    assert "Export Person" in row and "export@example.org" in row
    (entry,) = PersonalDataAccess.objects.filter(kind="export")
    assert (entry.staff, entry.personal_data, entry.row_count) == (member, True, len(rows) - 1)


def test_xlsx_export_respects_filters(member, client):
    from openpyxl import load_workbook

    accepted = factories.decided(Status.ACCEPTED)
    factories.under_review()
    response = client.get(INDEX, {"export": "xlsx", "status": "accepted"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    references = {row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    assert references == {accepted.reference}


def test_export_is_refused_without_permission(client):
    factories.under_review()
    client.force_login(user_with("observer", "view_application", "view_personal_data"))
    assert_refused(client.get(INDEX, {"export": "csv"}))


# --- dashboard -------------------------------------------------------------------------------


def test_dashboard_panel_counts_every_status_of_cities_with_activity_only(member, client, session):
    factories.under_review()
    factories.under_review()
    factories.decided(Status.ACCEPTED)
    factories.decided(Status.REJECTED)
    factories.invited(session)
    factories.confirmed(session)
    from registrations.admin.panels import city_counts

    rows = {row["pk"]: dict(row["counts"]) for row in city_counts("fa")}
    florence = factories.city("florence").pk
    assert set(rows) == {florence}, "cities without applications are left out"
    assert rows[florence] == {
        "submitted": 0,
        "under_review": 2,
        "accepted": 1,
        "rejected": 1,
        "waitlisted": 0,
        "invited": 1,
        "confirmed": 1,
        "declined": 0,
        "attended": 0,
        "no_show": 0,
        "withdrawn": 0,
        "expired": 0,
    }
    content = client.get("/admin/").content.decode()
    assert "registrations-summary" in content
    assert f"/admin/applications/?city={florence}&amp;status=rejected" in content


def test_dashboard_counts_cost_a_fixed_number_of_queries(django_assert_num_queries):
    factories.under_review()
    from registrations.admin.panels import city_counts

    with django_assert_num_queries(2):
        city_counts("fa")
    with django_assert_num_queries(3):
        city_counts("en")


def test_dashboard_panel_hidden_from_staff_without_registration_access(client):
    client.force_login(user_with("editor"))
    assert "registrations-summary" not in client.get("/admin/").content.decode()


# --- helpers ---------------------------------------------------------------------------------


def _second_city():
    from cities.models import SisterCityPage

    return (
        SisterCityPage.objects.filter(locale__language_code="fa")
        .exclude(slug="florence")
        .order_by("slug")
        .first()
    )


def _topic(slug: str):
    from cities.models import CooperationTopic

    return CooperationTopic.objects.get(slug=slug, locale__language_code="fa")


# --- personal data: export and erasure on request --------------------------------------------


def test_data_officer_exports_an_applicants_data_as_json(client):
    import json

    application = factories.under_review(full_name="Sami Farahani", email="sami@example.org")
    client.force_login(user_with("officer", "view_application", "erase_applicant"))
    response = client.get(reverse("applications:export_data", args=(application.pk,)))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["applicant"]["email"] == "sami@example.org"
    assert [a["reference"] for a in data["applications"]] == [application.reference]
    assert AuditEntry.objects.filter(
        applicant=application.applicant, action=AuditEntry.Action.EXPORT
    ).exists()


def test_data_officer_erases_an_applicant_after_confirming(client):
    application = factories.under_review(full_name="Sami Farahani", email="sami@example.org")
    client.force_login(user_with("officer", "view_application", "erase_applicant"))
    url = reverse("applications:erase_data", args=(application.pk,))
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200
    application.applicant.refresh_from_db()
    assert application.applicant.erased_at is None

    assert client.post(url, {"confirm": "on"}).status_code == 302
    application.applicant.refresh_from_db()
    assert application.applicant.erased_at is not None
    assert application.applicant.full_name == "" and application.applicant.email == ""


def test_committee_may_neither_export_nor_erase_an_applicant(member, client):
    application = factories.under_review()
    assert_refused(client.get(reverse("applications:export_data", args=(application.pk,))))
    assert_refused(
        client.post(reverse("applications:erase_data", args=(application.pk,)), {"confirm": "on"})
    )
    application.applicant.refresh_from_db()
    assert application.applicant.erased_at is None
    content = client.get(inspect_url(application)).content.decode()
    assert reverse("applications:erase_data", args=(application.pk,)) not in content


def test_detail_view_query_count_does_not_grow_with_reviews(
    member, client, django_assert_max_num_queries
):
    from registrations import services

    application = factories.under_review()
    services.add_review(
        application, reviewer=committee_user("r0"), score=3, recommendation="accept"
    )
    with django_assert_max_num_queries(60) as few:
        client.get(inspect_url(application))
    for i in range(1, 5):
        services.add_review(
            application, reviewer=committee_user(f"r{i}"), score=4, recommendation="accept"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(inspect_url(application))


def test_search_accepts_persian_digits_and_arabic_letters(member, client):
    wanted = factories.under_review(full_name="علی کریمی")
    factories.under_review(full_name="Someone Else")
    persian_reference = wanted.reference.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert listed_references(client.get(INDEX, {"q": persian_reference})) == {wanted.reference}
    assert listed_references(client.get(INDEX, {"q": "علي"})) == {wanted.reference}
