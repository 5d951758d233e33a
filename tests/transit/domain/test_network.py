"""Zone graph, border stops, routes, relations and stop lookup."""

from __future__ import annotations

import pytest

from impulsregion.transit.domain.network import (
    OutsideNetworkError,
    Relation,
    Stop,
    UnknownStopError,
    Zone,
    ZoneKind,
    ZoneNetwork,
    normalise_name,
    stops_by_zone,
)

pytestmark = pytest.mark.domain

ZONES = [Zone(c, f"Zone {c}", ZoneKind.REGIO) for c in "ABCDEX"]
# A – B – C – D, plus E hanging off B; X is isolated
ADJACENCY = [("A", "B"), ("B", "C"), ("C", "D"), ("B", "E")]
STOPS = [
    Stop("a", "Alpha", ("A",)),
    Stop("ab", "Alpha-Bravo Grenze", ("A", "B")),
    Stop("c", "Charlie", ("C",)),
    Stop("d", "Delta Straße", ("D",)),
    Stop("e", "Echo", ("E",)),
    Stop("x", "Xray", ("X",)),
    Stop("out", "Outside", ()),
]


@pytest.fixture
def network() -> ZoneNetwork:
    return ZoneNetwork(ZONES, ADJACENCY, STOPS, [Relation("a", "d", 2, note="direct bus")])


def stop(network: ZoneNetwork, key: str) -> Stop:
    return network.stops[key]


@pytest.mark.parametrize(
    ("origin", "destination", "zones"),
    [
        pytest.param("a", "c", ("A", "B", "C"), id="chain"),
        pytest.param("ab", "c", ("B", "C"), id="border-stop-cheaper-side"),
        pytest.param("c", "ab", ("C", "B"), id="border-stop-as-destination"),
        pytest.param("e", "d", ("E", "B", "C", "D"), id="branch"),
        pytest.param("c", "c", ("C",), id="same-stop"),
    ],
)
def test_count_between(network, origin, destination, zones):
    assert network.count_between(stop(network, origin), stop(network, destination)).zones == zones


def test_relation_overrides_pair_in_both_directions(network):
    forward = network.count_between(stop(network, "a"), stop(network, "d"))
    backward = network.count_between(stop(network, "d"), stop(network, "a"))

    assert forward.relation.preisstufe == 2
    assert backward.relation is forward.relation
    assert forward.zones == ("A", "B", "C", "D")


@pytest.mark.parametrize(
    ("route", "zones"),
    [
        pytest.param(["a", "c", "ab"], ("A", "B", "C"), id="back-into-known-zone"),
        pytest.param(["e", "ab", "c"], ("E", "B", "C"), id="border-stop-in-route"),
        pytest.param(["a", "d"], ("A", "B", "C", "D"), id="two-stops-is-a-pair"),
        pytest.param(["a", "e", "d"], ("A", "B", "E", "C", "D"), id="detour-counts-every-zone"),
    ],
)
def test_count_along(network, route, zones):
    result = network.count_along([stop(network, key) for key in route])

    assert result.zones == zones


@pytest.mark.parametrize(
    "route",
    [
        pytest.param(["a", "out"], id="pair-with-outside-stop"),
        pytest.param(["a", "x"], id="unconnected-zone"),
        pytest.param(["a", "c", "out"], id="route-leaves-network"),
        pytest.param(["a", "c", "x"], id="route-to-unconnected-zone"),
    ],
)
def test_outside_network(network, route):
    with pytest.raises(OutsideNetworkError):
        network.count_along([stop(network, key) for key in route])


@pytest.mark.parametrize(
    ("query", "key"),
    [
        pytest.param("a", "a", id="by-key"),
        pytest.param("ALPHA", "a", id="case-insensitive"),
        pytest.param("Delta Strasse", "d", id="sharp-s"),
        pytest.param("  delta   straße ", "d", id="whitespace"),
    ],
)
def test_find_stop(network, query, key):
    assert network.find_stop(query).key == key


def test_find_stop_unknown_suggests(network):
    with pytest.raises(UnknownStopError) as caught:
        network.find_stop("Charly")

    assert caught.value.suggestions == ("Charlie",)


def test_find_stop_unknown_suggests_containing_names(network):
    with pytest.raises(UnknownStopError) as caught:
        network.find_stop("grenz")

    assert caught.value.suggestions == ("Alpha-Bravo Grenze",)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        pytest.param("al", ["Alpha", "Alpha-Bravo Grenze"], id="prefix"),
        pytest.param("bravo", ["Alpha-Bravo Grenze"], id="contains"),
        pytest.param("Delat Strasse", ["Delta Straße"], id="typo-falls-back-to-close-matches"),
        pytest.param("", [], id="empty"),
    ],
)
def test_search(network, query, names):
    assert [s.name for s in network.search(query)] == names


def test_unknown_zone_in_adjacency_is_refused():
    with pytest.raises(ValueError, match="unknown zone"):
        ZoneNetwork(ZONES, [("A", "Q")], [])


def test_unknown_zone_of_stop_is_refused():
    with pytest.raises(ValueError, match="unknown zone"):
        ZoneNetwork(ZONES, [], [Stop("q", "Q", ("Q",))])


def test_stops_by_zone_lists_border_stop_twice(network):
    grouped = stops_by_zone(network)

    assert [s.key for s in grouped["A"]] == ["a", "ab"]
    assert [s.key for s in grouped["B"]] == ["ab"]


def test_normalise_name():
    assert normalise_name("Jena-Göschwitz") == "jena goschwitz"
