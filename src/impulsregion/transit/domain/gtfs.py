"""GTFS in and out: read stops and Fares v1 from a feed, assign tariff zones, and
write the tariff as GTFS Fares v2 (areas, stop_areas, rider_categories,
fare_products and fare_leg_rules as the expanded zone-pair matrix) — and read that
back, so a test can prove the round trip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from impulsregion.transit.domain.fares import Tariff
from impulsregion.transit.domain.network import Family, zones_of
from impulsregion.transit.domain.prices import PriceTable
from impulsregion.transit.domain.tariff import fare_level


class GtfsError(ValueError):
    """The feed lacks a required file or column."""


@dataclass(frozen=True, slots=True)
class GtfsStop:
    stop_id: str
    name: str
    lat: float | None
    lon: float | None
    zone_id: str
    location_type: str = "0"
    parent_station: str = ""


@dataclass(frozen=True, slots=True)
class FareRuleV1:
    fare_id: str
    route_id: str
    origin_id: str
    destination_id: str


@dataclass(frozen=True)
class FaresV1:
    prices: Mapping[str, Decimal]
    currency: str
    rules: tuple[FareRuleV1, ...]


def read_table(archive: Path | zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    """Rows of one GTFS file as dicts (values stripped); GtfsError if the file is missing."""
    if isinstance(archive, Path):
        with zipfile.ZipFile(archive) as opened:
            return read_table(opened, name)
    try:
        raw = archive.read(name)
    except KeyError:
        raise GtfsError(f"The feed has no {name}.") from None
    text = raw.decode("utf-8-sig")
    return [
        {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def read_stops(archive: Path | zipfile.ZipFile) -> list[GtfsStop]:
    """The feed's stops and stations (entrances, nodes and boarding areas left out)."""
    stops = []
    for row in read_table(archive, "stops.txt"):
        if "stop_id" not in row or "stop_name" not in row:
            raise GtfsError("stops.txt needs the columns stop_id and stop_name.")
        if row.get("location_type", "") not in ("", "0", "1"):
            continue
        stops.append(
            GtfsStop(
                row["stop_id"],
                row["stop_name"],
                _float(row.get("stop_lat", "")),
                _float(row.get("stop_lon", "")),
                row.get("zone_id", ""),
                row.get("location_type", "") or "0",
                row.get("parent_station", ""),
            )
        )
    return stops


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read_fares_v1(archive: Path | zipfile.ZipFile) -> FaresV1:
    attributes = read_table(archive, "fare_attributes.txt")
    prices = {row["fare_id"]: Decimal(row["price"]) for row in attributes}
    currencies = {row["currency_type"] for row in attributes}
    rules = tuple(
        FareRuleV1(
            r["fare_id"], r.get("route_id", ""), r.get("origin_id", ""), r.get("destination_id", "")
        )
        for r in read_table(archive, "fare_rules.txt")
    )
    return FaresV1(prices, ",".join(sorted(currencies)), rules)


def zones_by_mapping(
    stops: Iterable[GtfsStop], mapping: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """Tariff zones per stop from a mapping keyed by stop_id, else by the feed's zone_id.

    Stops the mapping does not mention get no zone (they lie outside the network).
    """
    result: dict[str, tuple[str, ...]] = {}
    for stop in stops:
        zones = mapping.get(stop.stop_id) or mapping.get(stop.zone_id) or ()
        result[stop.stop_id] = tuple(zones)
    return result


def zones_by_polygons(
    stops: Iterable[GtfsStop], polygons: Mapping[str, Sequence[tuple[float, float]]]
) -> dict[str, tuple[str, ...]]:
    """Tariff zones per stop: every zone polygon ((lon, lat) ring) that contains it."""
    result: dict[str, tuple[str, ...]] = {}
    for stop in stops:
        if stop.lat is None or stop.lon is None:
            result[stop.stop_id] = ()
            continue
        inside = [code for code, ring in polygons.items() if contains(ring, stop.lon, stop.lat)]
        result[stop.stop_id] = tuple(inside)
    return result


def contains(ring: Sequence[tuple[float, float]], x: float, y: float) -> bool:
    """Ray casting: whether the point lies inside the polygon ring (x = lon, y = lat)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# --- Fares v2 export and import -------------------------------------------


def export_fares_v2(
    tariff: Tariff,
    table: PriceTable,
    *,
    product: str = "single",
    passengers: Sequence[str] = ("adult", "child"),
    currency: str = "EUR",
) -> dict[str, str]:
    """The tariff's zone-pair fares for one product as GTFS Fares v2 files (name → CSV text)."""
    network = tariff.network
    areas = [(z.code, z.name) for z in network.zones.values()]
    stop_areas = [(code, s.key) for s in network.stops.values() for code in s.zones]
    riders = [
        (code, tariff.passenger_types[code].name_en, "1" if i == 0 else "0")
        for i, code in enumerate(passengers)
    ]
    products: dict[str, list[tuple[str, str, str, str, str]]] = {}
    legs = []
    for origin in network.zones:
        for destination in network.zones:
            path = network.zone_path(origin, destination)
            if path is None:
                continue
            level = fare_level(zones_of(network, path), tariff.rules)
            product_id = f"{product}_{level.family}_{level.preisstufe}"
            if product_id not in products:
                products[product_id] = _product_rows(
                    table, product, product_id, passengers, level.family, level.preisstufe, currency
                )
            if products[product_id]:
                legs.append(("main", origin, destination, product_id))
    files = {
        "areas.txt": _csv(("area_id", "area_name"), areas),
        "stop_areas.txt": _csv(("area_id", "stop_id"), stop_areas),
        "rider_categories.txt": _csv(
            ("rider_category_id", "rider_category_name", "is_default_fare_category"), riders
        ),
        "fare_products.txt": _csv(
            ("fare_product_id", "fare_product_name", "rider_category_id", "amount", "currency"),
            [row for rows in products.values() for row in rows],
        ),
        "fare_leg_rules.txt": _csv(
            ("leg_group_id", "from_area_id", "to_area_id", "fare_product_id"), legs
        ),
    }
    return files


def _product_rows(
    table: PriceTable, product: str, product_id: str, passengers: Sequence[str],
    family: Family, preisstufe: int, currency: str,
) -> list[tuple[str, str, str, str, str]]:  # fmt: skip
    rows = []
    for code in passengers:
        row = table.price(product, code, family, preisstufe)
        if row is not None:
            rows.append(
                (product_id, f"{product} {family} {preisstufe}", code, str(row.amount), currency)
            )
    return rows


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_zip(files: Mapping[str, str], target: Path | io.BytesIO) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)


def read_fares_v2(files: Mapping[str, str]) -> dict[tuple[str, str], dict[str, Decimal]]:
    """The zone-pair matrix of a Fares v2 feed: (from area, to area) → rider category → amount."""
    amounts: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(files["fare_products.txt"])):
        amounts[row["fare_product_id"]][row.get("rider_category_id", "")] = Decimal(row["amount"])
    matrix = {}
    for row in csv.DictReader(io.StringIO(files["fare_leg_rules.txt"])):
        matrix[(row["from_area_id"], row["to_area_id"])] = dict(amounts[row["fare_product_id"]])
    return matrix


def stop_areas_v2(files: Mapping[str, str]) -> dict[str, set[str]]:
    """Stop → areas from stop_areas.txt."""
    result: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(io.StringIO(files["stop_areas.txt"])):
        result[row["stop_id"]].add(row["area_id"])
    return dict(result)
