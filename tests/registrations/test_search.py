"""The committee's list: indexed search, score columns, deep pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from cms.admin_i18n.names import group_named
from registrations import services
from registrations.models import Applicant, Application
from registrations.normalize import search_key
from registrations.selectors import search_applications

from . import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/applications/"


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("member", email="member@example.org")
    user.groups.add(group_named("Review committee"))
    client.force_login(user)
    return user


def found(query: str, *, personal_data: bool = True) -> set[str]:
    queryset = search_applications(Application.objects.all(), query, personal_data=personal_data)
    return set(queryset.values_list("reference", flat=True))


def test_search_key_folds_arabic_letters_digits_case_and_zwnj():
    assert search_key("علي  كريمي") == search_key("علی کریمی") == "علی کریمی"
    assert search_key("Maryam AHMADI") == "maryam ahmadi"
    assert search_key("می\u200cخواهم") == "می خواهم"


def test_the_search_column_follows_the_name():
    application = factories.under_review(full_name="علي كريمي")
    applicant = Applicant.objects.get(pk=application.applicant_id)
    assert applicant.search_name == "علی کریمی"
    services.erase_applicant(applicant)
    applicant.refresh_from_db()
    assert applicant.search_name == ""


def test_reference_exact_and_prefix():
    first = factories.under_review().reference
    second = factories.under_review().reference
    assert found(first) == {first}
    assert found(first.lower()) == {first}
    assert found(first[:-1]) >= {first}
    assert found(first[:8]) == {first, second}
    assert found(first.removeprefix("ISF-")) == {first}


def test_email_exact_and_case_insensitive_never_partial():
    application = factories.under_review(email="leila@example.org")
    factories.under_review(email="other-leila@example.org")
    assert found("Leila@Example.ORG") == {application.reference}
    assert found("eila@example.org") == set()


def test_name_with_persian_normalisation_on_both_sides():
    application = factories.under_review(full_name="علی کریمی")
    factories.under_review(full_name="Maryam Ahmadi")
    assert found("علي") == {application.reference}
    assert found("كريمي") == {application.reference}
    assert found("ahmadi") != found("کریمی")


def test_without_personal_data_permission_only_references_are_searched():
    application = factories.under_review(full_name="Hidden Person", email="hidden@example.org")
    assert found("Hidden", personal_data=False) == set()
    assert found("hidden@example.org", personal_data=False) == set()
    assert found(application.reference, personal_data=False) == {application.reference}


def test_list_search_box_uses_the_indexed_search(member, client):
    application = factories.under_review(full_name="علی کریمی")
    factories.under_review(full_name="Someone Else")
    response = client.get(INDEX, {"q": "علي كريمي"})
    content = response.content.decode()
    assert application.reference in content
    assert "Someone Else" not in content


def test_the_list_shows_review_scores_and_sorts_by_them(member, client):
    low, high = factories.under_review(), factories.under_review()
    services.add_review(low, reviewer=factories.staff("r1"), score=2, recommendation="reject")
    services.add_review(high, reviewer=factories.staff("r1"), score=5, recommendation="accept")
    services.add_review(high, reviewer=factories.staff("r2"), score=4, recommendation="accept")
    response = client.get(INDEX, {"ordering": "-average_score"})
    content = response.content.decode()
    assert "4.5" in content and "2.0" in content
    assert content.index(high.reference) < content.index(low.reference)
    ascending = client.get(INDEX, {"ordering": "average_score"}).content.decode()
    assert ascending.index(low.reference) < ascending.index(high.reference)
    by_count = client.get(INDEX, {"ordering": "-review_count"}).content.decode()
    assert by_count.index(high.reference) < by_count.index(low.reference)


def test_deep_pages_are_capped_with_a_message(member, client, monkeypatch):
    from registrations.admin.views import ApplicationIndexView

    monkeypatch.setattr(ApplicationIndexView, "max_page", 1)
    monkeypatch.setattr(ApplicationIndexView, "get_paginate_by", lambda self, qs: 1)
    for _ in range(3):
        factories.under_review()
    response = client.get(INDEX, {"p": "3"})
    assert response.status_code == 200
    assert response.context["page_capped"] is True
    with translation.override("fa"):
        message = gettext(
            "The list shows at most %(max_page)s pages. Narrow it with the filters or search "
            "to see the rest."
        ) % {"max_page": 1}
    assert message in response.content.decode()


def test_list_queries_do_not_grow_with_the_page(member, client, django_assert_max_num_queries):
    for _ in range(15):
        factories.under_review()
    with django_assert_max_num_queries(40):
        assert client.get(INDEX).status_code == 200
