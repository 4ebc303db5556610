"""The committee's screens: review and decide forms, masking, the personal-data access report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cms.admin_i18n.names import group_named
from registrations import services
from registrations.models import PersonalDataAccess, Review

from . import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/personal-data-access/"


def committee_user(username: str = "member"):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org")
    user.groups.add(group_named("Review committee"))
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


def test_review_form_shows_the_applicant_and_preselects_nothing(member, client):
    application = factories.under_review(
        full_name="Leila Sadeghi", motivation="Bridges between universities."
    )
    response = client.get(reverse("applications:review", args=(application.pk,)))
    content = response.content.decode()
    assert "Leila Sadeghi" in content and "Bridges between universities." in content
    assert "None (conflict of interest)" not in content
    form = response.context["form"]
    assert form["recommendation"].value() in (None, "")
    assert 'value="accept" checked' not in content


def test_first_save_of_the_review_form_with_score_and_recommendation_works(member, client):
    application = factories.under_review()
    url = reverse("applications:review", args=(application.pk,))
    page = client.get(url)
    data = {
        name: field.value() or ""
        for name, field in ((n, page.context["form"][n]) for n in page.context["form"].fields)
    }
    data.update({"score": "4", "recommendation": "accept"})
    response = client.post(url, {k: v for k, v in data.items() if v not in ("", None, False)})
    assert response.status_code == 302
    assert Review.objects.get(application=application).score == 4


def test_review_form_masks_the_applicant_without_personal_data_permission(client):
    application = factories.under_review(full_name="Leila Sadeghi", motivation="Secret plans.")
    client.force_login(user_with("reviewer", "view_application", "review_application"))
    content = client.get(reverse("applications:review", args=(application.pk,))).content.decode()
    assert "Leila Sadeghi" not in content and "Secret plans." not in content
    assert "•••" in content
    assert not PersonalDataAccess.objects.exists()


def test_decide_form_shows_every_review_and_the_average(member, client):
    application = factories.under_review()
    services.add_review(
        application, reviewer=committee_user("r1"), score=3, recommendation="waitlist"
    )
    services.add_review(
        application, reviewer=committee_user("r2"), score=5, recommendation="accept", comment="Yes!"
    )
    response = client.get(reverse("applications:decide", args=(application.pk,)))
    assert (response.context["review_count"], response.context["average_score"]) == (2, 4.0)
    assert len(response.context["reviews"]) == 2
    assert "Yes!" in response.content.decode()


def test_without_personal_data_permission_no_review_comments_or_internal_reason(client):
    application = factories.under_review()
    services.add_review(
        application,
        reviewer=committee_user("r1"),
        score=4,
        recommendation="accept",
        comment="Knows the mayor personally",
    )
    services.decide(
        application,
        decision="accepted",
        by=factories.staff(),
        internal_reason="Family ties in Florence",
    )
    client.force_login(user_with("observer", "view_application", "decide_application"))
    for url in (
        reverse("applications:inspect", args=(application.pk,)),
        reverse("applications:decide", args=(application.pk,)),
    ):
        content = client.get(url).content.decode()
        assert "Knows the mayor personally" not in content
        assert "Family ties in Florence" not in content


def test_preferred_language_is_shown_by_name(member, client):
    application = factories.under_review(preferred_locale="en")
    content = client.get(reverse("applications:inspect", args=(application.pk,))).content
    assert "انگلیسی" in content.decode() or "English" in content.decode()


def test_detail_views_go_to_the_access_log_not_to_the_history(member, client):
    application = factories.under_review()
    for _ in range(3):
        client.get(reverse("applications:inspect", args=(application.pk,)))
    assert PersonalDataAccess.objects.filter(application=application, staff=member).count() == 3
    history = client.get(reverse("applications:inspect", args=(application.pk,))).context["history"]
    assert all(entry.action != "personal_data_viewed" for entry, _f, _t in history)


def test_access_report_lists_and_filters_by_staff_applicant_and_date(client):
    officer = user_with("officer", "view_personaldataaccess")
    first, second = committee_user("first"), committee_user("second")
    one = factories.under_review(email="one@example.org")
    two = factories.under_review(email="two@example.org")
    services.log_personal_data_view(one.applicant, by=first, application=one)
    services.log_personal_data_view(two.applicant, by=second, application=two)
    old = services.log_personal_data_view(two.applicant, by=first, application=two)
    PersonalDataAccess.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    client.force_login(officer)

    def listed(**params) -> set[int]:
        response = client.get(REPORT, params)
        assert response.status_code == 200
        return {entry.pk for entry in response.context["object_list"]}

    everything = set(PersonalDataAccess.objects.values_list("pk", flat=True))
    assert listed() == everything
    assert listed(staff=first.pk) == {e.pk for e in PersonalDataAccess.objects.filter(staff=first)}
    assert listed(applicant=two.reference) == {
        e.pk for e in PersonalDataAccess.objects.filter(application=two)
    }
    assert listed(applicant="ONE@example.org") == {
        e.pk for e in PersonalDataAccess.objects.filter(application=one)
    }
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert old.pk not in listed(created_at_from=since)
    assert old.pk in listed()


def test_access_report_is_refused_to_the_committee(member, client):
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
