"""HTTP caching of the cooperation map: ``cooperationMatrix`` and ``organisations`` are public,
tagged with what they read, and a committee decision that moves a facilitator count purges them
(and only them) in the same request; the HTML map and REST organisations carry the tags too."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cms import http_cache
from cooperation.matrix import FACILITATOR_THRESHOLD
from cooperation.models import Organisation
from registrations import services
from registrations.lifecycle import Status
from tests.cooperation import factories as cooperation
from tests.registrations import factories as registrations

pytestmark = pytest.mark.django_db

MATRIX = """query Matrix($city: String) {
  cooperationMatrix(locale: "en", city: $city) {
    cells { city topic itemCount facilitatorCount leadOrganisations { slug name } }
  }
}"""
ORGANISATIONS = '{ organisations(locale: "en") { slug name city } }'


def get(client, query: str, variables: str = "{}", **headers):
    return client.get("/graphql/", {"query": query, "variables": variables}, **headers)


def matrix(client, city: str | None = None, **headers):
    variables = f'{{"city": "{city}"}}' if city else "{}"
    return get(client, MATRIX, variables, **headers)


def cell_of(response, city: str, topic: str) -> dict:
    cells = response.json()["data"]["cooperationMatrix"]["cells"]
    return next(c for c in cells if c["city"] == city and c["topic"] == topic)


def tags_of(response) -> set[str]:
    return set(response["Surrogate-Key"].split())


@pytest.fixture
def purged(monkeypatch) -> list[set[str]]:
    """The tag sets sent to the reverse proxies (the Varnish test covers the proxy's side)."""
    calls: list[set[str]] = []
    monkeypatch.setattr(http_cache, "_purge_proxies", lambda tags: calls.append(set(tags)))
    return calls


def facilitators_below_threshold(city: str = "yerevan"):
    """Accepted facilitators one short of showing, and one more applicant under review."""
    for _ in range(FACILITATOR_THRESHOLD - 1):
        registrations.decided(Status.ACCEPTED, city=city, topics=["tourism"])
    return registrations.under_review(city=city, topics=["tourism"])


def test_cooperation_matrix_get_is_public_with_etag_and_tags(client):
    response = matrix(client)
    assert response.status_code == 200
    assert "errors" not in response.json()
    assert response["Cache-Control"].startswith("public, ")
    assert response["ETag"].startswith('"')
    assert "Accept-Language" in response["Vary"]
    assert {
        "facilitators",
        "tracked-items",
        "type:cities.sistercitypage",
        "type:cities.actionplanpage",
        "snippet:cooperation.organisation",
        "snippet:cities.cooperationtopic",
        "snippet:cities.cooperationarea",
    } <= tags_of(response)
    assert response["X-Response-Cache"] == "miss"
    assert matrix(client)["X-Response-Cache"] == "hit"
    assert matrix(client, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_matrix_for_one_city_is_tagged_with_that_citys_counts_only(client):
    city = registrations.city("yerevan")
    tags = tags_of(matrix(client, "yerevan"))
    assert f"facilitators:{city.pk}" in tags
    assert "facilitators" not in tags


def test_a_committee_decision_purges_the_facilitator_count(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        waiting = facilitators_below_threshold()
    first = matrix(client)
    assert cell_of(first, "yerevan", "tourism")["facilitatorCount"] is None
    assert matrix(client)["X-Response-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.decide(waiting, decision=Status.ACCEPTED, by=registrations.staff())

    after = matrix(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200, "not a 304: the count changed"
    assert after["X-Response-Cache"] == "miss"
    assert after["ETag"] != first["ETag"]
    assert cell_of(after, "yerevan", "tourism")["facilitatorCount"] == FACILITATOR_THRESHOLD


def test_leaving_the_counted_statuses_purges_too(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        facilitators_below_threshold()
        last = registrations.decided(Status.ACCEPTED, city="yerevan", topics=["tourism"])
    assert cell_of(matrix(client), "yerevan", "tourism")["facilitatorCount"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(last, by=registrations.staff())
    after = matrix(client)
    assert after["X-Response-Cache"] == "miss"
    assert cell_of(after, "yerevan", "tourism")["facilitatorCount"] is None


def test_status_changes_that_move_no_count_leave_the_matrix_cached(
    client, django_capture_on_commit_callbacks
):
    session = registrations.make_session(registrations.city("yerevan"), capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = registrations.decided(Status.ACCEPTED, city="yerevan", topics=["tourism"])
    matrix(client)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.under_review(city="yerevan", topics=["tourism"])  # submitted → review
        services.invite(accepted, session=session, by=registrations.staff())  # still counted
    assert matrix(client)["X-Response-Cache"] == "hit"


def test_a_decision_for_another_city_leaves_a_one_city_matrix_cached(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        waiting = registrations.under_review(city="florence", topics=["tourism"])
    matrix(client, "yerevan")
    matrix(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(waiting, decision=Status.ACCEPTED, by=registrations.staff())
    assert matrix(client, "yerevan")["X-Response-Cache"] == "hit"
    assert matrix(client)["X-Response-Cache"] == "miss"


def test_editing_an_organisation_purges_the_list_and_the_matrix(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cooperation.plan("yerevan", [cooperation.item("tourism", leads=("isfahan-chamber",))])
        cooperation.organisation("isfahan-chamber", name="Isfahan Chamber")
    listing = get(client, ORGANISATIONS)
    assert listing["Cache-Control"].startswith("public, ")
    assert {"snippet:cooperation.organisation", "type:cities.sistercitypage"} <= tags_of(listing)
    assert "Isfahan Chamber" in [o["name"] for o in listing.json()["data"]["organisations"]]
    matrix(client)
    organisation = Organisation.objects.get(slug="isfahan-chamber", locale__language_code="fa")
    organisation.name = "Isfahan Chamber of Commerce"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    listing = get(client, ORGANISATIONS)
    assert listing["X-Response-Cache"] == "miss"
    assert "Isfahan Chamber of Commerce" in [
        o["name"] for o in listing.json()["data"]["organisations"]
    ]
    after = matrix(client)
    assert after["X-Response-Cache"] == "miss"
    leads = cell_of(after, "yerevan", "tourism")["leadOrganisations"]
    assert [o["name"] for o in leads] == ["Isfahan Chamber of Commerce"]


def test_rebuilding_the_tracked_items_purges_the_matrix(client, django_capture_on_commit_callbacks):
    matrix(client)
    assert matrix(client)["X-Response-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_cooperation", verbosity=0)
    assert matrix(client)["X-Response-Cache"] == "miss"


@pytest.mark.parametrize("path", ["/cooperation/", "/en/cooperation/"])
def test_the_html_matrix_is_tagged_and_purged_by_a_decision(
    client, django_capture_on_commit_callbacks, purged, path
):
    with django_capture_on_commit_callbacks(execute=True):
        waiting = facilitators_below_threshold()
    response = client.get(path)
    assert response["Cache-Control"].startswith("public, ")
    tags = tags_of(response)
    assert {"html", "facilitators", "tracked-items"} <= tags
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(waiting, decision=Status.ACCEPTED, by=registrations.staff())
    assert purged and purged[-1] & tags == {"facilitators"}


def test_organisation_pages_are_tagged_with_the_tracked_items(client):
    cooperation.plan("yerevan", [cooperation.item("tourism", leads=("isfahan-chamber",))])
    response = client.get("/en/cooperation/organisations/isfahan-chamber/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, ")
    assert {"html", "tracked-items", "snippet:cooperation.organisation"} <= tags_of(response)


def test_rest_organisations_are_public_and_purged_with_the_snippet(
    client, django_capture_on_commit_callbacks, purged
):
    response = client.get("/api/v2/organisations/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, ")
    assert "rest" in tags_of(response)
    again = client.get("/api/v2/organisations/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    organisation = Organisation.objects.first()
    organisation.name = "Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    assert "rest" in purged[-1]
