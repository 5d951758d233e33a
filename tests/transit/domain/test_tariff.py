"""Family and Preisstufe from the zones travelled."""

from __future__ import annotations

import pytest

from impulsregion.transit.domain.network import Family, Relation, Zone, ZoneKind
from impulsregion.transit.domain.tariff import TariffRules, family_of, fare_level

pytestmark = pytest.mark.domain


def city(code: str) -> Zone:
    return Zone(code, code, ZoneKind.CITY)


def regio(code: str) -> Zone:
    return Zone(code, code, ZoneKind.REGIO)


def regios(n: int) -> list[Zone]:
    return [regio(str(500 + i)) for i in range(n)]


@pytest.mark.parametrize(
    ("zones", "family", "preisstufe", "capped"),
    [
        pytest.param([city("10")], Family.CITY, 1, False, id="one-city-zone"),
        pytest.param([regio("500")], Family.REGIO, 1, False, id="one-regio-zone"),
        pytest.param(regios(5), Family.REGIO, 5, False, id="regio-5"),
        pytest.param(regios(6), Family.REGIO, 6, False, id="regio-6-is-whole-area"),
        pytest.param(regios(9), Family.REGIO, 6, True, id="regio-9-capped-at-6"),
        pytest.param([city("10"), regio("521")], Family.CITYREGIO, 2, False, id="city-and-regio"),
        pytest.param([city("10"), city("20")], Family.CITYREGIO, 2, False, id="two-city-zones"),
        pytest.param(
            [city("10"), *regios(10), city("20")], Family.CITYREGIO, 12, False, id="cityregio-12"
        ),
        pytest.param(
            [city("10"), *regios(12), city("20")],
            Family.CITYREGIO,
            12,
            True,
            id="cityregio-14-capped-at-12",
        ),
    ],
)
def test_fare_level(zones, family, preisstufe, capped):
    level = fare_level(zones, TariffRules())

    assert (level.family, level.preisstufe, level.counted, level.capped) == (
        family,
        preisstufe,
        len(zones),
        capped,
    )


def test_no_caps_when_rules_have_none():
    level = fare_level(regios(9), TariffRules(regio_area_from=None, network_from=None))

    assert (level.preisstufe, level.capped) == (9, False)


@pytest.mark.parametrize(
    ("relation", "family", "preisstufe"),
    [
        pytest.param(
            Relation("a", "b", 3), Family.CITYREGIO, 3, id="relation-keeps-derived-family"
        ),
        pytest.param(
            Relation("a", "b", 2, Family.REGIO), Family.REGIO, 2, id="relation-sets-family"
        ),
    ],
)
def test_relation_overrides_count(relation, family, preisstufe):
    level = fare_level([city("10"), *regios(4)], TariffRules(), relation)

    assert (level.family, level.preisstufe, level.counted, level.relation) == (
        family,
        preisstufe,
        5,
        relation,
    )


def test_empty_zone_list_is_refused():
    with pytest.raises(ValueError, match="at least one zone"):
        fare_level([], TariffRules())


def test_family_of_empty_kinds_is_cityregio():
    assert family_of([city("10"), regio("1"), city("20")]) is Family.CITYREGIO
