import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.region import make_member

pytestmark = pytest.mark.integration


def test_members_endpoint_lists_the_eight_members(client, region_data) -> None:
    response = client.get("/api/v1/organisations?member=true")
    assert response.status_code == 200
    assert sorted(o["slug"] for o in response.json()) == sorted(
        [
            "erfurt",
            "jena",
            "weimar",
            "weimarer-land",
            "erfurt-tourismus",
            "jenawirtschaft",
            "weimar-gmbh",
            "weimarer-land-tourismus",
        ]
    )
    erfurt = next(o for o in response.json() if o["slug"] == "erfurt")
    assert erfurt["name"] == "Landeshauptstadt Erfurt"
    assert erfurt["ags"] == "16051000"
    assert {f["kind"] for f in erfurt["key_figures"]} == {"population", "area_km2"}


def test_non_member_filter_lists_the_cooperation_bodies(client, region_data) -> None:
    response = client.get("/api/v1/organisations?member=false")
    assert sorted(o["slug"] for o in response.json()) == [
        "impulsregion",
        "kag-region-erfurt-weimar-jena",
    ]


def test_board_2024_names_chair_and_deputy(client, region_data) -> None:
    body = client.get("/api/v1/board?year=2024").json()
    assert body["chair"]["person"]["name"] == "Peter Kleine"
    assert body["chair"]["organisation"] == {"slug": "weimar", "name": "Stadt Weimar"}
    assert body["deputy"]["person"]["name"] == "Christiane Schmidt-Rose"
    assert body["deputy"]["organisation"]["slug"] == "weimarer-land"


def test_board_for_unknown_year_names_recorded_years(client, region_data) -> None:
    response = client.get("/api/v1/board?year=2001", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "year"],
                "msg": "No board term is recorded for 2001. Recorded years: 2024.",
            }
        ]
    }


def test_board_with_bad_year_is_a_translated_422(client, db) -> None:
    response = client.get("/api/v1/board?year=zwanzig", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["query", "year"], "msg": "Geben Sie eine ganze Zahl ein."}]
    }


def test_board_without_year_is_a_422(client, db) -> None:
    response = client.get("/api/v1/board", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["query", "year"], "msg": "This field is required."}]
    }


def test_milestones_are_in_chronological_order(client, region_data) -> None:
    years = [m["year"] for m in client.get("/api/v1/milestones").json()]
    assert years == sorted(years)
    assert years[0] == 1999
    assert years[-1] == 2016


@pytest.mark.parametrize("count", [1, 3])
def test_organisations_list_uses_a_constant_number_of_queries(client, db, count) -> None:
    for index in range(count):
        make_member(f"stadt-{index}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/organisations")
    assert len(response.json()) == count + 1  # plus the association
    assert len(queries) == 3
