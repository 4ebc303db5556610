"""Organisations: seeded partners in fa and en, choosers on items, the tracked-item table."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from cities.models import ActionPlanPage
from cities.models.action_plans import ActionPlanItemBlock
from cooperation.models import Organisation, TrackedItemRecord

from . import factories

pytestmark = pytest.mark.django_db

PARTNERS = {
    "isfahan-international-affairs": "municipality_department",
    "mfa-isfahan-office": "government_body",
    "isfahan-universities-consortium": "university",
    "isfahan-chamber-of-commerce": "chamber_business",
}


def test_programme_partners_are_seeded_in_persian_and_english():
    for slug, kind in PARTNERS.items():
        fa = Organisation.objects.get(slug=slug, locale__language_code="fa")
        en = Organisation.objects.get(slug=slug, locale__language_code="en")
        assert fa.translation_key == en.translation_key
        assert (fa.kind, fa.side) == (en.kind, en.side) == (kind, "isfahan")
        assert fa.name != en.name and en.name.isascii()
    chamber = Organisation.objects.get(
        slug="isfahan-chamber-of-commerce", locale__language_code="en"
    )
    assert chamber.name == "Isfahan Chamber of Commerce"


def test_sister_city_organisations_point_at_the_persian_city_in_every_language():
    fa = Organisation.objects.get(slug="comune-di-firenze", locale__language_code="fa")
    en = fa.get_translation(factories.Locale.objects.get(language_code="en"))
    assert fa.side == "sister_city"
    assert fa.city_id == en.city_id == factories.city("florence").pk


def test_an_organisation_needs_an_ascii_slug_and_a_city_on_the_sister_city_side():
    org = Organisation(
        slug="ok", name="x", kind="university", side="sister_city", locale=factories.fa()
    )
    with pytest.raises(ValidationError) as caught:
        org.clean()
    assert "city" in caught.value.message_dict


def test_demo_items_name_their_lead_and_partner_organisations():
    plan = ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="en")
    leads = {
        Organisation.objects.get(pk=pk).slug
        for item in plan.tracked_items
        for pk in item.lead_organisation_ids
    }
    assert leads == {
        "isfahan-international-affairs",
        "isfahan-chamber-of-commerce",
        "isfahan-universities-consortium",
        "isfahan-florence-friendship-association",
    }
    # the old lead-actor categories and free-text partner keep working
    assert plan.tracked_items[0].lead_actors == ("municipality", "civil_society")
    assert plan.tracked_items[0].partner == "Comune di Firenze"


def test_a_lead_organisation_must_be_on_isfahans_side():
    block = ActionPlanItemBlock()
    value = factories.item("tourism")
    value["lead_organisations"] = [
        Organisation.objects.get(slug="comune-di-firenze", locale__language_code="fa")
    ]
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python(block.get_prep_value(block.normalize(value))))
    assert "lead_organisations" in caught.value.block_errors


def test_publishing_fills_the_tracked_item_table_and_unpublishing_empties_it():
    page = factories.plan(
        "yerevan",
        [factories.item("tourism", leads=("isfahan-chamber-of-commerce",), status="in_progress")],
    )
    rows = TrackedItemRecord.objects.filter(plan=page)
    assert [(r.topic.slug, r.status, r.city.slug) for r in rows] == [
        ("tourism", "in_progress", "yerevan")
    ]
    assert [link.organisation.slug for link in rows[0].organisation_links.all()] == [
        "isfahan-chamber-of-commerce"
    ]
    factories.set_items(page, [factories.item("city-branding", status="done")])
    assert [(r.topic.slug, r.status) for r in TrackedItemRecord.objects.filter(plan=page)] == [
        ("city-branding", "done")
    ]
    ActionPlanPage.objects.get(pk=page.pk).unpublish()
    assert not TrackedItemRecord.objects.filter(plan=page).exists()


def test_a_draft_plan_has_no_tracked_items():
    page = factories.plan("yerevan", [factories.item("tourism")], publish=False)
    assert not TrackedItemRecord.objects.filter(plan_key=page.translation_key).exists()


def test_data_migration_maps_lead_actor_categories_and_keeps_them():
    migration = importlib.import_module(
        "cooperation.migrations.0002_map_lead_actors_to_organisations"
    )
    page = factories.plan("yerevan", [factories.item("tourism")])
    raw = list(page.items.raw_data)
    raw[0]["value"]["lead_actors"] = ["university", "civil_society"]
    raw[0]["value"]["lead_organisations"] = []
    raw[0]["value"]["partner"] = "Comune di Firenze"
    ActionPlanPage.objects.filter(pk=page.pk).update(items=raw)

    migration.map_lead_actors(apps, None)

    value = ActionPlanPage.objects.get(pk=page.pk).items.raw_data[0]["value"]
    lead_slugs = [
        Organisation.objects.get(pk=entry["value"]).slug for entry in value["lead_organisations"]
    ]
    assert lead_slugs == ["isfahan-universities-consortium"]
    assert value["lead_actors"] == ["university", "civil_society"]
    # a partner is mapped only for an organisation of the same city (Comune is Florence's)
    assert value["partner_organisations"] == [] and value["partner"] == "Comune di Firenze"
