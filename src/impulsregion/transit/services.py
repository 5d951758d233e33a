"""Every multi-step write of the tariff data: loading, price import, GTFS stop import."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from impulsregion.common.progress import ProgressCallback, noop_progress
from impulsregion.transit import models
from impulsregion.transit.domain.datafiles import DATA_DIR, TariffData, read_tariff_data
from impulsregion.transit.domain.gtfs import (
    GtfsError,
    read_stops,
    zones_by_mapping,
    zones_by_polygons,
)
from impulsregion.transit.domain.prices import (
    CsvProblem,
    ParsedPrice,
    PriceCsvError,
    PriceVersion,
    overlapping_versions,
    parse_price_csv,
)
from impulsregion.transit.explain import problem_message, version_text
from impulsregion.transit.signals import bumps_suspended
from impulsregion.transit.validators import as_domain_version


class TariffDataError(Exception):
    """A data or import file cannot be used; ``problems`` lists what is wrong where."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def count(self, model: type, created: bool) -> None:
        (self.created if created else self.updated)[model._meta.model_name or ""] += 1


def bump_revision() -> None:
    """Tell every process that the tariff changed (their cached tariff is rebuilt)."""
    updated = models.TariffRevision.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        models.TariffRevision.objects.get_or_create(pk=1, defaults={"number": 1})


def load_tariff(
    *, directory: Path = DATA_DIR, progress: ProgressCallback = noop_progress
) -> LoadReport:
    """Load the compiled tariff files idempotently (rows are matched by their natural keys)."""
    try:
        data = read_tariff_data(directory)
    except PriceCsvError as error:
        problems = [problem_message(p) for p in error.problems]
        raise TariffDataError(
            _("The price file of the tariff data is broken."), problems
        ) from error
    except (OSError, ValueError, KeyError) as error:
        raise TariffDataError(
            _("The tariff data in %(dir)s cannot be read: %(error)s")
            % {"dir": directory, "error": error}
        ) from error
    report = LoadReport()
    steps = [_load_network, _load_catalogue, _load_prices, _load_operators]
    with transaction.atomic(), bumps_suspended():
        for done, step in enumerate(steps, start=1):
            step(data, directory, report)
            progress(done, len(steps))
        bump_revision()
    return report


def _load_network(data: TariffData, directory: Path, report: LoadReport) -> None:
    zones = {}
    for zone in data.zones:
        confirmed, note = data.zone_notes[zone.code]
        zones[zone.code], created = models.Zone.objects.update_or_create(
            code=zone.code,
            defaults={
                "name": zone.name,
                "kind": zone.kind.value,
                "confirmed": confirmed,
                "note": note,
            },
        )
        report.count(models.Zone, created)
    for a, b in data.adjacency:
        pair = sorted((a, b))
        _, created = models.ZoneAdjacency.objects.update_or_create(
            zone_a=zones[pair[0]], zone_b=zones[pair[1]], defaults={"confirmed": False}
        )
        report.count(models.ZoneAdjacency, created)
    confirmed = {
        row["key"]: row["confirmed"] == "yes" for row in _csv_rows(directory / "stops.csv")
    }
    kinds = {row["key"]: row["kind"] for row in _csv_rows(directory / "stops.csv")}
    stops = {}
    for stop in data.stops:
        row, created = models.Stop.objects.update_or_create(
            key=stop.key,
            defaults={
                "name": stop.name,
                "lat": stop.lat,
                "lon": stop.lon,
                "kind": kinds[stop.key],
                "confirmed": confirmed[stop.key],
            },
        )
        row.zones.set([zones[code] for code in stop.zones])
        stops[stop.key] = row
        report.count(models.Stop, created)
    for relation in data.relations:
        _, created = models.Relation.objects.update_or_create(
            origin=stops[relation.origin], destination=stops[relation.destination],
            defaults={"preisstufe": relation.preisstufe, "family": relation.family or "", "note": relation.note},
        )  # fmt: skip
        report.count(models.Relation, created)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _load_catalogue(data: TariffData, directory: Path, report: LoadReport) -> None:
    catalogue = json.loads((directory / "products.json").read_text(encoding="utf-8"))
    for sort, p in enumerate(catalogue["passenger_types"]):
        _, created = models.PassengerType.objects.update_or_create(
            code=p["code"],
            defaults={k: p[k] for k in ("name_de", "name_en", "min_age", "max_age", "free")}
            | {"sort": sort},
        )
        report.count(models.PassengerType, created)
    for p in catalogue["products"]:
        validity = p["validity"]
        _, created = models.Product.objects.update_or_create(
            code=p["code"],
            defaults={
                "name_de": p["name_de"], "name_en": p["name_en"], "sort": p.get("sort", 0),
                "validity_kind": validity["kind"], "validity_minutes": validity.get("minutes", []),
                "validity_days": validity.get("days", 0), "validity_until": validity.get("until", "03:00"),
                "rides": p.get("rides", 1), "min_zones": p.get("min_zones", 1), "max_zones": p.get("max_zones"),
                "max_persons": p.get("max_persons", 1), "families": p.get("families", []),
                "weekday_from": p.get("weekday_from"), "note": p.get("note", ""),
            },
        )  # fmt: skip
        report.count(models.Product, created)
    for t in data.recognised:
        _, created = models.RecognisedTicket.objects.update_or_create(
            code=t.code,
            defaults={
                "name_de": t.name_de, "name_en": t.name_en, "note_de": t.note_de, "note_en": t.note_en,
                "valid_from": t.valid_from, "valid_until": t.valid_until,
            },
        )  # fmt: skip
        report.count(models.RecognisedTicket, created)


