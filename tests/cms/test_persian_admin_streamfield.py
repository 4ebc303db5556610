"""The Persian admin in StreamFields: Action Plan item dates in Solar Hijri, numbers in any digits.

StreamField blocks are drawn in the browser from their telepath definitions, not from the form's
HTML, so these tests read the definitions and post the form data the browser would send.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.admin.telepath import JSContext
from wagtail.test.utils.form_data import querydict_from_html

from cities.models import ActionPlanPage
from cities.models.action_plans import ActionPlanItemBlock
from cms.admin_i18n.widgets import SolarHijriDateTimeInput
from cms.blocks import SolarHijriDateBlock
from tests.cms.test_persian_admin import admin_user

pytestmark = pytest.mark.django_db

GREGORIAN_PICKER = "wagtail.widgets.AdminDateInput"


def packed(block) -> str:
    """The block's definition as the admin sends it to the browser."""
    return str(JSContext().pack(block))


def florence_plan() -> ActionPlanPage:
    return ActionPlanPage.objects.get(slug="florence-action-plan", locale__language_code="fa")


# --- The block ----------------------------------------------------------------------------------


def test_date_block_is_a_solar_hijri_text_input_in_persian():
    block = SolarHijriDateBlock(required=False)
    block.set_name("start_date")
    with translation.override("fa"):
        state = block.get_form_state(date(2026, 3, 30))
        definition = packed(block)
    assert state == "۱۴۰۵/۰۱/۱۰"
    assert "wagtail.widgets.Widget" in definition and GREGORIAN_PICKER not in definition
    assert 'type="text"' in definition and 'data-calendar="solar-hijri"' in definition
    assert 'name="__NAME__"' in definition and 'id="__ID__"' in definition


def test_date_block_keeps_wagtails_date_picker_in_english():
    block = SolarHijriDateBlock(required=False)
    block.set_name("start_date")
    with translation.override("en"):
        state = block.get_form_state(date(2026, 3, 30))
        definition = packed(block)
    assert state == "2026-03-30"
    assert GREGORIAN_PICKER in definition and "solar-hijri" not in definition


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fa", "۱۴۰۵/۰۱/۱۰"), ("fa", "١٤٠٥-٠١-١٠"), ("fa", "2026-03-30"), ("en", "۲۰۲۶-۰۳-۳۰")],
)
def test_date_block_reads_what_editors_type(language, typed):
    block = SolarHijriDateBlock(required=False)
    with translation.override(language):
        value = block.clean(block.value_from_datadict({"d": typed}, {}, "d"))
    assert value == date(2026, 3, 30)


def test_date_block_shown_again_after_an_error_keeps_the_solar_hijri_date():
    # A form with an error elsewhere is drawn from what was read back: Gregorian ISO text.
    block = SolarHijriDateBlock(required=False)
    with translation.override("fa"):
        read_back = block.value_from_datadict({"d": "۱۴۰۵/۰۱/۱۰"}, {}, "d")
        assert block.get_form_state(read_back) == "۱۴۰۵/۰۱/۱۰"
        assert block.get_form_state("not a date") == "not a date"
        # The same for a model form's date-time field (the scheduling dialog).
        assert SolarHijriDateTimeInput().format_value("2026-03-30 14:30:00") == "۱۴۰۵/۰۱/۱۰ ۱۴:۳۰"


def test_action_plan_items_use_the_solar_hijri_date_block():
    children = ActionPlanItemBlock().child_blocks
    assert isinstance(children["start_date"], SolarHijriDateBlock)
    assert isinstance(children["due_date"], SolarHijriDateBlock)


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def admin_in(client, django_user_model):
    def log_in(language: str):
        client.force_login(admin_user(django_user_model, language))
        return client

    return log_in


def test_action_plan_editor_has_no_gregorian_picker_in_persian(admin_in):
    url = reverse("wagtailadmin_pages:edit", args=[florence_plan().pk])
    persian = admin_in("fa").get(url).content.decode()
    english = admin_in("en").get(url).content.decode()
    assert "solar_hijri_date_input" in persian  # the item date fields are in the definitions
    assert GREGORIAN_PICKER not in persian
    assert GREGORIAN_PICKER in english


def item_post_data(index: int, item: dict, block: ActionPlanItemBlock, **typed: str) -> dict:
    """Item ``index`` as the Persian editor's browser posts it: each field's form state (what the
    editor sees), or what they ``typed``."""
    prefix = f"items-{index}"
    data = {f"{prefix}-type": "item", f"{prefix}-id": item["id"], f"{prefix}-deleted": ""}
    data[f"{prefix}-order"] = str(index)
    value = item["value"]
    for name, child in block.child_blocks.items():
        field = f"{prefix}-value-{name}"
        if name in typed:
            data[field] = typed[name]
        elif isinstance(child, blocks.ListBlock):
            data[f"{field}-count"] = str(len(value[name]))
            for position, entry in enumerate(value[name]):
                data |= {
                    f"{field}-{position}-value": str(entry["value"]),
                    f"{field}-{position}-id": entry["id"],
                    f"{field}-{position}-deleted": "",
                    f"{field}-{position}-order": str(position),
                }
        elif isinstance(child, blocks.ChooserBlock):
            data[field] = str(value.get(name) or "")  # the chooser's hidden input: the id
        else:
            state = child.get_form_state(child.to_python(value.get(name)))
            data[field] = "" if state is None else state  # a list for the lead actors
    return data


@pytest.mark.parametrize(
    ("typed_date", "typed_progress"), [("۱۴۰۵/۰۱/۱۰", "۲۵"), ("١٤٠٥/٠١/١٠", "٢٥")]
)
def test_action_plan_item_edited_in_the_persian_admin_takes_solar_hijri_and_any_digits(
    admin_in, django_capture_on_commit_callbacks, typed_date, typed_progress
):
    client = admin_in("fa")
    page = florence_plan()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data = {name: values[-1] for name, values in form.lists()}
    block = page.items.stream_block.child_blocks["item"]
    raw = page.items.raw_data
    data["items-count"] = str(len(raw))
    with translation.override("fa"):
        data |= item_post_data(0, raw[0], block, start_date=typed_date, progress=typed_progress)
        for index, item in enumerate(raw[1:], start=1):
            data |= item_post_data(index, item, block)
    data["action-publish"] = "action-publish"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    errors = re.findall(r"error-message[^>]*>(.*?)</", response.content.decode(), re.S)
    assert response.status_code == 302, errors

    saved = florence_plan().items.raw_data
    assert saved[0]["value"]["start_date"] == "2026-03-30"
    assert saved[0]["value"]["progress"] == 25
    # Every other date went out as Solar Hijri text and came back as the same Gregorian date.
    for name in ("start_date", "due_date"):
        assert [item["value"][name] for item in saved[1:]] == [
            item["value"][name] for item in raw[1:]
        ]
    assert saved[0]["value"]["due_date"] == raw[0]["value"]["due_date"]
    assert [item["id"] for item in saved] == [item["id"] for item in raw]
