"""The cooperation matrix's numbers, built through the models (plans published and changed)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from cities.models import ActionPlanPage, CityTopic, CooperationTopic
from cooperation.matrix import FACILITATOR_THRESHOLD, Filters, build_matrix
from registrations.lifecycle import Status
from tests.registrations import factories as applications

from . import factories as f

pytestmark = pytest.mark.django_db

DIRECTORATE = "isfahan-international-affairs"
CHAMBER = "isfahan-chamber-of-commerce"
UNIVERSITIES = "isfahan-universities-consortium"


def cell(city: str, topic: str, *, locale: str = "en", **filters):
    matrix = build_matrix(Locale.objects.get(language_code=locale), Filters.clean(**filters))
    return next(c for c in matrix.all_cells if c.city.slug == city and c.topic.slug == topic)


def test_the_matrix_has_every_city_and_topic_grouped_by_the_three_areas():
    matrix = build_matrix(Locale.objects.get(language_code="en"))
    assert len(matrix.cities) == 13
    assert [area.slug for area, _topics in matrix.areas] == [
        "culture-tourism-media",
        "economy-trade",
        "science-universities",
    ]
    assert [len(topics) for _area, topics in matrix.areas] == [11, 5, 9]
    assert len(matrix.all_cells) == 13 * 25
    assert {c.locale.language_code for c in matrix.cities} == {"en"}


def test_items_are_counted_by_status_with_the_most_advanced_status():
    f.plan(
        "yerevan",
        [
            f.item("tourism", status="planned"),
            f.item("tourism", status="in_progress"),
            f.item("tourism", status="stalled"),
            f.item("city-branding", status="done"),
        ],
    )
    tourism = cell("yerevan", "tourism")
    assert tourism.item_count == 3
    assert tourism.counts == {"planned": 1, "in_progress": 1, "stalled": 1}
    assert tourism.most_advanced == "in_progress"
    with translation.override("en"):
        assert tourism.most_advanced_label == "In progress"
    assert [s for s, _label, _n in tourism.items_by_status] == ["in_progress", "planned", "stalled"]
    assert cell("yerevan", "city-branding").most_advanced == "done"
    assert cell("yerevan", "sports-events").item_count == 0


def test_moving_an_item_to_another_topic_and_changing_status_moves_the_count():
    page = f.plan("yerevan", [f.item("tourism"), f.item("tourism", status="in_progress")])
    assert cell("yerevan", "tourism").item_count == 2
    f.set_items(page, [f.item("tourism"), f.item("city-marketing", status="done")])
    assert cell("yerevan", "tourism").counts == {"planned": 1}
    assert cell("yerevan", "city-marketing").counts == {"done": 1}


def test_an_unpublished_plan_is_not_counted():
    page = f.plan("yerevan", [f.item("tourism")])
    assert cell("yerevan", "tourism").item_count == 1
    ActionPlanPage.objects.get(pk=page.pk).unpublish()
    assert cell("yerevan", "tourism").item_count == 0
    f.plan("yerevan", [f.item("tourism")], publish=False)
    assert cell("yerevan", "tourism").item_count == 0


def test_two_isfahan_leads_with_live_items_need_coordination_and_are_named():
    f.plan(
        "yerevan",
        [
            f.item("tourism", leads=(DIRECTORATE,)),
            f.item("tourism", leads=(CHAMBER,), status="in_progress"),
        ],
    )
    flagged = cell("yerevan", "tourism")
    assert flagged.needs_coordination
    assert {o.slug for o in flagged.coordination_organisations} == {DIRECTORATE, CHAMBER}
    assert "Isfahan Chamber of Commerce" in [o.name for o in flagged.coordination_organisations]


@pytest.mark.parametrize(
    "items",
    [
        pytest.param(
            [("planned", (DIRECTORATE,)), ("in_progress", (DIRECTORATE,))], id="same-lead"
        ),
        pytest.param([("planned", (DIRECTORATE, CHAMBER))], id="one-item-co-led"),
        pytest.param(
            [("planned", (DIRECTORATE,)), ("cancelled", (CHAMBER,))], id="cancelled-not-live"
        ),
        pytest.param([("planned", (DIRECTORATE,)), ("done", (CHAMBER,))], id="done-not-live"),
        pytest.param([("in_progress", (DIRECTORATE,)), ("stalled", (CHAMBER,))], id="stalled"),
    ],
)
def test_no_coordination_flag_without_two_leads_on_live_items(items):
    f.plan("yerevan", [f.item("tourism", status=s, leads=leads) for s, leads in items])
    assert not cell("yerevan", "tourism").needs_coordination


def test_the_cancelled_item_still_counts_but_in_its_own_status():
    f.plan("yerevan", [f.item("tourism", status="cancelled")])
    tourism = cell("yerevan", "tourism")
    assert tourism.counts == {"cancelled": 1} and tourism.most_advanced == "cancelled"


def test_the_demo_content_has_an_honest_coordination_example():
    florence = cell("florence", "cultural-weeks")
    assert florence.needs_coordination
    assert {o.slug for o in florence.coordination_organisations} == {
        DIRECTORATE,
        "isfahan-florence-friendship-association",
    }
    assert not cell("florence", "city-marketing").needs_coordination


def test_filters_by_status_organisation_and_area():
    f.plan(
        "yerevan",
        [
            f.item("tourism", status="planned", leads=(DIRECTORATE,)),
            f.item("tourism", status="done", leads=(CHAMBER,)),
            f.item("scientific-tours", status="done", leads=(UNIVERSITIES,)),
        ],
    )
    assert cell("yerevan", "tourism", status="done").counts == {"done": 1}
    assert cell("yerevan", "tourism", organisation=DIRECTORATE).counts == {"planned": 1}
    assert cell("yerevan", "scientific-tours", organisation=DIRECTORATE).item_count == 0
    matrix = build_matrix(
        Locale.objects.get(language_code="en"), Filters.clean(area="economy-trade")
    )
    assert [a.slug for a, _t in matrix.areas] == ["economy-trade"]
    assert len(matrix.all_cells) == 13 * 5
    # malformed filters are ignored, not errors
    assert Filters.clean(status="nonsense", area="<script>").status == ""


def test_current_topics_of_the_city_are_marked():
    assert cell("florence", "cultural-weeks").is_current_topic
    assert not cell("florence", "tourism").is_current_topic
    yerevan = f.city("yerevan")
    CityTopic.objects.create(
        page=yerevan,
        topic=CooperationTopic.objects.get(slug="tourism", locale=f.fa()),
        locale=f.fa(),
    )
    assert cell("yerevan", "tourism").is_current_topic


def test_facilitators_count_from_accepted_and_only_from_the_threshold_up():
    for _ in range(FACILITATOR_THRESHOLD - 1):
        applications.decided(Status.ACCEPTED, city="yerevan", topics=["tourism"])
    applications.under_review(city="yerevan", topics=["tourism"])  # not accepted: not counted
    applications.decided(Status.REJECTED, city="yerevan", topics=["tourism"])
    below = cell("yerevan", "tourism")
    assert below.facilitators == FACILITATOR_THRESHOLD - 1
    assert below.facilitator_count is None, "hidden below the threshold"
    applications.decided(Status.ACCEPTED, city="yerevan", topics=["tourism", "city-branding"])
    assert cell("yerevan", "tourism").facilitator_count == FACILITATOR_THRESHOLD
    assert cell("yerevan", "city-branding").facilitator_count is None


def _render_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_data(cities: list[str]) -> None:
    for slug in cities:
        f.plan(
            slug,
            [
                f.item("tourism", leads=(DIRECTORATE,)),
                f.item("tourism", leads=(CHAMBER,), partners=()),
                f.item("scientific-tours", status="done", leads=(UNIVERSITIES,)),
            ],
        )
        for _ in range(FACILITATOR_THRESHOLD):
            applications.decided(Status.ACCEPTED, city=slug, topics=["tourism"])


@pytest.mark.parametrize("url", ["/cooperation/", "/en/cooperation/?status=planned"])
def test_the_page_costs_the_same_queries_with_three_times_the_data(client, url):
    _add_data(["yerevan"])
    client.get(url)  # warm per-process caches (site root paths)
    once = _render_queries(client, url)
    _add_data(["barcelona", "havana"])
    thrice = _render_queries(client, url)
    assert thrice == once
    assert once <= 30