def _load_prices(data: TariffData, directory: Path, report: LoadReport) -> None:
    products = {p.code: p for p in models.Product.objects.all()}
    passengers = {p.code: p for p in models.PassengerType.objects.all()}
    for version in data.versions:
        row, created = models.PriceVersion.objects.update_or_create(
            valid_from=version.valid_from,
            defaults={
                "label": version.label,
                "valid_until": version.valid_until,
                "source": version.source,
            },
        )
        report.count(models.PriceVersion, created)
        for price in data.prices.get(version.valid_from, ()):
            _, created = models.Price.objects.update_or_create(
                version=row, product=products[price.product], passenger=passengers[price.passenger],
                family=price.family.value if price.family else "", preisstufe=price.preisstufe or 0,
                defaults={"amount": price.amount, "illustrative": price.illustrative, "source": price.source},
            )  # fmt: skip
            report.count(models.Price, created)


def _load_operators(data: TariffData, directory: Path, report: LoadReport) -> None:
    for row in _csv_rows(directory / "operators.csv"):
        _, created = models.Operator.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"], "short_name": row["short_name"], "mode": row["mode"],
                "confirmed": row["confirmed"] == "yes", "note": row["note"],
            },
        )  # fmt: skip
        report.count(models.Operator, created)


# --- price import ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    versions: tuple[str, ...]


def import_prices(text: str, *, user: Any = None) -> ImportReport:
    """Import a price table CSV: all rows or none. ``user`` is recorded by auditlog's middleware.

    A row's ``valid_from`` names its price version: an existing version starting that day, or
    a new one (its period taken from the rows) that must not overlap any other version.
    """
    products = {p.code: p for p in models.Product.objects.all()}
    passengers = {p.code: p for p in models.PassengerType.objects.all()}
    try:
        parsed = parse_price_csv(text, products=products, passengers=passengers)
    except PriceCsvError as error:
        raise TariffDataError(
            _("The price file was not imported; nothing was changed."),
            [problem_message(p) for p in error.problems],
        ) from error
    groups: dict[Any, list[tuple[int, ParsedPrice]]] = defaultdict(list)
    for line, item in enumerate(parsed, start=2):
        groups[item.valid_from].append((line, item))
    new_versions = _check_versions(groups)
    created = updated = 0
    with transaction.atomic(), bumps_suspended():
        versions = {}
        for start, version in new_versions.items():
            versions[start] = models.PriceVersion.objects.create(
                label=version.label,
                valid_from=start,
                valid_until=version.valid_until,
                source=_("imported price table"),
            )
        for start in groups:
            versions.setdefault(start, models.PriceVersion.objects.get(valid_from=start))
        for start, items in groups.items():
            for _line, item in items:
                row = item.row
                _obj, was_created = models.Price.objects.update_or_create(
                    version=versions[start], product=products[row.product], passenger=passengers[row.passenger],
                    family=row.family.value if row.family else "", preisstufe=row.preisstufe or 0,
                    defaults={"amount": row.amount, "illustrative": row.illustrative, "source": row.source},
                )  # fmt: skip
                created += was_created
                updated += not was_created
        bump_revision()
    return ImportReport(
        created,
        updated,
        tuple(v.label for v in sorted(versions.values(), key=lambda v: v.valid_from)),
    )


