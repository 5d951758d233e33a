"""The demo calendar: the region's recurring highlights from `calendar/data/highlights.json`."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from impulsregion.calendar.domain.recurrence import whole_days
from impulsregion.calendar.domain.types import BERLIN, EventData, PlaceData, PriceData
from impulsregion.calendar.enums import SourceFormat
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.importing import ImportReport, persist_events
from impulsregion.common import audit
from impulsregion.region.models import Organisation

HIGHLIGHTS = Path(__file__).resolve().parent.parent / "data" / "highlights.json"


class DemoDataError(Exception):
    pass


def _event(entry: dict[str, Any], places: dict[str, dict[str, str]], licence: str) -> EventData:
    place = places[entry["place"]]
    spans = tuple(
        whole_days(date.fromisoformat(d["first"]), date.fromisoformat(d["last"]), BERLIN)
        for d in entry["dates"]
    )
    unconfirmed = not all(d.get("confirmed", False) for d in entry["dates"])
    note_de = note_en = ""
    if unconfirmed:
        note_de = (
            f" (Termin nach dem üblichen Muster: {entry['pattern_de']}; noch nicht bestätigt.)"
        )
        note_en = f" (Date following the usual pattern: {entry['pattern']}; not yet confirmed.)"
    return EventData(
        external_id=entry["key"],
        title_de=entry["title_de"],
        title_en=entry.get("title_en", ""),
        short_de=entry["short_de"],
        short_en=entry.get("short_en", ""),
        description_de=f"<p>{entry['short_de']}{note_de}</p><p>Quelle: {entry['source']}</p>",
        description_en=(
            f"<p>{entry['short_en']}{note_en}</p><p>Source: {entry['source']}</p>"
            if entry.get("short_en")
            else ""
        ),
        spans=spans,
        place=PlaceData(
            name=place["name"],
            street=place["street"],
            postal_code=place["postal_code"],
            locality=place["locality"],
            latitude=Decimal(place["latitude"]),
            longitude=Decimal(place["longitude"]),
        ),
        categories=tuple(entry.get("categories", [])),
        url=entry["source"],
        price=PriceData(is_free=entry.get("is_free"), text=entry.get("price_text", "")),
        audiences=("families",) if entry.get("for_families") else (),
        licence=licence,
    )


def load_highlights(*, path: Path = HIGHLIGHTS, now: datetime) -> ImportReport:
    """Create or update the highlights (idempotent: unchanged entries are left alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoDataError(f"The highlights file {path} cannot be read: {error}") from error
    total = ImportReport()
    with transaction.atomic():
        by_organisation: dict[str, list[dict[str, Any]]] = {}
        for entry in data["events"]:
            by_organisation.setdefault(entry["organisation"], []).append(entry)
        for slug, entries in by_organisation.items():
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise DemoDataError(f"Organisation {slug!r} is missing: run load-region first.")
            events = [_event(e, data["places"], data.get("licence", "")) for e in entries]
            report = persist_events(
                events,
                organisation=organisation,
                source_key=f"demo:{slug}",
                source_format=SourceFormat.MANUAL,
                now=now,
                publish=True,
            )
            _major_flags(entries, slug)
            for name in ("created", "updated", "unchanged", "withdrawn"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
    return total


def _major_flags(entries: list[dict[str, Any]], slug: str) -> None:
    count = 0
    for entry in entries:
        count += Event.objects.filter(
            source_records__source_key=f"demo:{slug}", source_records__external_id=entry["key"]
        ).update(
            is_major_event=entry.get("is_major_event", False),
            expected_visitors=entry.get("expected_visitors"),
        )
    audit.log_bulk(
        Event,
        action=audit.UPDATE,
        count=count,
        changes={"is_major_event": ["", "demo data"], "expected_visitors": ["", "demo data"]},
    )
