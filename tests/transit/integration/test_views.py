"""The public fare calculator page /tarif/."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.integration

TRIP = {
    "origin": "Erfurt, Anger",
    "destination": "Erfurt, Hauptbahnhof",
    "at": "2025-09-01T10:00",
    "adults": "1",
    "children": "1",
    "infants": "0",
}


def test_index_url_name():
    assert reverse("transit:index") == "/tarif/"


def test_empty_form_lists_stops_for_autocomplete(client, tariff_db):
    response = client.get("/tarif/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<datalist id="stop-names">' in html
    assert '<option value="Erfurt, Anger"></option>' in html
    assert 'list="stop-names"' in html
    assert "Naumburg" not in html  # outside the network: not offered


def test_result_in_german(client, tariff_db):
    response = client.get("/tarif/", TRIP)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preisstufe 1 (City), 1 Zone" in html
    assert '<td class="price">4,80 €</td>' in html
    assert "1 × Erwachsene: 2,90 €" in html
    assert "illustrativ" in html  # the 4-Fahrtenkarte of 2025 is not published


def test_result_in_english(client, tariff_db):
    response = client.get("/en/tarif/", TRIP)

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Preisstufe 1 (City), 1 zone" in html
    assert "1 × Adult: 2.90 €" in html
    assert "illustrative" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"origin": "Erfurt Angr"}, "Meinten Sie: Erfurt, Anger", id="did-you-mean"),
        pytest.param({"destination": "Leipzig Hbf"}, "gilt der VMT-Tarif nicht", id="outside"),
        pytest.param({"at": "2019-01-01T10:00"}, "Preisstände: VMT 2023", id="no-version"),
        pytest.param(
            {"adults": "0", "children": "0"}, "Mindestens eine Person muss reisen.", id="nobody"
        ),
    ],
)
def test_bad_input_is_explained(client, tariff_db, change, message):
    response = client.get("/tarif/", {**TRIP, **change})

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="fares"' not in html


def test_query_count(client, tariff_db, django_assert_num_queries):
    client.get("/tarif/", TRIP)

    with django_assert_num_queries(1):
        response = client.get("/tarif/", TRIP)
    assert response.status_code == 200


def test_empty_passenger_counts_mean_nobody_of_that_kind(client, tariff_db) -> None:
    response = client.get(
        "/tarif/",
        {
            "origin": "Erfurt, Anger",
            "destination": "Erfurt, Hauptbahnhof",
            "at": "2025-09-01T10:00",
            "adults": "1",
            "children": "",
            "infants": "",
        },
    )
    html = response.content.decode()
    assert "Dieses Feld ist erforderlich" not in html
    assert "2,90" in html
