"""The fare engine on the shipped VMT data: table-driven, one named case per rule."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from impulsregion.transit.domain.fares import PassengerError, quote
from impulsregion.transit.domain.network import Family, OutsideNetworkError, UnknownStopError
from impulsregion.transit.domain.prices import NoPriceVersionError
from tests.factories.transit import BERLIN, at, shipped_tariff

pytestmark = pytest.mark.domain


def trip(
    origin: str, destination: str, when: str, passengers: dict[str, int] | None = None, *via: str
):
    tariff = shipped_tariff()
    names = [origin, *via, destination]
    route = [tariff.network.find_stop(name) for name in names]
    return quote(tariff, route, at(when), passengers, along_route=bool(via))


@pytest.mark.parametrize(
    ("origin", "destination", "when", "passenger", "product", "amount"),
    [
        pytest.param(
            "Erfurt, Anger",
            "Erfurt, Hauptbahnhof",
            "2025-09-01T10:00",
            "adult",
            "single",
            "2.90",
            id="city-1-adult-single-2025",
        ),
        pytest.param(
            "Erfurt, Anger",
            "Erfurt, Hauptbahnhof",
            "2025-09-01T10:00",
            "child",
            "single",
            "1.90",
            id="city-1-child-single-2025",
        ),
        pytest.param(
            "Erfurt, Anger",
            "Erfurt, Hauptbahnhof",
            "2025-03-01T10:00",
            "adult",
            "single",
            "2.70",
            id="city-1-adult-single-2024-version",
        ),
        pytest.param(
            "Erfurt, Anger",
            "Erfurt, Hauptbahnhof",
            "2025-03-01T10:00",
            "child",
            "single",
            "1.80",
            id="city-1-child-single-2024-version",
        ),
        pytest.param(
            "Jena Paradies",
            "Jena West",
            "2024-07-31T23:59",
            "adult",
            "single",
            "2.50",
            id="city-last-day-of-2023-version",
        ),
        pytest.param(
            "Jena Paradies",
            "Jena West",
            "2024-08-01T00:00",
            "adult",
            "single",
            "2.70",
            id="city-first-day-of-2024-version",
        ),
        pytest.param(
            "Weimar, Goetheplatz",
            "Weimar, Hauptbahnhof",
            "2024-01-10T12:00",
            "adult",
            "four_trip",
            "9.00",
            id="city-four-trip-2023",
        ),
        pytest.param(
            "Weimar, Goetheplatz",
            "Weimar, Hauptbahnhof",
            "2024-09-10T12:00",
            "adult",
            "four_trip",
            "9.70",
            id="city-four-trip-2024",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T10:00",
            "adult",
            "hopper_single",
            "7.90",
            id="hopper-single-2025",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T10:00",
            "adult",
            "hopper_return",
            "13.00",
            id="hopper-return-2025",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2024-09-02T10:00",
            "adult",
            "hopper_single",
            "7.40",
            id="hopper-single-2024",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2024-03-04T10:00",
            "adult",
            "hopper_return",
            "11.00",
            id="hopper-return-2023",
        ),
    ],
)
def test_published_price(origin, destination, when, passenger, product, amount):
    result = trip(origin, destination, when, {passenger: 1})

    offer = result.offer(product)

    assert offer is not None
    assert offer.total == Decimal(amount)
    assert offer.illustrative is False


def test_done_means_city_trip_answers_preisstufe_1_city_with_both_prices():
    result = trip(
        "Erfurt, Anger", "Erfurt, Hauptbahnhof", "2025-09-01T10:00", {"adult": 1, "child": 1}
    )

    single = result.offer("single")
    assert (result.level.family, result.level.preisstufe) == (Family.CITY, 1)
    assert [(line.passenger, line.unit_price) for line in single.lines] == [
        ("adult", Decimal("2.90")),
        ("child", Decimal("1.90")),
    ]
    assert single.total == Decimal("4.80")
    assert result.valid_until(single) == datetime(2025, 9, 1, 11, 0, tzinfo=BERLIN)
    assert result.version.label == "VMT 2025"


@pytest.mark.parametrize(
    ("origin", "destination", "when", "offered"),
    [
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Mellingen (Thür)",
            "2025-09-01T10:00",
            True,
            id="2-zones-weekday-10",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T10:00",
            True,
            id="5-zones-weekday-10",
        ),
        pytest.param(
            "Erfurt, Hauptbahnhof",
            "Großschwabhausen",
            "2025-09-01T10:00",
            True,
            id="7-zones-weekday-10",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T08:00",
            False,
            id="weekday-08-too-early",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T08:59",
            False,
            id="weekday-08-59-too-early",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T09:00",
            True,
            id="weekday-09-00-from",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-06T08:00", True, id="saturday-08"
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-10-03T07:00",
            True,
            id="holiday-einheit-07",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-19T08:00",
            False,
            id="friday-before-weltkindertag-08",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof", "Weimar West", "2025-09-01T10:00", False, id="1-zone-too-few"
        ),
        pytest.param(
            "Erfurt, Hauptbahnhof",
            "Jena Paradies",
            "2025-09-01T10:00",
            False,
            id="9-zones-too-many",
        ),
    ],
)
def test_hopper_offered(origin, destination, when, offered):
    result = trip(origin, destination, when)

    assert (result.offer("hopper_single") is not None) is offered
    assert (result.offer("hopper_return") is not None) is offered


@pytest.mark.parametrize(
    ("origin", "destination", "via", "zones", "family", "preisstufe"),
    [
        pytest.param("Erfurt, Anger", "Erfurt Ost", (), ["10"], Family.CITY, 1, id="one-city-zone"),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena Paradies",
            (),
            ["20", "511", "512", "513", "30"],
            Family.CITYREGIO,
            5,
            id="weimar-jena-fewest",
        ),
        pytest.param(
            "Großschwabhausen",
            "Jena Paradies",
            (),
            ["513", "30"],
            Family.CITYREGIO,
            2,
            id="border-stop-takes-cheaper-zone",
        ),
        pytest.param(
            "Mellingen (Thür)",
            "Magdala, Markt",
            (),
            ["511", "512", "514"],
            Family.REGIO,
            3,
            id="regio-only",
        ),
        pytest.param(
            "Bad Sulza",
            "Hopfgarten (b Weimar)",
            (),
            ["503", "500", "501", "20", "523"],
            Family.CITYREGIO,
            5,
            id="through-a-city-is-cityregio",
        ),
        pytest.param(
            "Erfurt, Hauptbahnhof",
            "Gera Hauptbahnhof",
            (),
            ["10", "521", "522", "523", "20", "511", "512", "513", "30", "531", "532", "40"],
            Family.CITYREGIO,
            12,
            id="whole-network-at-12",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Oberweimar",
            ("Mellingen (Thür)", "Weimar, Goetheplatz"),
            ["20", "511"],
            Family.CITYREGIO,
            2,
            id="route-zone-twice-counts-once",
        ),
        pytest.param(
            "Weimar, Hauptbahnhof",
            "Jena West",
            ("Apolda",),
            ["20", "501", "500", "502", "513", "30"],
            Family.CITYREGIO,
            6,
            id="route-detour-via-apolda",
        ),
    ],
)
def test_zones_family_and_preisstufe(origin, destination, via, zones, family, preisstufe):
    result = trip(origin, destination, "2025-09-01T10:00", None, *via)

    assert [zone.code for zone in result.zones] == zones
    assert (result.level.family, result.level.preisstufe) == (family, preisstufe)


def test_group_day_ticket_needs_two_cards_for_seven_persons():
    result = trip(
        "Erfurt, Anger",
        "Erfurt, Domplatz",
        "2025-09-01T10:00",
        {"adult": 4, "child": 3, "infant": 2},
    )

    group = result.offer("group_day")
    single = result.offer("single")
    assert group.cards == 2
    assert group.total == 2 * group.lines[0].unit_price
    assert single.total == Decimal("4") * Decimal("2.90") + Decimal("3") * Decimal("1.90")
    assert ("free_passengers", (("count", "2"),)) in [(r.code, r.params) for r in single.reasons]


def test_group_ticket_not_offered_to_one_person():
    result = trip(
        "Erfurt, Anger", "Erfurt, Domplatz", "2025-09-01T10:00", {"adult": 1, "infant": 1}
    )

    assert result.offer("group_day") is None
    assert "group_too_small" in [u.reason.code for u in result.unavailable]


def test_hopper_not_offered_for_child_without_published_price():
    result = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00", {"child": 1})

    assert result.offer("hopper_single") is None
    assert ("no_price", (("passenger", "child"),)) in [
        (u.reason.code, u.reason.params) for u in result.unavailable
    ]


def test_illustrative_prices_are_flagged():
    result = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00")

    assert result.offer("single").illustrative is True
    assert "illustrative" in [r.code for r in result.offer("single").reasons]


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        pytest.param("single", datetime(2025, 9, 1, 12, 0), id="single-5-zones-120-minutes"),
        pytest.param("day", datetime(2025, 9, 2, 3, 0), id="day-until-03-next-day"),
        pytest.param("week", datetime(2025, 9, 8, 0, 0), id="week-seven-days"),
        pytest.param("month", datetime(2025, 10, 1, 0, 0), id="month-same-day-next-month"),
    ],
)
def test_valid_until(product, expected):
    result = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00")

    assert result.valid_until(result.offer(product)) == expected.replace(tzinfo=BERLIN)


def test_date_outside_every_version_lists_versions():
    with pytest.raises(NoPriceVersionError) as caught:
        trip("Erfurt, Anger", "Erfurt, Hauptbahnhof", "2020-01-01T10:00")

    assert [v.label for v in caught.value.versions] == ["VMT 2023", "VMT 2024", "VMT 2025"]


def test_route_leaving_network_is_refused():
    with pytest.raises(OutsideNetworkError) as caught:
        trip("Apolda", "Naumburg (Saale) Hbf", "2025-09-01T10:00")

    assert caught.value.stops == ("Naumburg (Saale) Hbf",)


def test_unknown_stop_suggests_close_names():
    with pytest.raises(UnknownStopError) as caught:
        shipped_tariff().network.find_stop("Erfurt Hauptbanhof")

    assert caught.value.suggestions[0] == "Erfurt, Hauptbahnhof"


@pytest.mark.parametrize(
    "passengers",
    [
        pytest.param({"pensioner": 1}, id="unknown-type"),
        pytest.param({"adult": 0}, id="nobody"),
        pytest.param({"adult": -1, "child": 2}, id="negative"),
    ],
)
def test_bad_group_is_refused(passengers):
    with pytest.raises(PassengerError):
        trip("Erfurt, Anger", "Erfurt, Hauptbahnhof", "2025-09-01T10:00", passengers)


def test_naive_moment_is_refused():
    tariff = shipped_tariff()
    stops = [tariff.network.find_stop("erfurt-hbf"), tariff.network.find_stop("erfurt-anger")]

    with pytest.raises(ValueError, match="timezone-aware"):
        quote(tariff, stops, datetime(2025, 9, 1, 10, 0))


def test_single_stop_is_refused():
    tariff = shipped_tariff()

    with pytest.raises(ValueError, match="origin and a destination"):
        quote(tariff, [tariff.network.find_stop("erfurt-hbf")], at("2025-09-01T10:00"))


def test_recognised_deutschlandticket_listed_from_may_2023():
    before = trip("Erfurt, Anger", "Erfurt, Hauptbahnhof", "2024-03-01T10:00")

    assert [t.code for t in before.recognised] == ["deutschlandticket"]


def test_explanation_names_zones_family_and_version():
    result = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00")

    assert [r.code for r in result.reasons] == ["zones_fewest", "family_cityregio", "version"]
    assert (
        result.reasons[0].values["zones"]
        == "20 Weimar, 511 Regio 511 (zwischen Weimar und Jena), 512 Regio 512 (zwischen Weimar und Jena), 513 Regio 513 (zwischen Weimar und Jena), 30 Jena"
    )


def test_repeated_quote_is_identical_and_cached():
    first = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00")
    second = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:05")

    assert first.offers == second.offers
    assert second.valid_until(second.offer("single")) == datetime(2025, 9, 1, 12, 5, tzinfo=BERLIN)


def test_same_level_different_zones_are_explained_separately():
    weimar_jena = trip("Weimar, Hauptbahnhof", "Jena Paradies", "2025-09-01T10:00")
    erfurt_weimar = trip("Erfurt, Hauptbahnhof", "Weimar, Hauptbahnhof", "2025-09-01T10:00")

    assert weimar_jena.level == erfurt_weimar.level
    assert weimar_jena.reasons[0].values["zones"].startswith("20 Weimar")
    assert erfurt_weimar.reasons[0].values["zones"].startswith("10 Erfurt")
