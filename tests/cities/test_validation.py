"""Model validation: the rules editors meet in the admin, with clear messages."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StructBlockValidationError

from cities.models import ActionPlanPage, CooperationArea, CooperationTopic, SessionPage
from cities.models.action_plans import ActionPlanItemBlock
from cities.models.cities import validate_language_codes, validate_time_zone

# Creating a page instance looks up its content type, so even these tests touch the database.
pytestmark = pytest.mark.django_db

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; Persian has its own test below."""
    with translation.override("en"):
        yield


START = datetime(2026, 5, 10, 10, 0, tzinfo=TEHRAN)


def session(**overrides) -> SessionPage:
    values = {
        "title": "Co-session",
        "slug": "co-session",
        "number": 1,
        "starts_at": START,
        "ends_at": START + timedelta(hours=3),
        "registration_opens_at": START - timedelta(days=30),
        "registration_closes_at": START - timedelta(days=2),
        "format": SessionPage.Format.IN_PERSON,
    }
    return SessionPage(**{**values, **overrides})


def errors_of(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def test_a_valid_session_passes():
    session().clean()


def test_session_must_end_after_it_starts():
    errors = errors_of(session(ends_at=START))
    assert errors == {"ends_at": ["The session must end after it starts."]}


def test_messages_are_in_the_editors_language():
    with translation.override("fa"):
        errors = errors_of(session(ends_at=START))
    assert errors == {"ends_at": ["پایان همنشست باید پس از شروع آن باشد."]}


def test_registration_must_close_before_the_session_starts():
    errors = errors_of(session(registration_closes_at=START + timedelta(minutes=1)))
    assert errors == {
        "registration_closes_at": ["Registration must close before the session starts."]
    }


def test_registration_must_open_before_it_closes():
    errors = errors_of(session(registration_opens_at=START - timedelta(days=1)))
    assert errors == {"registration_opens_at": ["Registration must open before it closes."]}


def test_in_person_session_refuses_an_online_link():
    errors = errors_of(session(online_link="https://meet.example.org/x"))
    assert list(errors) == ["online_link"]


@pytest.mark.parametrize("session_format", [SessionPage.Format.ONLINE, SessionPage.Format.HYBRID])
def test_online_and_hybrid_sessions_may_have_a_link(session_format):
    session(format=session_format, online_link="https://meet.example.org/x").clean()


def test_several_problems_are_reported_together():
    errors = errors_of(session(ends_at=START - timedelta(hours=1), online_link="https://x.org"))
    assert set(errors) == {"ends_at", "online_link"}


def test_action_plan_period_cannot_end_before_it_starts():
    plan = ActionPlanPage(
        title="Plan", slug="plan", period_start=date(2026, 6, 1), period_end=date(2026, 5, 31)
    )
    assert errors_of(plan) == {"period_end": ["The period cannot end before it starts."]}
    ActionPlanPage(
        title="Plan", slug="plan", period_start=date(2026, 6, 1), period_end=date(2026, 6, 1)
    ).clean()


class TestActionPlanItemBlock:
    def item(self, **overrides) -> dict:
        area = CooperationArea.objects.get(slug="culture-tourism-media", locale__language_code="fa")
        topic = CooperationTopic.objects.filter(area=area, locale=area.locale).first()
        value = {
            "title": "هفته فرهنگی",
            "description": "",
            "area": area.pk,
            "topic": topic.pk,
            "lead_actors": ["municipality"],
            "partner": "",
            "start_date": "2026-05-01",
            "due_date": "2026-09-01",
            "status": "in_progress",
            "progress": 40,
        }
        value.update(overrides)
        block = ActionPlanItemBlock()
        return block, block.to_python(value)

    def block_errors(self, **overrides) -> dict:
        block, value = self.item(**overrides)
        with pytest.raises(StructBlockValidationError) as caught:
            block.clean(value)
        return {name: error.message for name, error in caught.value.block_errors.items()}

    def test_a_valid_item_passes(self):
        block, value = self.item()
        assert block.clean(value)["progress"] == 40

    def test_due_date_before_start_date_is_refused(self):
        errors = self.block_errors(due_date="2026-04-01")
        assert errors == {"due_date": "The due date cannot be before the start date."}

    def test_topic_of_another_area_is_refused(self):
        other_area = CooperationArea.objects.get(slug="economy-trade", locale__language_code="fa")
        other_topic = CooperationTopic.objects.filter(area=other_area).first()
        errors = self.block_errors(topic=other_topic.pk)
        assert errors == {"topic": "This topic belongs to another area of cooperation."}

    def test_done_needs_full_progress(self):
        errors = self.block_errors(status="done", progress=90)
        assert errors == {"progress": "An item that is done has progress 100%."}
        block, value = self.item(status="done", progress=100)
        block.clean(value)

    def test_progress_is_bounded(self):
        block, value = self.item(progress=101)
        with pytest.raises(StructBlockValidationError) as caught:
            block.clean(value)
        assert "progress" in caught.value.block_errors


@pytest.mark.parametrize("value", ["Europe/Rome", "Asia/Tehran", "America/Havana"])
def test_known_time_zones_are_accepted(value):
    validate_time_zone(value)


@pytest.mark.parametrize("value", ["Europe/Florence", "UTC+1", "rome", ""])
def test_unknown_time_zones_are_refused(value):
    with pytest.raises(ValidationError, match="IANA time zone"):
        validate_time_zone(value)


@pytest.mark.parametrize("value", ["it", "es, ca", "zh-hans", "es,ca", ""])
def test_language_code_lists_are_accepted(value):
    validate_language_codes(value)


@pytest.mark.parametrize(
    ("value", "bad"),
    [
        ("Italian language", "Italian language"),
        ("Italian", "Italian"),
        ("es; ca", "es; ca"),
        ("it, 123", "123"),
    ],
)
def test_things_that_are_not_language_codes_are_refused(value, bad):
    with pytest.raises(ValidationError) as caught:
        validate_language_codes(value)
    assert f"“{bad}”" in caught.value.messages[0]