def _check_versions(groups: dict[Any, list[tuple[int, ParsedPrice]]]) -> dict[Any, PriceVersion]:
    """New versions the file needs; refuse disagreeing periods and overlaps (row and column)."""
    existing = {v.valid_from: v for v in models.PriceVersion.objects.all()}
    problems: list[str] = []
    new: dict[Any, PriceVersion] = {}
    for start, items in groups.items():
        first_line, first = items[0]
        ends = {item.valid_until for _, item in items}
        if start in existing:
            version = existing[start]
            clash = [
                line for line, item in items if item.valid_until not in (None, version.valid_until)
            ]
            if clash:
                problems.append(
                    problem_message(
                        CsvProblem(
                            clash[0], "valid_until", "version_end_differs", version_text(version)
                        )
                    )
                )
            continue
        if len(ends) > 1:
            problems.append(
                problem_message(
                    CsvProblem(items[1][0], "valid_until", "period_disagrees", str(start))
                )
            )
            continue
        candidate = PriceVersion(start.isoformat(), start, first.valid_until)
        others = [as_domain_version(v) for v in existing.values()] + list(new.values())
        for a, b in overlapping_versions([candidate, *others]):
            if candidate in (a, b):
                other = b if a is candidate else a
                label = (
                    other.label
                    if other.label != other.valid_from.isoformat()
                    else other.valid_from.isoformat()
                )
                problems.append(
                    problem_message(CsvProblem(first_line, "valid_from", "version_overlaps", label))
                )
                break
        else:
            new[start] = candidate
    if problems:
        raise TariffDataError(_("The price file was not imported; nothing was changed."), problems)
    return new


# --- GTFS stop import --------------------------------------------------------------------


@dataclass(frozen=True)
class StopImportReport:
    created: int
    updated: int
    outside: int


def import_gtfs_stops(
    archive: Path,
    *,
    mapping: Path | None = None,
    use_polygons: bool = False,
    progress: ProgressCallback = noop_progress,
) -> StopImportReport:
    """Create or update stops from a GTFS feed; zones from a mapping CSV or the zones' polygons."""
    try:
        stops = read_stops(archive)
    except (GtfsError, zipfile.BadZipFile, OSError) as error:
        raise TariffDataError(
            _("The GTFS feed cannot be read: %(error)s") % {"error": error}
        ) from error
    zones = {z.code: z for z in models.Zone.objects.all()}
    if mapping is not None:
        table: dict[str, list[str]] = defaultdict(list)
        for line, row in enumerate(_csv_rows(mapping), start=2):
            key = (row.get("stop_id") or row.get("zone_id") or "").strip()
            code = (row.get("zone") or "").strip()
            if code not in zones:
                raise TariffDataError(
                    _("Mapping file, row %(row)s: unknown zone %(zone)r.")
                    % {"row": line, "zone": code}
                )
            table[key].append(code)
        assigned = zones_by_mapping(stops, table)
    elif use_polygons:
        polygons = {code: [tuple(p) for p in z.polygon] for code, z in zones.items() if z.polygon}
        if not polygons:
            raise TariffDataError(_("No zone has a polygon; give a mapping file instead."))
        assigned = zones_by_polygons(stops, polygons)  # type: ignore[arg-type]
    else:
        raise TariffDataError(_("Give a mapping file or use the zone polygons to assign zones."))
    created = updated = outside = 0
    taken = set(models.Stop.objects.values_list("key", flat=True))
    with transaction.atomic(), bumps_suspended():
        for done, stop in enumerate(stops, start=1):
            row = models.Stop.objects.filter(gtfs_id=stop.stop_id).first()
            if row is None:
                key = _unique_key(stop.name, stop.stop_id, taken)
                name = (
                    stop.name
                    if not models.Stop.objects.filter(name=stop.name).exists()
                    else f"{stop.name} ({stop.stop_id})"
                )
                row = models.Stop.objects.create(
                    key=key,
                    name=name,
                    gtfs_id=stop.stop_id,
                    lat=stop.lat,
                    lon=stop.lon,
                    confirmed=False,
                )
                created += 1
            else:
                row.lat, row.lon = stop.lat, stop.lon
                row.save(update_fields=["lat", "lon"])
                updated += 1
            row.zones.set([zones[code] for code in assigned[stop.stop_id]])
            outside += not assigned[stop.stop_id]
            progress(done, len(stops))
        bump_revision()
    return StopImportReport(created, updated, outside)


def _unique_key(name: str, stop_id: str, taken: set[str]) -> str:
    base = slugify(name)[:60] or re.sub(r"[^a-z0-9-]", "-", stop_id.lower())
    key = base
    if key in taken:
        key = f"{base}-{slugify(stop_id)}"[:80]
    taken.add(key)
    return key
