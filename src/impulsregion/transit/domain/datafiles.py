"""Read the compiled tariff data files (``transit/data/``) into domain objects."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from impulsregion.transit.domain.fares import Tariff
from impulsregion.transit.domain.network import Family, Relation, Stop, Zone, ZoneKind, ZoneNetwork
from impulsregion.transit.domain.prices import PriceRow, PriceTable, PriceVersion, parse_price_csv
from impulsregion.transit.domain.products import (
    PassengerType,
    Product,
    RecognisedTicket,
    TimeWindow,
    Validity,
    ValidityKind,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class TariffData:
    zones: tuple[Zone, ...]
    zone_notes: Mapping[str, tuple[bool, str]]
    adjacency: tuple[tuple[str, str], ...]
    stops: tuple[Stop, ...]
    relations: tuple[Relation, ...]
    passenger_types: tuple[PassengerType, ...]
    products: tuple[Product, ...]
    recognised: tuple[RecognisedTicket, ...]
    versions: tuple[PriceVersion, ...]
    prices: Mapping[date, tuple[PriceRow, ...]]

    def tariff(self) -> Tariff:
        network = ZoneNetwork(self.zones, self.adjacency, self.stops, self.relations)
        tables = tuple(PriceTable.of(v, self.prices.get(v.valid_from, ())) for v in self.versions)
        return Tariff(
            network=network,
            products=tuple(sorted(self.products, key=lambda p: (p.sort, p.code))),
            passenger_types={p.code: p for p in self.passenger_types},
            tables=tables,
            recognised=self.recognised,
        )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def read_tariff_data(directory: Path = DATA_DIR) -> TariffData:
    zones = []
    notes = {}
    for row in _rows(directory / "zones.csv"):
        zones.append(Zone(row["code"], row["name"], ZoneKind(row["kind"])))
        notes[row["code"]] = (row["confirmed"] == "yes", row["note"])
    adjacency = tuple((row["zone_a"], row["zone_b"]) for row in _rows(directory / "adjacency.csv"))
    stops = tuple(
        Stop(
            row["key"],
            row["name"],
            tuple(row["zones"].split()),
            _coord(row["lat"]),
            _coord(row["lon"]),
        )
        for row in _rows(directory / "stops.csv")
    )
    relations = tuple(
        Relation(
            r["origin"],
            r["destination"],
            int(r["preisstufe"]),
            Family(r["family"]) if r["family"] else None,
            r["note"],
        )
        for r in _rows(directory / "relations.csv")
    )
    catalogue = json.loads((directory / "products.json").read_text(encoding="utf-8"))
    passenger_types = tuple(PassengerType(**p) for p in catalogue["passenger_types"])
    products = tuple(product_from_dict(p) for p in catalogue["products"])
    recognised = tuple(_recognised(r) for r in catalogue["recognised_tickets"])
    versions = tuple(
        PriceVersion(
            r["label"], date.fromisoformat(r["valid_from"]), _date(r["valid_until"]), r["source"]
        )
        for r in _rows(directory / "versions.csv")
    )
    parsed = parse_price_csv(
        (directory / "prices.csv").read_text(encoding="utf-8"),
        products=[p.code for p in products],
        passengers=[p.code for p in passenger_types],
    )
    prices: dict[date, list[PriceRow]] = {}
    for item in parsed:
        prices.setdefault(item.valid_from, []).append(item.row)
    return TariffData(
        tuple(zones), notes, adjacency, stops, relations, passenger_types, products, recognised,
        versions, {day: tuple(rows) for day, rows in prices.items()},
    )  # fmt: skip


def _coord(value: str) -> float | None:
    return float(value) if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def validity_from_dict(data: Mapping[str, Any]) -> Validity:
    kind = ValidityKind(data["kind"])
    minutes = tuple((int(a), int(b)) for a, b in data.get("minutes", ()))
    until = time.fromisoformat(data.get("until", "03:00"))
    return Validity(kind, minutes, int(data.get("days", 0)), until)


def product_from_dict(data: Mapping[str, Any]) -> Product:
    families = frozenset(Family(f) for f in data.get("families", [f.value for f in Family]))
    window = (
        TimeWindow(time.fromisoformat(data["weekday_from"])) if data.get("weekday_from") else None
    )
    return Product(
        code=data["code"],
        name_de=data["name_de"],
        name_en=data["name_en"],
        validity=validity_from_dict(data["validity"]),
        rides=int(data.get("rides", 1)),
        min_zones=int(data.get("min_zones", 1)),
        max_zones=data.get("max_zones"),
        max_persons=int(data.get("max_persons", 1)),
        families=families,
        window=window,
        sort=int(data.get("sort", 0)),
    )


def _recognised(data: Mapping[str, Any]) -> RecognisedTicket:
    return RecognisedTicket(
        data["code"], data["name_de"], data["name_en"], data["note_de"], data["note_en"],
        _date(data.get("valid_from")), _date(data.get("valid_until")),
    )  # fmt: skip
