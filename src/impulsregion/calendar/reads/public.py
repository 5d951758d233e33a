"""What the public may see: the one rule every public surface asks.

An event is public at `now` when its stored `public_from` has been reached. The write
services keep that column (`services.events.visible_from`): it is set only while the event is
published, and empty for drafts, events waiting for review, rejected, withdrawn and merged
ones; an embargo (`publish_at`) sets it to the embargo's end. Each date copies its event's
value, so the public lists need no join. Pages, feeds, the API, the coordination pages, the
museum-night planner, the Jahresüberblick and the member widget all read through here.

A date overlaps a range when it ends after the range's start (a date without an end: starts
in it) and starts before the range's end: ranges and all-day ends are exclusive, so a
market ending at midnight is not on the following day.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from impulsregion.calendar.models import Event, Occurrence, Place


def visible(now: datetime, path: str = "") -> Q:
    """The condition "public at `now`" on an event or date (`path`: the lookup to one)."""
    return Q(**{f"{path}public_from__lte": now})


def is_public(event: Event, now: datetime) -> bool:
    return event.public_from is not None and event.public_from <= now


def public_events(now: datetime) -> QuerySet[Event]:
    return Event.objects.filter(visible(now))


def public_dates(now: datetime) -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(visible(now))


def running(low: datetime) -> Q:
    """Dates not over at `low`: ending after it, or (without an end) starting at or after it."""
    return Q(end__gt=low) | Q(end__isnull=True, start__gte=low)


def overlapping(low: datetime, high: datetime | None) -> Q:
    """Dates overlapping `low` … `high` (open-ended without `high`)."""
    return running(low) & Q(start__lt=high) if high is not None else running(low)


def in_range(
    dates: QuerySet[Occurrence], low: datetime, high: datetime | None
) -> QuerySet[Occurrence]:
    return dates.filter(overlapping(low, high))


def still_on(start: datetime, end: datetime | None, low: datetime) -> bool:
    """`running(low)` for a date at hand (a row kept in a cache, a model instance)."""
    return end > low if end is not None else start >= low


def programme_dates(umbrella_id: int, now: datetime) -> QuerySet[Occurrence]:
    """The public dates of an umbrella event's programme (a museum night's items)."""
    return public_dates(now).filter(event__parent_id=umbrella_id)


def undated_programme(umbrella_id: int, now: datetime) -> QuerySet[Event]:
    """Public programme items without a date yet (so not in `programme_dates`)."""
    return public_events(now).filter(parent_id=umbrella_id, occurrences__isnull=True)


def programme_places(umbrella_id: int, now: datetime) -> QuerySet[Place]:
    """The venues of an umbrella's public programme."""
    items = public_events(now).filter(parent_id=umbrella_id).values("place_id")
    return Place.objects.filter(pk__in=items).order_by("pk")
