"""The engine on small synthetic tariffs: caps, relations, products off sale, the cache."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from impulsregion.transit.domain.fares import quote
from impulsregion.transit.domain.gtfs import export_fares_v2, read_fares_v2
from impulsregion.transit.domain.network import Family, Relation, Stop, Zone, ZoneKind, ZoneNetwork
from impulsregion.transit.domain.revenue import (
    MAX_PROBLEMS,
    RevenueInputError,
    parse_usage,
    summarise_sales,
)
from impulsregion.transit.domain.tariff import TariffRules
from tests.factories.transit import at, make_line_tariff, make_single

pytestmark = pytest.mark.domain

WHEN = at("2025-09-01T10:00")
PRICES = {n: f"{n}.00" for n in range(1, 10)}


def stops(tariff, *keys):
    return [tariff.network.stops[key] for key in keys]


def test_regio_cap_is_explained():
    tariff = make_line_tariff(9, PRICES, rules=TariffRules())

    result = quote(tariff, stops(tariff, "s1", "s9"), WHEN)

    assert (result.level.preisstufe, result.level.counted, result.level.capped) == (6, 9, True)
    assert result.offer("single").total == Decimal("6.00")
    assert [r.code for r in result.reasons] == [
        "zones_fewest",
        "capped_regio",
        "family_regio",
        "version",
    ]
    assert (result.origin.key, result.destination.key) == ("s1", "s9")


def test_relation_is_explained():
    tariff = make_line_tariff(5, PRICES, relations=(Relation("s1", "s5", 2, note="direct bus"),))

    result = quote(tariff, stops(tariff, "s5", "s1"), WHEN)

    assert result.offer("single").total == Decimal("2.00")
    assert result.reasons[1].code == "relation"
    assert result.reasons[1].values == {"preisstufe": "2", "note": "direct bus"}


def test_relation_between_unconnected_zones_still_prices():
    zones = [Zone("A", "A", ZoneKind.REGIO), Zone("B", "B", ZoneKind.REGIO)]
    network = ZoneNetwork(
        zones,
        [],
        [Stop("a", "a", ("A",)), Stop("b", "b", ("B",))],
        [Relation("a", "b", 3, Family.REGIO)],
    )
    tariff = dataclasses.replace(
        make_line_tariff(1, PRICES), network=network, cache={}, levels={}, days={}
    )

    result = quote(tariff, stops(tariff, "a", "b"), WHEN)

    assert ([z.code for z in result.zones], result.offer("single").total) == (
        ["A", "B"],
        Decimal("3.00"),
    )


def test_product_off_sale_is_not_listed():
    tariff = make_line_tariff(2, PRICES)
    tariff = dataclasses.replace(
        tariff,
        products=(make_single(valid_until=WHEN.date().replace(year=2020)),),
        cache={},
        levels={},
    )

    result = quote(tariff, stops(tariff, "s1", "s2"), WHEN)

    assert (result.offers, result.unavailable) == ((), ())


def test_group_product_without_price_is_unavailable():
    tariff = make_line_tariff(2, PRICES)
    group = make_single(code="group_day", max_persons=5)
    tariff = dataclasses.replace(tariff, products=(group,), cache={}, levels={}, days={})

    result = quote(tariff, stops(tariff, "s1", "s2"), WHEN, {"adult": 2})

    assert [(u.product.code, u.reason.code) for u in result.unavailable] == [
        ("group_day", "no_price")
    ]


def test_cache_is_bounded():
    tariff = make_line_tariff(3, PRICES)
    tariff.cache.update(dict.fromkeys(range(10001)))
    tariff.days.update(dict.fromkeys(range(5001)))

    quote(tariff, stops(tariff, "s1", "s3"), WHEN)

    assert (len(tariff.cache), len(tariff.days)) == (1, 1)


def test_pair_cache_answers_the_second_question():
    tariff = make_line_tariff(3, PRICES)
    a, b = stops(tariff, "s1", "s3")

    first = tariff.network.count_between(a, b)

    assert tariff.network.count_between(a, b) is first


def test_export_skips_unconnected_zone_pairs():
    zones = [Zone("A", "A", ZoneKind.REGIO), Zone("B", "B", ZoneKind.REGIO)]
    tariff = make_line_tariff(1, PRICES)
    tariff = dataclasses.replace(
        tariff, network=ZoneNetwork(zones, [], []), cache={}, levels={}, days={}
    )

    matrix = read_fares_v2(export_fares_v2(tariff, tariff.tables[0], passengers=("adult",)))

    assert matrix == {
        ("A", "A"): {"adult": Decimal("1.00")},
        ("B", "B"): {"adult": Decimal("1.00")},
    }


def test_sales_problems_stop_after_the_limit():
    lines = ["product,preisstufe,channel,amount", *(["single,1,app,x"] * (MAX_PROBLEMS + 10))]

    with pytest.raises(RevenueInputError) as caught:
        summarise_sales(lines)

    assert len(caught.value.problems) == MAX_PROBLEMS


def test_usage_skips_blank_lines():
    assert len(parse_usage(["operator,passenger_km,seat_km,boardings", "", "evag,1,2,3"])) == 1
