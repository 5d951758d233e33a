"""GET /api/v1/fares and /api/v1/stops."""

from __future__ import annotations

import pytest

from impulsregion.transit.models import Price

pytestmark = pytest.mark.integration


def get(client, path, **params):
    response = client.get(f"/api/v1/{path}", params)
    return response.status_code, response.json()


def test_fares_done_means(client, tariff_db):
    status, data = get(
        client,
        "fares",
        **{
            "from": "Erfurt, Anger",
            "to": "Erfurt, Hauptbahnhof",
            "at": "2025-09-01T10:00",
            "passengers": "adult:1,child:1",
        },
    )

    single = data["products"][0]
    assert status == 200
    assert (data["preisstufe"], data["family"], data["zones_counted"]) == (1, "city", 1)
    assert (single["code"], single["price"], single["illustrative"]) == ("single", "4.80", False)
    assert single["lines"] == [
        {"passenger": "adult", "count": 1, "unit_price": "2.90", "amount": "2.90"},
        {"passenger": "child", "count": 1, "unit_price": "1.90", "amount": "1.90"},
    ]
    assert data["price_version"] == {
        "label": "VMT 2025",
        "valid_from": "2025-08-01",
        "valid_until": None,
    }
    assert data["from"] == {"key": "erfurt-anger", "name": "Erfurt, Anger", "zones": ["10"]}
    assert [t["code"] for t in data["recognised_tickets"]] == ["deutschlandticket"]


def test_fares_along_route(client, tariff_db):
    status, data = get(
        client,
        "fares",
        **{"from": "weimar-hbf", "to": "jena-west", "via": ["apolda"], "at": "2025-09-01T10:00"},
    )

    assert status == 200
    assert [z["code"] for z in data["zones"]] == ["20", "501", "500", "502", "513", "30"]
    assert [v["key"] for v in data["via"]] == ["apolda"]


def test_fares_hopper_not_before_nine(client, tariff_db):
    _, early = get(
        client,
        "fares",
        **{"from": "Weimar, Hauptbahnhof", "to": "Jena Paradies", "at": "2025-09-01T08:00"},
    )

    hopper = next(item for item in early["not_offered"] if item["code"] == "hopper_single")
    assert (
        hopper["reason"]
        == "Montag bis Freitag erst ab 09:00 Uhr (am Wochenende und an Feiertagen ganztags)."
        or hopper["reason"].startswith("Monday to Friday only from 09:00")
    )


@pytest.mark.parametrize(
    ("params", "loc", "message"),
    [
        pytest.param(
            {"from": "Erfurt Angr", "to": "Jena West"},
            ["query", "from"],
            "Erfurt, Anger",
            id="unknown-origin",
        ),
        pytest.param(
            {"from": "Apolda", "to": "Naumburg (Saale) Hbf"},
            ["query", "to"],
            "Naumburg (Saale) Hbf",
            id="outside",
        ),
        pytest.param(
            {"from": "Apolda", "to": "Jena West", "at": "2010-01-01T10:00"},
            ["query", "at"],
            "VMT 2023",
            id="no-version",
        ),
        pytest.param(
            {"from": "Apolda", "to": "Jena West", "passengers": "dog:1"},
            ["query", "passengers"],
            "'dog'",
            id="bad-passenger",
        ),
        pytest.param(
            {"from": "Apolda", "to": "Jena West", "passengers": "adult:0"},
            ["query", "passengers"],
            "",
            id="nobody",
        ),
        pytest.param({"to": "Jena West"}, ["query", "from"], "", id="missing-from"),
        pytest.param(  # was a 500: no local time in the calendar
            {"from": "Apolda", "to": "Jena West", "at": "9999-12-31T23:59:59-23:59"},
            ["query", "at"],
            "Diese Reisezeit liegt außerhalb des Kalenders.",
            id="beyond-the-calendar",
        ),
    ],
)
def test_fares_bad_input(client, tariff_db, params, loc, message):
    status, data = get(client, "fares", **params)

    assert status == 422
    assert data["detail"][0]["loc"] == loc
    assert message in data["detail"][0]["msg"]


def test_fares_query_count(client, tariff_db, django_assert_num_queries):
    get(client, "fares", **{"from": "Apolda", "to": "Jena West"})  # builds the cached tariff

    with django_assert_num_queries(1):  # only the tariff revision
        status, _ = get(
            client, "fares", **{"from": "Apolda", "to": "Jena West", "at": "2025-09-01T10:00"}
        )
    assert status == 200


def test_admin_change_reaches_the_api(client, tariff_db):
    get(
        client,
        "fares",
        **{"from": "Erfurt, Anger", "to": "Erfurt, Hauptbahnhof", "at": "2025-09-01T10:00"},
    )
    price = Price.objects.get(
        version__label="VMT 2025",
        product__code="single",
        passenger__code="adult",
        family="city",
        preisstufe=1,
    )
    price.amount = "3.00"
    price.save()

    _, data = get(
        client,
        "fares",
        **{"from": "Erfurt, Anger", "to": "Erfurt, Hauptbahnhof", "at": "2025-09-01T10:00"},
    )
    assert data["products"][0]["price"] == "3.00"


@pytest.mark.parametrize(
    ("q", "names"),
    [
        pytest.param("jena p", ["Jena Paradies"], id="prefix"),
        pytest.param(
            "hauptbahnhof",
            ["Erfurt, Hauptbahnhof", "Gera Hauptbahnhof", "Weimar, Hauptbahnhof"],
            id="contains",
        ),
        pytest.param("Apolda", ["Apolda"], id="exact"),
    ],
)
def test_stops_search(client, tariff_db, q, names):
    status, data = get(client, "stops", q=q)

    assert status == 200
    assert [s["name"] for s in data] == names


@pytest.mark.parametrize("count", [1, 3])
def test_stops_query_count(client, tariff_db, django_assert_num_queries, count):
    get(client, "stops", q="a")

    with django_assert_num_queries(1):
        _, data = get(client, "stops", q="erfurt", limit=count)
    assert len(data) == count


def test_stops_needs_query(client, tariff_db):
    status, data = get(client, "stops")

    assert status == 422
    assert data["detail"][0]["loc"] == ["query", "q"]
