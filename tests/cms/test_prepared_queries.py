"""cms.prepared_queries: a queryset compiled once gives what the queryset gives."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cities.models import CooperationTopic, SisterCityPage
from cms.prepared_queries import PreparedQuery
from registrations import validation
from registrations.models import Applicant, Application

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname not in instance.get_deferred_fields()
    }


def test_gives_the_querysets_instances_with_the_same_deferred_fields(programme):
    def build(slug):
        return SisterCityPage.objects.filter(slug=slug).order_by("pk").only("id", "title", "slug")

    prepared = PreparedQuery(build)
    for slug in ("florence", "kuala-lumpur", "no-such-city"):
        expected = list(build(slug))
        found = prepared(slug)
        assert [type(p) for p in found] == [type(p) for p in expected]
        assert [_fields(p) for p in found] == [_fields(p) for p in expected]
        assert [p.get_deferred_fields() for p in found] == [
            p.get_deferred_fields() for p in expected
        ]
    page = prepared("florence")[0]
    with CaptureQueriesContext(connection) as queries:
        assert page.title  # a loaded field: no query
        assert page.live  # a deferred one loads as usual
    assert len(queries) == 1


def test_lists_are_compiled_per_length_and_values_reach_the_database_as_given(programme):
    prepared = PreparedQuery(
        lambda language, slugs: CooperationTopic.objects.filter(
            locale__language_code=language, slug__in=slugs
        ).order_by("slug")
    )
    some = sorted(
        CooperationTopic.objects.filter(locale__language_code="fa").values_list("slug", flat=True)
    )[:3]
    assert [t.slug for t in prepared("fa", some[:1])] == some[:1]
    assert [t.slug for t in prepared("fa", some)] == some
    assert [t.slug for t in prepared("fa", [*some, "x' OR 1=1 --"])] == some
    assert prepared("en-not-a-language", some) == []
    assert len(prepared._compiled) == 3  # one per list length (1, 3, 4) on this database


def test_the_sql_is_compiled_once(programme):
    prepared = PreparedQuery(lambda slug: SisterCityPage.objects.filter(slug=slug))
    prepared("florence")
    compiled = dict(prepared._compiled)
    prepared("venice")
    assert prepared._compiled == compiled


def test_row_locks_are_kept(programme):
    prepared = PreparedQuery(
        lambda email: Applicant.objects.select_for_update().filter(email=email)[:1]
    )
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in prepared.sql("someone@example.org")
    with transaction.atomic():
        assert prepared("nobody@example.org") == []


def test_lookups_that_change_their_value_are_refused():
    prepared = PreparedQuery(lambda name: Applicant.objects.filter(full_name__contains=name))
    with pytest.raises(ImproperlyConfigured, match="unchanged"):
        prepared("Ali")


def test_values_and_joins_to_other_models_are_refused():
    with pytest.raises(ImproperlyConfigured, match="one model"):
        PreparedQuery(lambda slug: SisterCityPage.objects.filter(slug=slug).values("id"))("x")
    with pytest.raises(ImproperlyConfigured, match="one model"):
        PreparedQuery(
            lambda ref: Application.objects.select_related("applicant").filter(reference=ref)
        )("x")


def test_only_strings_are_taken():
    prepared = PreparedQuery(lambda pk: Applicant.objects.filter(pk=pk))
    with pytest.raises(TypeError):
        prepared(3)


def test_find_city_and_session_match_the_orm(programme):
    city = validation.find_city("florence")
    expected = (
        SisterCityPage.objects.filter(
            translation_key=SisterCityPage.objects.live()
            .filter(slug="florence")
            .order_by("pk")
            .first()
            .translation_key
        )
        .order_by("pk")
        .first()
    )
    assert city.pk == expected.pk and city.title == expected.title
    assert city.locale_id == expected.locale_id
    assert validation.find_city("no-such-city") is None
    assert validation.find_city("") is None
