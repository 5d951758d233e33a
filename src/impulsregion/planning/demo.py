"""Demo planning data: blocked dates, the Museumsnacht and the 2027 highlights (idempotent)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from impulsregion.calendar.domain.periods import day_bounds
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, Occurrence, Place
from impulsregion.common import audit
from impulsregion.planning import queries
from impulsregion.planning.models import (
    BlockedDate,
    Highlight,
    JointEvent,
    ShuttleRoute,
    ShuttleStop,
)
from impulsregion.region.models import Organisation

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_2027.toml"
DEMO_YEAR = 2027
MAX_HIGHLIGHTS = 30


class DemoDataError(ValueError):
    pass


@dataclass
class DemoReport:
    blocked: int = 0
    programme_items: int = 0
    highlights: int = 0


def load_planning(
    *, path: Path = DEMO_FILE, progress: Callable[[int, int], None] | None = None
) -> DemoReport:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    towns = {o.slug: o for o in queries.municipalities()}
    report = DemoReport()
    step = progress or (lambda done, total: None)
    with transaction.atomic():
        report.blocked = _load_blocked(data.get("blocked", []), towns)
        step(1, 3)
        report.programme_items = _load_joint_event(data["museumsnacht"], towns)
        step(2, 3)
        report.highlights = _select_highlights(DEMO_YEAR)
        step(3, 3)
    return report


def _town(towns: dict[str, Organisation], slug: str) -> Organisation:
    if slug not in towns:
        raise DemoDataError(
            f"The municipality {slug!r} is missing; run `impulsregion load-region` first."
        )
    return towns[slug]


def _load_blocked(rows: list[dict[str, Any]], towns: dict[str, Organisation]) -> int:
    for row in rows:
        municipality = _town(towns, row["municipality"]) if row["municipality"] else None
        BlockedDate.objects.update_or_create(
            start=row["start"],
            end=row["end"],
            municipality=municipality,
            defaults={"reason_de": row["reason_de"], "reason_en": row["reason_en"]},
        )
    return len(rows)


def _at(day: date, clock: str) -> datetime:
    hours, minutes = (int(p) for p in clock.split(":"))
    moment = datetime.combine(day, time(hours, minutes), tzinfo=BERLIN)
    return moment + timedelta(days=1) if hours < 6 else moment


def _published(event: Event) -> None:
    event.public_status = PublicStatus.PUBLISHED
    event.public_from = event.public_from or timezone.now()


def _load_joint_event(spec: dict[str, Any], towns: dict[str, Organisation]) -> int:
    day = spec["date"]
    owner = (
        Organisation.objects.filter(slug="impulsregion").first() or towns[min(towns)]
        if towns
        else None
    )
    if owner is None:
        raise DemoDataError("No organisations are loaded; run `impulsregion load-region` first.")
    joint = JointEvent.objects.filter(slug=spec["slug"]).select_related("umbrella").first()
    umbrella = joint.umbrella if joint else Event(organisation=owner)
    for field in ("title_de", "title_en", "short_de", "short_en"):
        setattr(umbrella, field, spec[field])
    umbrella.expected_visitors = spec["expected_visitors"]
    umbrella.price_min = Decimal(spec["ticket_reduced_price"])
    umbrella.price_max = Decimal(spec["ticket_price"])
    _published(umbrella)
    umbrella.save()
    umbrella.occurrences.all().delete()
    Occurrence.objects.create(
        event=umbrella,
        start=_at(day, spec["start"]),
        end=_at(day, spec["end"]),
        municipality=towns.get("erfurt"),
        public_from=umbrella.public_from,
    )
    JointEvent.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "umbrella": umbrella,
            "ticket_price": Decimal(spec["ticket_price"]),
            "ticket_reduced_price": Decimal(spec["ticket_reduced_price"]),
            "ticket_includes_de": spec["ticket_includes_de"],
            "ticket_includes_en": spec["ticket_includes_en"],
        },
    )
    places = {v["key"]: _venue(v, towns) for v in spec["venue"]}
    items = sum(_load_programme(umbrella, places[v["key"]], v, day) for v in spec["venue"])
    _load_routes(JointEvent.objects.get(slug=spec["slug"]), spec.get("route", []), places)
    return items


def _venue(spec: dict[str, Any], towns: dict[str, Organisation]) -> Place:
    town = _town(towns, spec["municipality"])
    place, _ = Place.objects.update_or_create(
        name=spec["name"],
        postal_code=spec["postcode"],
        defaults={
            "street": spec["street"],
            "locality": town.short_name,
            "municipality": town,
            "ags": town.ags,
        },
    )
    return place


def _load_programme(umbrella: Event, place: Place, spec: dict[str, Any], day: date) -> int:
    owner = place.municipality or umbrella.organisation
    keep = []
    for start, end, title_de, title_en in spec["programme"]:
        item, _ = Event.objects.get_or_create(
            parent=umbrella, place=place, title_de=title_de, defaults={"organisation": owner}
        )
        item.title_en = title_en
        item.organiser = place.name
        _published(item)
        item.save()
        item.occurrences.all().delete()
        Occurrence.objects.create(
            event=item,
            start=_at(day, start),
            end=_at(day, end),
            municipality=place.municipality,
            public_from=item.public_from,
        )
        keep.append(item.pk)
    Event.objects.filter(parent=umbrella, place=place).exclude(pk__in=keep).delete()
    return len(keep)


def _load_routes(joint: JointEvent, routes: list[dict[str, Any]], places: dict[str, Place]) -> None:
    joint.routes.all().delete()
    for position, spec in enumerate(routes):
        route = ShuttleRoute.objects.create(
            joint_event=joint,
            position=position,
            name_de=spec["name_de"],
            name_en=spec["name_en"],
            description_de=spec["description_de"],
            description_en=spec["description_en"],
            interval_minutes=spec["interval_minutes"],
        )
        stops = ShuttleStop.objects.bulk_create(
            ShuttleStop(route=route, place=places[key], position=index, minutes_from_start=minutes)
            for index, (key, minutes) in enumerate(spec["stops"])
        )
        audit.log_bulk(
            ShuttleStop,
            action=audit.CREATE,
            count=len(stops),
            changes={"route": ["", str(route.pk)]},
        )


def _select_highlights(year: int) -> int:
    """Highlight the year's major events (and umbrella events) from the live calendar."""
    first, last = day_bounds(date(year, 1, 1), date(year, 12, 31))
    policy = queries.planning_policy()
    candidates = (
        queries.live_events()
        .filter(
            public_from__isnull=False,
            parent__isnull=True,
            occurrences__start__gte=first,
            occurrences__start__lt=last,
        )
        .annotate(first_start=Min("occurrences__start"), subs=Count("sub_events", distinct=True))
        .order_by(
            F("is_major_event").desc(), F("expected_visitors").desc(nulls_last=True), "first_start"
        )
    )
    chosen = [
        e
        for e in candidates
        if e.is_major_event
        or (e.expected_visitors or 0) >= policy.major_event_visitors // 2
        or e.subs > 0
    ][:MAX_HIGHLIGHTS]
    chosen.sort(key=lambda e: e.first_start)
    for order, event in enumerate(chosen):
        Highlight.objects.update_or_create(event=event, year=year, defaults={"order": order})
    return len(chosen)
