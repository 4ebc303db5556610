"""Pages read from the database (``BuiltFromRows``) are the instances Django's own way builds."""

from __future__ import annotations

import pytest
from django.db.models import Model
from django.db.models.signals import post_init

from cities.models import ActionPlanPage, SessionPage, SisterCityPage
from cities.models.shared import BuiltFromRows

pytestmark = pytest.mark.django_db

MODELS = [SisterCityPage, SessionPage, ActionPlanPage]


def built_by_django(model: type[Model], queryset) -> list[Model]:
    """The same rows through ``Model.from_db`` (which runs every ``__init__``)."""

    def django_from_db(cls, db, field_names, values):
        return Model.from_db.__func__(cls, db, field_names, values)

    original = model.from_db
    model.from_db = classmethod(django_from_db)
    try:
        return list(queryset)
    finally:
        model.from_db = original


def state(page: Model) -> dict:
    values = {k: v for k, v in page.__dict__.items() if k != "_state"}
    cached = sorted(page._state.fields_cache)
    return {**values, "_state": (page._state.adding, page._state.db, cached)}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("shape", ["all", "deferred", "only", "select_related"])
def test_rows_build_the_same_instances(model, shape):
    assert issubclass(model, BuiltFromRows)
    queryset = model.objects.order_by("pk")
    if shape == "deferred":
        queryset = queryset.defer("title", "latest_revision_created_at", "url_path")
    elif shape == "only":
        queryset = queryset.only("pk", "path", "translation_key")
    elif shape == "select_related":
        queryset = queryset.select_related("locale", "owner")
    ours, django = list(queryset), built_by_django(model, queryset)
    assert ours, model
    assert [state(page) for page in ours] == [state(page) for page in django]
    for page in ours:
        assert type(page) is model
        assert not page._state.adding


def test_deferred_columns_still_load_on_access(django_assert_num_queries):
    page = SisterCityPage.objects.defer("title").order_by("pk").first()
    title = SisterCityPage.objects.values_list("title", flat=True).get(pk=page.pk)
    assert "title" not in page.__dict__
    with django_assert_num_queries(1):
        assert page.title == title


def test_a_post_init_receiver_gets_djangos_way():
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=SessionPage)
    try:
        pages = list(SessionPage.objects.order_by("pk"))
    finally:
        post_init.disconnect(receiver, sender=SessionPage)
    assert pages and seen == [page.pk for page in pages]


def test_loaded_pages_save_and_reload():
    page = SessionPage.objects.order_by("pk").first()
    page.venue = "Sala dei Gigli"
    page.save(update_fields=["venue"])
    assert SessionPage.objects.get(pk=page.pk).venue == "Sala dei Gigli"
