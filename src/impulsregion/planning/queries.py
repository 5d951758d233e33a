"""Read queries: turn the calendar's rows into the plain data the planning domain works on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from impulsregion.calendar.domain.periods import day_bounds
from impulsregion.calendar.enums import EventStatus, PublicStatus
from impulsregion.calendar.models import Category, Event, Occurrence
from impulsregion.calendar.reads.public import overlapping, programme_dates, visible
from impulsregion.common.domain.holidays import load_holidays
from impulsregion.common.i18n import pick
from impulsregion.planning.domain.clashes import (
    DEFAULT_MAJOR_EVENT_VISITORS,
    LONG_RUNNING_DAYS,
    BlockedPeriod,
    Booking,
    BookingKind,
    ClashContext,
    Policy,
    Proposal,
)
from impulsregion.planning.domain.itinerary import ProgrammeItem
from impulsregion.planning.domain.overview import GridItem, GridKind
from impulsregion.planning.enums import HoldStatus
from impulsregion.planning.models import BlockedDate, Hold, HoldNotice
from impulsregion.region.models import Organisation

MUNICIPALITY_KINDS = ("kreisfreie_stadt", "landkreis", "gemeinde")
NIGHT_ENDS = time(6, 0)
SHORT_WINDOW_DAYS = 31  # up to this, walk the occurrences' start index; beyond, the events
AUDIENCE_FIELDS = ("for_families", "for_children", "for_youth", "for_seniors")


def planning_policy() -> Policy:
    return Policy(
        major_event_visitors=getattr(
            settings, "IMPULSREGION_MAJOR_EVENT_VISITORS", DEFAULT_MAJOR_EVENT_VISITORS
        )
    )


def municipalities() -> QuerySet[Organisation]:
    """The member towns and districts events can take place in (columns of the overview)."""
    return Organisation.objects.filter(kind__in=MUNICIPALITY_KINDS).exclude(ags="").order_by("name")


def municipality_names() -> dict[str, str]:
    return dict(municipalities().values_list("slug", "short_name"))


def category_names() -> dict[str, str]:
    return {c.slug: pick(c, "name") for c in Category.objects.all()}


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def occurrence_days(start: datetime, end: datetime | None, all_day: bool) -> tuple[date, date]:
    """First and last local day of an occurrence (an all-day end is exclusive midnight)."""
    first = local_day(start)
    if end is None or end <= start:
        return first, first
    last_moment = end - timedelta(microseconds=1) if all_day else end
    last = local_day(last_moment)
    if not all_day and last > first and timezone.localtime(end).time() <= NIGHT_ENDS:
        last -= timedelta(days=1)  # a night (museum night, concert) belongs to its evening
    return first, max(first, last)


def live_events() -> QuerySet[Event]:
    """Events that still take place: not rejected, withdrawn, merged or cancelled (drafts
    included: members coordinate with them; the public sees `reads.public` only)."""
    return Event.objects.filter(merged_into__isnull=True, withdrawn_at__isnull=True).exclude(
        Q(status=EventStatus.CANCELLED) | Q(public_status=PublicStatus.REJECTED)
    )


@dataclass(frozen=True)
class Relevance:
    """Which occurrences can matter for a proposal (mirrors the domain's rules, in SQL)."""

    threshold: int
    venue: str | None = None
    municipality: str | None = None
    categories: frozenset[str] = frozenset()


def _candidate_events(relevance: Relevance) -> QuerySet[Event]:
    """Ids of events that can matter (subquery for long windows: events scanned once)."""
    wanted = Q(is_major_event=True) | Q(expected_visitors__gte=relevance.threshold)
    if relevance.venue:
        wanted |= Q(place_id=int(relevance.venue))
    if relevance.municipality and relevance.categories:
        wanted |= Q(
            place__municipality__slug=relevance.municipality,
            categories__slug__in=relevance.categories,
        )
    return Event.objects.filter(wanted).order_by().values("pk")


def _relevant(relevance: Relevance) -> Q:
    """Occurrences whose event can matter for a proposal (mirrors the domain's rules)."""
    wanted = Q(event__is_major_event=True) | Q(event__expected_visitors__gte=relevance.threshold)
    if relevance.venue:
        wanted |= Q(event__place_id=int(relevance.venue))
    if relevance.municipality and relevance.categories:
        tagged = Event.categories.through.objects.filter(
            category__slug__in=relevance.categories
        ).values("event_id")
        wanted |= Q(municipality__slug=relevance.municipality, event_id__in=tagged)
    return wanted


def occurrences_between(
    first: date, last: date, *, internal: bool, relevance: Relevance | None = None
) -> QuerySet[Occurrence]:
    """Occurrences touching the local days ``first``…``last`` (public ones only unless internal).

    Occurrences longer than the domain's long-running limit only matter at their venue, so
    the start is bounded from below and the ``start`` index does the work.
    """
    lower, upper = day_bounds(first, last)
    earliest = lower - timedelta(days=LONG_RUNNING_DAYS + 1)
    window = Q(start__gte=earliest) & overlapping(lower, upper)
    if relevance is not None and relevance.venue:
        window |= Q(start__lt=earliest, end__gt=lower, event__place_id=int(relevance.venue))
    # Only columns without an index of their own are tested on the event, so the planner walks
    # the occurrences' start index; merged and withdrawn events are dropped in Python.
    rows = Occurrence.objects.exclude(
        Q(event__status=EventStatus.CANCELLED) | Q(event__public_status=PublicStatus.REJECTED)
    ).filter(window)
    if not internal:
        rows = rows.filter(visible(timezone.now()))
    if relevance is not None and (last - first).days > SHORT_WINDOW_DAYS:
        rows = rows.filter(event_id__in=_candidate_events(relevance))
    elif relevance is not None:
        rows = rows.filter(_relevant(relevance))
    return rows.order_by()


def _bookings_from_occurrences(rows: Iterable[dict[str, Any]]) -> list[Booking]:
    rows = [
        r for r in rows if r["event__merged_into_id"] is None and r["event__withdrawn_at"] is None
    ]
    event_ids = {row["event_id"] for row in rows}
    categories: dict[int, set[str]] = defaultdict(set)
    through = Event.categories.through
    for event_id, slug in through.objects.filter(event_id__in=event_ids).values_list(
        "event_id", "category__slug"
    ):
        categories[event_id].add(slug)
    bookings = []
    for row in rows:
        first, last = occurrence_days(row["start"], row["end"], row["all_day"])
        bookings.append(
            Booking(
                ref=f"event:{row['event_id']}",
                kind=BookingKind.EVENT,
                title=row["event__title_de"],
                start=first,
                end=last,
                municipality=row["municipality__slug"] or "",
                venue=str(row["event__place_id"]) if row["event__place_id"] else None,
                organisation=row["event__organisation__short_name"],
                categories=frozenset(categories[row["event_id"]]),
                audiences=frozenset(f for f in AUDIENCE_FIELDS if row[f"event__{f}"]),
                expected_visitors=row["event__expected_visitors"] or 0,
                flagged_major=row["event__is_major_event"],
            )
        )
    return bookings


OCCURRENCE_FIELDS = (
    "event_id",
    "start",
    "end",
    "all_day",
    "municipality__slug",
    "event__title_de",
    "event__place_id",
    "event__organisation__short_name",
    "event__expected_visitors",
    "event__is_major_event",
    "event__merged_into_id",
    "event__withdrawn_at",
    *(f"event__{f}" for f in AUDIENCE_FIELDS),
)


def active_holds(first: date, last: date) -> QuerySet[Hold]:
    return Hold.objects.filter(status=HoldStatus.HELD, start__lte=last, end__gte=first)


HOLD_EXPIRY_WARNING = timedelta(days=7)
"""How long before its deadline an unconfirmed hold is shown as expiring soon."""


def holds_expiring(today: date) -> QuerySet[Hold]:
    """Holds not yet confirmed whose deadline is today or within `HOLD_EXPIRY_WARNING`."""
    return Hold.objects.filter(
        status=HoldStatus.HELD, deadline__gte=today, deadline__lte=today + HOLD_EXPIRY_WARNING
    )


def holds_clashing(today: date) -> QuerySet[Hold]:
    """Holds not yet confirmed nor over whose member was told of a clash with another
    member's major event or venue (the daily `notify_hold_conflicts` records each notice)."""
    notices = HoldNotice.objects.filter(hold=OuterRef("pk"))
    return Hold.objects.filter(Exists(notices), status=HoldStatus.HELD, end__gte=today)


def _bookings_from_holds(holds: Iterable[Hold]) -> list[Booking]:
    return [
        Booking(
            ref=f"hold:{hold.pk}",
            kind=BookingKind.HOLD,
            title=hold.title,
            start=hold.start,
            end=hold.end,
            municipality=hold.municipality.slug,
            venue=str(hold.place_id) if hold.place_id else None,
            organisation=hold.organisation.short_name,
            categories=frozenset(c.slug for c in hold.categories.all()),
            expected_visitors=hold.expected_visitors,
        )
        for hold in holds
    ]


def blocked_periods(first: date, last: date) -> list[BlockedPeriod]:
    rows = BlockedDate.objects.filter(start__lte=last, end__gte=first).select_related(
        "municipality"
    )
    return [
        BlockedPeriod(
            ref=f"blocked:{b.pk}",
            start=b.start,
            end=b.end,
            reason=b.reason_de,
            municipality=b.municipality.slug if b.municipality else None,
        )
        for b in rows
    ]


def relevance_for(proposal: Proposal, policy: Policy) -> Relevance:
    return Relevance(
        threshold=policy.major_event_visitors,
        venue=proposal.venue,
        municipality=proposal.municipality,
        categories=proposal.categories,
    )


def clash_context(
    first: date, last: date, *, internal: bool, relevance: Relevance | None = None
) -> ClashContext:
    """What is planned on ``first``…``last``; holds and unpublished events only for members."""
    rows = occurrences_between(first, last, internal=internal, relevance=relevance).values(
        *OCCURRENCE_FIELDS
    )
    bookings = _bookings_from_occurrences(rows)
    if internal:
        holds = active_holds(first, last).select_related("municipality", "organisation")
        bookings += _bookings_from_holds(holds.prefetch_related("categories"))
    return ClashContext(
        bookings=bookings,
        blocked=blocked_periods(first, last),
        holidays=load_holidays(),
        municipalities=frozenset(municipalities().values_list("slug", flat=True)),
    )


def grid_items(year: int, *, internal: bool) -> list[GridItem]:
    """Major events, holds (members only) and blocked dates touching ``year``."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    policy = planning_policy()
    majors = [
        b
        for b in clash_context(
            first, last, internal=internal, relevance=Relevance(policy.major_event_visitors)
        ).bookings
        if b.kind == BookingKind.EVENT and policy.is_major(b.expected_visitors, b.flagged_major)
    ]
    merged: dict[str, GridItem] = {}
    for booking in majors:
        previous = merged.get(booking.ref)
        merged[booking.ref] = GridItem(
            GridKind.MAJOR_EVENT,
            booking.ref,
            booking.title,
            min(booking.start, previous.start) if previous else booking.start,
            max(booking.end, previous.end) if previous else booking.end,
            booking.municipality,
            booking.organisation or "",
            booking.expected_visitors,
        )
    items = list(merged.values())
    if internal:
        for hold in active_holds(first, last).select_related("municipality", "organisation"):
            items.append(
                GridItem(
                    GridKind.HOLD,
                    f"hold:{hold.pk}",
                    hold.title,
                    hold.start,
                    hold.end,
                    hold.municipality.slug,
                    hold.organisation.short_name,
                    hold.expected_visitors,
                )
            )
    for blocked in blocked_periods(first, last):
        items.append(
            GridItem(
                GridKind.BLOCKED,
                blocked.ref,
                blocked.reason,
                blocked.start,
                blocked.end,
                blocked.municipality,
            )
        )
    return items


def programme(joint: Any, *, place_id: int | None = None) -> list[Any]:
    """The joint event's public programme items (sub-events' dates) as ``ProgrammeItem``s."""
    rows = (
        programme_dates(joint.umbrella_id, timezone.now())
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event__place")
        .order_by("start", "event__title_de")
    )
    if place_id is not None:
        rows = rows.filter(event__place_id=place_id)
    items = []
    for occ in rows:
        place = occ.event.place
        items.append(
            ProgrammeItem(
                key=str(occ.pk),
                title=pick(occ.event, "title"),
                venue_key=str(place.pk) if place else "",
                venue_name=place.name if place else "",
                town=place.locality if place else "",
                start=timezone.localtime(occ.start),
                end=timezone.localtime(occ.end or occ.start + timedelta(hours=1)),
                location=f"{place.name}, {place.address}" if place else "",
                description=pick(occ.event, "short"),
            )
        )
    return items


def known_travel_minutes(joint: Any) -> dict[frozenset[str], int]:
    """Travel times between venues on the same shuttle route (difference of timetable minutes)."""
    minutes: dict[frozenset[str], int] = {}
    for route in joint.routes.prefetch_related("stops"):
        stops = list(route.stops.all())
        for a in stops:
            for b in stops:
                if a.place_id != b.place_id:
                    wait = route.interval_minutes // 2
                    key = frozenset((str(a.place_id), str(b.place_id)))
                    value = abs(a.minutes_from_start - b.minutes_from_start) + wait
                    minutes[key] = min(value, minutes.get(key, value))
    return minutes
