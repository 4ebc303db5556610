"""The cooperation map over GraphQL and REST: the same numbers, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.matrix import FACILITATOR_THRESHOLD
from registrations.lifecycle import Status
from tests.registrations import factories as applications

from . import factories as f

pytestmark = pytest.mark.django_db

MATRIX = """query Matrix($locale: String, $area: String, $city: String, $organisation: String) {
  cooperationMatrix(locale: $locale, area: $area, city: $city, organisation: $organisation) {
    cities { slug title }
    topics { slug name area { slug } }
    cells { city topic itemCount itemsByStatus { status count } leadOrganisations { slug name }
            facilitatorCount isCurrentTopic needsCoordination }
  }
}"""

ITEMS = """{ actionPlans(locale: "en", city: "florence") { items { title
  leadOrganisations { slug name side } partnerOrganisations { slug name city locale } } } }"""


def post(client, query: str, variables: dict | None = None) -> dict:
    response = client.post(
        "/graphql/", {"query": query, "variables": variables or {}}, content_type="application/json"
    )
    body = response.json()
    assert "errors" not in body, body.get("errors")
    return body["data"]


def cells_by_key(data: dict) -> dict[tuple[str, str], dict]:
    return {(c["city"], c["topic"]): c for c in data["cooperationMatrix"]["cells"]}


def test_the_matrix_query_returns_cities_topics_and_the_demo_cells(client):
    data = post(client, MATRIX, {"locale": "en"})
    matrix = data["cooperationMatrix"]
    assert len(matrix["cities"]) == 13 and len(matrix["topics"]) == 25
    assert {"slug": "florence", "title": "Florence"} in matrix["cities"]
    assert {t["area"]["slug"] for t in matrix["topics"]} == {
        "culture-tourism-media",
        "economy-trade",
        "science-universities",
    }
    cell = cells_by_key(data)[("florence", "cultural-weeks")]
    assert cell["itemCount"] == 2
    assert cell["itemsByStatus"] == [
        {"status": "IN_PROGRESS", "count": 1},
        {"status": "PLANNED", "count": 1},
    ]
    assert cell["needsCoordination"] and cell["isCurrentTopic"]
    assert {o["slug"] for o in cell["leadOrganisations"]} == {
        "isfahan-international-affairs",
        "isfahan-florence-friendship-association",
    }
    assert cell["facilitatorCount"] is None


def test_the_matrix_query_filters_and_localizes(client):
    data = post(client, MATRIX, {"locale": "fa", "city": "florence", "area": "economy-trade"})
    matrix = data["cooperationMatrix"]
    assert [c["slug"] for c in matrix["cities"]] == ["florence"]
    assert matrix["cities"][0]["title"] == "فلورانس"
    assert len(matrix["cells"]) == 5
    by_org = post(client, MATRIX, {"locale": "en", "organisation": "isfahan-chamber-of-commerce"})
    counted = {k for k, c in cells_by_key(by_org).items() if c["itemCount"]}
    assert counted == {("florence", "specialised-exhibitions")}


def test_facilitator_count_appears_from_the_threshold(client):
    for _ in range(FACILITATOR_THRESHOLD):
        applications.decided(Status.ACCEPTED, city="yerevan", topics=["tourism"])
    data = post(client, MATRIX, {"locale": "en", "city": "yerevan"})
    assert cells_by_key(data)[("yerevan", "tourism")]["facilitatorCount"] == FACILITATOR_THRESHOLD


def test_organisations_query_by_side_and_kind(client):
    data = post(
        client,
        '{ organisations(locale: "en", side: ISFAHAN) { slug name kind side city locale } }',
    )
    slugs = {o["slug"] for o in data["organisations"]}
    assert {
        "isfahan-international-affairs",
        "mfa-isfahan-office",
        "isfahan-universities-consortium",
        "isfahan-chamber-of-commerce",
    } <= slugs
    assert all(o["side"] == "ISFAHAN" and o["locale"] == "en" for o in data["organisations"])
    universities = post(
        client, "{ organisations(kind: UNIVERSITY, side: SISTER_CITY) { slug city } }"
    )
    assert universities["organisations"] == [{"slug": "universita-di-firenze", "city": "florence"}]


def test_action_plan_items_have_lead_and_partner_organisations(client):
    items = post(client, ITEMS)["actionPlans"][0]["items"]
    first = items[0]
    assert first["title"] == "Isfahan cultural week in Florence"
    assert first["leadOrganisations"][0]["slug"] == "isfahan-international-affairs"
    assert first["leadOrganisations"][0]["side"] == "ISFAHAN"
    assert first["partnerOrganisations"] == [
        {
            "slug": "comune-di-firenze",
            "name": "Comune di Firenze",
            "city": "florence",
            "locale": "en",
        }
    ]


def _queries(client, query: str, variables: dict | None = None) -> int:
    post(client, query, variables)
    with CaptureQueriesContext(connection) as ctx:
        post(client, query, variables)
    return len(ctx.captured_queries)


def _add_data(cities: list[str]) -> None:
    for slug in cities:
        f.plan(
            slug,
            [
                f.item("tourism", leads=("isfahan-international-affairs",)),
                f.item("tourism", leads=("isfahan-chamber-of-commerce",)),
                f.item(
                    "scientific-tours", status="done", leads=("isfahan-universities-consortium",)
                ),
            ],
        )
        for _ in range(FACILITATOR_THRESHOLD):
            applications.decided(Status.ACCEPTED, city=slug, topics=["tourism"])


@pytest.mark.parametrize(
    ("query", "variables"),
    [(MATRIX, {"locale": "en"}), (ITEMS.replace('city: "florence"', ""), None)],
    ids=["matrix", "items-with-organisations"],
)
def test_queries_cost_the_same_with_three_times_the_data(client, query, variables):
    _add_data(["yerevan"])
    once = _queries(client, query, variables)
    _add_data(["barcelona", "havana"])
    assert _queries(client, query, variables) == once
    assert once <= 20


def test_rest_api_lists_organisations_by_locale_and_side(client):
    response = client.get("/api/v2/organisations/?locale=en&side=sister_city&fields=website")
    assert response.status_code == 200
    items = response.json()["items"]
    assert {i["slug"] for i in items} == {
        "comune-di-firenze",
        "camera-di-commercio-di-firenze",
        "universita-di-firenze",
    }
    assert all(i["city"] == "florence" and i["locale"] == "en" for i in items)
    detail = client.get(items[0]["meta"]["detail_url"].split("8000")[-1])
    assert detail.status_code == 200 and detail.json()["translation_key"]
