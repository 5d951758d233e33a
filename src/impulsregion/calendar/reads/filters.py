"""The filters shared by the public list, the month view, the feeds and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet

from impulsregion.calendar.domain.periods import day_bounds, named_period
from impulsregion.calendar.models import Occurrence
from impulsregion.calendar.reads.public import in_range, public_dates
from impulsregion.calendar.reads.search import search_condition


@dataclass(frozen=True)
class EventFilter:
    """The filters shared by the public list, the feeds and the API."""

    municipality: str = ""
    category: str = ""
    organisation: str = ""
    start: date | None = None
    end: date | None = None
    period: str = ""
    q: str = ""
    free: bool = False
    accessible: bool = False
    families: bool = False
    parent: int | None = None  # an umbrella event: only its programme


def date_range(filters: EventFilter, now: datetime) -> tuple[datetime, datetime | None]:
    """The instants a date must overlap: from `now` (or the first chosen day) to the end of
    the last chosen day, open-ended without one."""
    first, last = filters.start, filters.end
    if filters.period:
        period = named_period(filters.period, now)
        if period is not None:
            first, last = period
    low = day_bounds(first, first)[0] if first is not None else now
    return low, day_bounds(last, last)[1] if last is not None else None


def matching_dates(filters: EventFilter, *, now: datetime) -> QuerySet[Occurrence]:
    """Public dates matching every filter except the date range."""
    queryset = public_dates(now)
    if filters.municipality:
        queryset = queryset.filter(municipality__slug=filters.municipality)
    if filters.category:
        queryset = queryset.filter(event__categories__slug=filters.category)
    if filters.organisation:
        queryset = queryset.filter(event__organisation__slug=filters.organisation)
    if filters.parent is not None:
        queryset = queryset.filter(event__parent_id=filters.parent)
    if filters.free:
        queryset = queryset.filter(event__is_free=True)
    if filters.accessible:
        queryset = queryset.filter(
            Q(event__access_wheelchair=True) | Q(event__place__access_wheelchair=True)
        )
    if filters.families:
        queryset = queryset.filter(Q(event__for_families=True) | Q(event__for_children=True))
    if filters.q:
        queryset = queryset.filter(search_condition(filters.q, "event_id"))
    return queryset


def public_occurrences(filters: EventFilter, *, now: datetime) -> QuerySet[Occurrence]:
    """Public dates matching `filters` from `now` (or the chosen range), earliest first."""
    low, high = date_range(filters, now)
    return in_range(matching_dates(filters, now=now), low, high).order_by("start", "event_id", "pk")


def with_event(queryset: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    """Dates with everything a list shows, in a fixed number of queries."""
    return queryset.select_related("event", "event__place", "municipality").prefetch_related(
        "event__categories"
    )
