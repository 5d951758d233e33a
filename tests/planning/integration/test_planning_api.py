from datetime import date

import pytest
from django.utils import timezone

from impulsregion.planning.services import today_local
from tests.factories.planning import (
    make_event,
    make_kraemerbrueckenfest,
    make_place,
    make_region_towns,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CLASHES = "/api/v1/coordination/clashes"
SUGGESTIONS = "/api/v1/coordination/suggestions"


@pytest.fixture
def towns():  # type: ignore[no-untyped-def]
    return make_region_towns()


def test_planted_clash_is_reported_with_reasons(client, towns) -> None:  # type: ignore[no-untyped-def]
    make_event(
        "DomStufen-Festspiele",
        start=date(2027, 6, 18),
        end=date(2027, 6, 20),
        place=make_place("Domplatz", towns["erfurt"]),
        expected_visitors=25_000,
        categories=("open-air",),
    )

    response = client.get(
        CLASHES,
        {
            "start": "2027-06-19",
            "end": "2027-06-20",
            "municipality": "weimar",
            "visitors": 20000,
            "category": "open-air",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["score"], body["penalty"]) == (65, 35)
    assert [(c["code"], c["title"], c["municipality"]) for c in body["conflicts"]] == [
        ("major_event", "DomStufen-Festspiele", "erfurt")
    ]
    assert body["conflicts"][0]["reason"] == (
        "Major event “DomStufen-Festspiele” in Erfurt on the same days "
        "(19–20\xa0June\xa02027, about 25,000 visitors expected). Same kind of event: Open-Air."
    )


def test_summer_holidays_appear_in_clashes(client, towns) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        CLASHES,
        {"start": "2027-07-17", "end": "2027-07-18", "municipality": "weimar", "visitors": 20000},
    )
    body = response.json()
    assert body["score"] == 80
    assert [c["code"] for c in body["conflicts"]] == ["school_holiday"]
    assert (
        body["conflicts"][0]["reason"]
        == "Thüringer Sommerferien 2027 (17.–18.\xa0Juli\xa02027): Viele Familien sind verreist."
    )


def test_drafts_are_hidden_from_the_public(client, towns) -> None:  # type: ignore[no-untyped-def]
    make_event("Geheimes Fest", published=False, expected_visitors=50_000)
    response = client.get(
        CLASHES, {"start": "2027-06-19", "municipality": "weimar", "visitors": 20000}
    )
    assert response.json()["conflicts"] == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        pytest.param(
            {"start": "2020-01-01", "municipality": "weimar"},
            "start",
            "The date lies in the past; choose a day from today on.",
            id="past",
        ),
        pytest.param(
            {"start": "2027-06-20", "end": "2027-06-19", "municipality": "weimar"},
            "end",
            "The end lies before the start.",
            id="reversed",
        ),
        pytest.param(
            {"start": "2027-06-20", "municipality": "gotha"},
            "municipality",
            "Unknown municipality “gotha”; choose one of: erfurt, jena, weimar.",
            id="unknown-city",
        ),
        pytest.param(  # found by the contract test: a 500 on the days before it
            {"start": "0001-01-04", "municipality": "weimar"},
            "start",
            "Enter a value of at least 1990-01-01.",
            id="year-1",
        ),
    ],
)
def test_bad_clash_input_is_422_with_message(client, towns, params, field, message) -> None:  # type: ignore[no-untyped-def]
    response = client.get(CLASHES, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["query", field], "msg": message}]}


def test_suggestions_skip_the_planted_clash(client, towns) -> None:  # type: ignore[no-untyped-def]
    make_kraemerbrueckenfest(towns["erfurt"], expected_visitors=100_000)

    response = client.get(
        SUGGESTIONS,
        {
            "from": "2027-06-12",
            "to": "2027-06-27",
            "days": 2,
            "municipality": "weimar",
            "visitors": 20000,
            "count": 3,
            "weekday": 5,
        },
    )

    assert response.status_code == 200
    assert [(s["start"], s["score"]) for s in response.json()] == [
        ("2027-06-12", 100),
        ("2027-06-26", 100),
        ("2027-06-19", 50),
    ]


def test_empty_window_is_422(client, towns) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        SUGGESTIONS,
        {"from": "2027-06-01", "to": "2027-06-01", "days": 2, "municipality": "weimar"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "to"]
    assert response.json()["detail"][0]["msg"].startswith("The window holds no possible date")


def test_a_window_in_year_1_is_422_not_a_server_error(client, towns) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        SUGGESTIONS,
        {"from": "0001-01-04", "to": "0001-01-04", "municipality": "weimar"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["query", "from"], "msg": "Enter a value of at least 1990-01-01."},
        {"loc": ["query", "to"], "msg": "Enter a value of at least 1990-01-01."},
    ]


def test_today_is_local(towns) -> None:  # type: ignore[no-untyped-def]

    assert today_local() == timezone.localdate()
