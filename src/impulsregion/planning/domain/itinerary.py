"""Museumsnacht route planner: a visitor's picked programme items, in order, with warnings.

Two picks overlap when their time slots intersect. A transfer is tight when the gap between
two consecutive picks at different venues is shorter than the travel time (from the shuttle
routes, else 15 minutes within a town and 45 minutes between towns). :func:`itinerary_ics`
writes the picks as an iCalendar file; :func:`programme_ics` writes a venue's feed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event

SAME_TOWN_MINUTES = 15
OTHER_TOWN_MINUTES = 45


@dataclass(frozen=True, slots=True)
class ProgrammeItem:
    key: str
    title: str
    venue_key: str
    venue_name: str
    town: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Overlap:
    first: ProgrammeItem
    second: ProgrammeItem
    minutes: int


@dataclass(frozen=True, slots=True)
class TightTransfer:
    before: ProgrammeItem
    after: ProgrammeItem
    gap_minutes: int
    needed_minutes: int


@dataclass(frozen=True, slots=True)
class RoutePlan:
    items: tuple[ProgrammeItem, ...]
    overlaps: tuple[Overlap, ...]
    tight_transfers: tuple[TightTransfer, ...]


def travel_minutes(
    a: ProgrammeItem, b: ProgrammeItem, known: Mapping[frozenset[str], int] | None = None
) -> int:
    if a.venue_key == b.venue_key:
        return 0
    if known and (minutes := known.get(frozenset((a.venue_key, b.venue_key)))) is not None:
        return minutes
    return SAME_TOWN_MINUTES if a.town == b.town else OTHER_TOWN_MINUTES


def plan_route(
    picks: Iterable[ProgrammeItem], known_travel: Mapping[frozenset[str], int] | None = None
) -> RoutePlan:
    items = tuple(sorted(set(picks), key=lambda i: (i.start, i.end, i.title)))
    overlaps = []
    for index, first in enumerate(items):
        for second in items[index + 1 :]:
            if second.start >= first.end:
                break
            minutes = int((min(first.end, second.end) - second.start) / timedelta(minutes=1))
            overlaps.append(Overlap(first, second, minutes))
    tight = []
    for before, after in itertools.pairwise(items):
        gap = int((after.start - before.end) / timedelta(minutes=1))
        needed = travel_minutes(before, after, known_travel)
        if gap >= 0 and gap < needed:
            tight.append(TightTransfer(before, after, gap, needed))
    return RoutePlan(items, tuple(overlaps), tuple(tight))


def _vevent(item: ProgrammeItem, uid_domain: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"programme-{item.key}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("summary", item.title)
    event.add("location", item.location or f"{item.venue_name}, {item.town}")
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event


def programme_ics(
    items: Sequence[ProgrammeItem], *, name: str, uid_domain: str, stamp: datetime
) -> bytes:
    """An iCalendar file (``VCALENDAR``) with one ``VEVENT`` per item, stable UIDs."""
    calendar = Calendar()
    calendar.add("prodid", "-//Impulsregion//Kulturkalender Planung//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in sorted(items, key=lambda i: (i.start, i.key)):
        calendar.add_component(_vevent(item, uid_domain, stamp))
    return bytes(calendar.to_ical())


def itinerary_ics(plan: RoutePlan, *, name: str, uid_domain: str, stamp: datetime) -> bytes:
    return programme_ics(plan.items, name=name, uid_domain=uid_domain, stamp=stamp)
