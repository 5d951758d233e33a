"""Factories for the transit app: plain builders, free of surprises.

Domain builders (``make_*``) return frozen dataclasses; ``create_*`` helpers write rows.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from impulsregion.transit.domain.datafiles import read_tariff_data
from impulsregion.transit.domain.fares import Tariff
from impulsregion.transit.domain.network import Family, Relation, Stop, Zone, ZoneKind, ZoneNetwork
from impulsregion.transit.domain.prices import PriceRow, PriceTable, PriceVersion
from impulsregion.transit.domain.products import PassengerType, Product, Validity, ValidityKind
from impulsregion.transit.domain.tariff import TariffRules

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    """An aware Europe/Berlin moment from ``YYYY-MM-DDTHH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@lru_cache(maxsize=1)
def shipped_tariff() -> Tariff:
    """The tariff compiled in ``transit/data`` (read once per test session)."""
    return read_tariff_data().tariff()


def make_version(
    valid_from: str = "2025-08-01", valid_until: str | None = None, label: str = "v"
) -> PriceVersion:
    return PriceVersion(
        label,
        date.fromisoformat(valid_from),
        date.fromisoformat(valid_until) if valid_until else None,
    )


def make_single(**kw: Any) -> Product:
    values: dict[str, Any] = {
        "code": "single",
        "name_de": "Einzelfahrt",
        "name_en": "Single ticket",
        "validity": Validity(ValidityKind.MINUTES, ((1, 60),)),
    }
    values.update(kw)
    return Product(**values)


PASSENGERS = {
    "adult": PassengerType("adult", "Erwachsene", "Adult", 15),
    "child": PassengerType("child", "Kinder", "Child", 6, 14),
    "infant": PassengerType("infant", "Kleinkinder", "Under 6", 0, 5, free=True),
}


def make_line_tariff(
    zone_count: int,
    prices: dict[int, str],
    *,
    kind: ZoneKind = ZoneKind.REGIO,
    relations: tuple[Relation, ...] = (),
    family: Family = Family.REGIO,
    rules: Any = None,
) -> Tariff:
    """Zones 1…n in a chain, one stop "s<n>" per zone, single prices per Preisstufe."""
    zones = [Zone(str(n), f"Zone {n}", kind) for n in range(1, zone_count + 1)]
    adjacency = [(str(n), str(n + 1)) for n in range(1, zone_count)]
    stops = [Stop(f"s{n}", f"Stop {n}", (str(n),)) for n in range(1, zone_count + 1)]
    version = make_version("2017-01-01")
    rows = [
        PriceRow("single", "adult", family, level, Decimal(amount))
        for level, amount in prices.items()
    ]
    return Tariff(
        network=ZoneNetwork(zones, adjacency, stops, relations),
        products=(make_single(),),
        passenger_types=PASSENGERS,
        tables=(PriceTable.of(version, rows),),
        rules=rules or TariffRules(regio_area_from=None, network_from=None),
    )


WEEKDAY_10 = time(10, 0)
