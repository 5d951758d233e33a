"""Clash radar: how badly does a proposed date range collide with what is already planned?

The region's four partners are 20–25 km apart and share one audience, one hotel market and
one railway line, so a major event anywhere in the region competes with every other one.
For a :class:`Proposal` the radar lists every :class:`Conflict` with a penalty (points) and
structured facts from which the caller renders a plain-language reason:

* ``venue_taken`` – anything else at the same venue on an overlapping day: 60 points.
* ``major_event`` – a major event (expected visitors ≥ the threshold, or flagged by the
  office) on an overlapping day anywhere in the region. Base 10 points per threshold's worth
  of visitors, capped at 50; doubled in the same municipality; +10 for a shared category,
  +5 for a shared audience; halved when the proposal itself is not a major event.
* ``busy_city`` – smaller events in the same municipality sharing a category: 3 points each,
  at most 15, reported once.
* ``school_holiday`` – 20 points for the summer holidays (families are away), 8 for the other
  school holidays, 3 for a single day off school.
* ``public_holiday`` – 5 points: many residents travel, venues need holiday staffing.
* ``blocked`` – a blocked date (Sperrtermin) set by the office for the region or the
  proposal's municipality: 100 points.

Holds (Vormerkungen) are bookings like events. Long-running bookings (more than
:data:`LONG_RUNNING_DAYS` days, e.g. an exhibition) only count for the venue. The score of a
date is ``max(0, 100 - total penalty)``; higher is better.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from impulsregion.common.domain.holidays import (
    Holiday,
    HolidayCalendar,
    HolidayKind,
    SchoolSeason,
)

DEFAULT_MAJOR_EVENT_VISITORS = 10_000
LONG_RUNNING_DAYS = 14
MAX_PROPOSAL_DAYS = 31


class BookingKind(StrEnum):
    EVENT = "event"
    HOLD = "hold"


class ConflictCode(StrEnum):
    BLOCKED = "blocked"
    VENUE_TAKEN = "venue_taken"
    MAJOR_EVENT = "major_event"
    BUSY_CITY = "busy_city"
    SCHOOL_HOLIDAY = "school_holiday"
    PUBLIC_HOLIDAY = "public_holiday"


class ProposalProblem(StrEnum):
    IN_PAST = "in_past"
    END_BEFORE_START = "end_before_start"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    TOO_LONG = "too_long"
    EMPTY_WINDOW = "empty_window"
    BAD_COUNT = "bad_count"
    BAD_VISITORS = "bad_visitors"


class ProposalError(ValueError):
    """A proposal or search window that cannot be assessed; ``problem`` says why."""

    def __init__(self, problem: ProposalProblem, field_name: str) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.field_name = field_name


@dataclass(frozen=True, slots=True)
class Booking:
    """Something occupying days: an event's occurrence(s) or a member's hold.

    Several bookings may share one ``ref`` (the occurrences of one event); the radar reports
    each ``ref`` once.
    """

    ref: str
    kind: BookingKind
    title: str
    start: date
    end: date
    municipality: str
    venue: str | None = None
    organisation: str | None = None
    categories: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    expected_visitors: int = 0
    flagged_major: bool = False

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class BlockedPeriod:
    """A Sperrtermin: no major event should be planned here (``municipality`` None: region)."""

    ref: str
    start: date
    end: date
    reason: str
    municipality: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    start: date
    end: date
    municipality: str
    venue: str | None = None
    organisation: str | None = None
    categories: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    expected_visitors: int = 0
    ignore_refs: frozenset[str] = frozenset()

    def moved_to(self, start: date, days: int) -> Proposal:
        return Proposal(
            start=start,
            end=start + timedelta(days=days - 1),
            municipality=self.municipality,
            venue=self.venue,
            organisation=self.organisation,
            categories=self.categories,
            audiences=self.audiences,
            expected_visitors=self.expected_visitors,
            ignore_refs=self.ignore_refs,
        )


@dataclass(frozen=True, slots=True)
class Conflict:
    """One reason why a date is worse; the caller renders ``code`` + facts as a sentence."""

    code: ConflictCode
    penalty: int
    start: date
    end: date
    title: str = ""
    ref: str | None = None
    kind: BookingKind | None = None
    municipality: str | None = None
    organisation: str | None = None
    same_municipality: bool = False
    shared_categories: tuple[str, ...] = ()
    shared_audiences: tuple[str, ...] = ()
    expected_visitors: int = 0
    count: int = 0
    holiday: Holiday | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    proposal: Proposal
    conflicts: tuple[Conflict, ...]

    @property
    def penalty(self) -> int:
        return sum(c.penalty for c in self.conflicts)

    @property
    def score(self) -> int:
        return max(0, 100 - self.penalty)


@dataclass(frozen=True)
class Policy:
    major_event_visitors: int = DEFAULT_MAJOR_EVENT_VISITORS

    def is_major(self, visitors: int, flagged: bool = False) -> bool:
        return flagged or visitors >= self.major_event_visitors


@dataclass
class ClashContext:
    """Everything already planned, indexed by day for fast look-ups."""

    bookings: Iterable[Booking]
    blocked: Iterable[BlockedPeriod] = ()
    holidays: HolidayCalendar | None = None
    municipalities: frozenset[str] = frozenset()
    _all: list[Booking] = field(init=False, repr=False)
    _by_day: dict[date, list[Booking]] = field(init=False, repr=False)
    _blocked: tuple[BlockedPeriod, ...] = field(init=False, repr=False)
    _holidays_by_year: dict[int, list[Holiday]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_day: dict[date, list[Booking]] = defaultdict(list)
        one_day = timedelta(days=1)
        self._all = list(self.bookings)
        for booking in self._all:
            day = booking.start
            while day <= booking.end:
                by_day[day].append(booking)
                day += one_day
        self._by_day = dict(by_day)
        self._blocked = tuple(self.blocked)
        self._holidays_by_year = {}

    def all_bookings(self) -> list[Booking]:
        return self._all

    def bookings_on(self, day: date) -> list[Booking]:
        return self._by_day.get(day, [])

    def blocked_between(self, start: date, end: date) -> list[BlockedPeriod]:
        return [b for b in self._blocked if b.start <= end and b.end >= start]

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        if self.holidays is None:
            return []
        found: dict[tuple[str, date], Holiday] = {}
        for year in range(start.year, end.year + 1):
            if year not in self._holidays_by_year:
                self._holidays_by_year[year] = self.holidays.holidays_between(
                    date(year, 1, 1), date(year, 12, 31)
                )
            for holiday in self._holidays_by_year[year]:
                if holiday.start <= end and holiday.end >= start:
                    found[(holiday.key, holiday.start)] = holiday
        return sorted(found.values(), key=lambda h: (h.start, h.kind, h.key))

    def narrowed(self, start: date, end: date, keep: Iterable[Booking]) -> ClashContext:
        """A smaller context with only ``keep`` (used by the suggestion search)."""
        return ClashContext(
            bookings=list(keep),
            blocked=self.blocked_between(start, end),
            holidays=self.holidays,
            municipalities=self.municipalities,
        )


def validate_proposal(proposal: Proposal, context: ClashContext, *, today: date) -> None:
    if proposal.end < proposal.start:
        raise ProposalError(ProposalProblem.END_BEFORE_START, "end")
    if proposal.start < today:
        raise ProposalError(ProposalProblem.IN_PAST, "start")
    if (proposal.end - proposal.start).days + 1 > MAX_PROPOSAL_DAYS:
        raise ProposalError(ProposalProblem.TOO_LONG, "end")
    validate_template(proposal, context)


def validate_template(proposal: Proposal, context: ClashContext) -> None:
    if context.municipalities and proposal.municipality not in context.municipalities:
        raise ProposalError(ProposalProblem.UNKNOWN_MUNICIPALITY, "municipality")
    if proposal.expected_visitors < 0:
        raise ProposalError(ProposalProblem.BAD_VISITORS, "visitors")


def assess(
    proposal: Proposal, context: ClashContext, *, today: date, policy: Policy | None = None
) -> Assessment:
    """Every conflict of ``proposal``, worst first. Raises :class:`ProposalError`."""
    validate_proposal(proposal, context, today=today)
    return assess_unchecked(proposal, context, policy or Policy())


def assess_unchecked(proposal: Proposal, context: ClashContext, policy: Policy) -> Assessment:
    conflicts: list[Conflict] = []
    conflicts.extend(_blocked_conflicts(proposal, context))
    conflicts.extend(_booking_conflicts(proposal, context, policy))
    conflicts.extend(_holiday_conflicts(proposal, context))
    conflicts.sort(key=lambda c: (-c.penalty, c.start, c.title))
    return Assessment(proposal=proposal, conflicts=tuple(conflicts))


def _blocked_conflicts(proposal: Proposal, context: ClashContext) -> Iterable[Conflict]:
    for blocked in context.blocked_between(proposal.start, proposal.end):
        if blocked.municipality in (None, proposal.municipality):
            yield Conflict(
                code=ConflictCode.BLOCKED,
                penalty=100,
                start=max(blocked.start, proposal.start),
                end=min(blocked.end, proposal.end),
                title=blocked.reason,
                ref=blocked.ref,
                municipality=blocked.municipality,
                same_municipality=blocked.municipality == proposal.municipality,
            )


def _overlapping_bookings(proposal: Proposal, context: ClashContext) -> dict[str, list[Booking]]:
    found: dict[str, list[Booking]] = {}
    day = proposal.start
    while day <= proposal.end:
        for booking in context.bookings_on(day):
            if booking.ref not in proposal.ignore_refs:
                found.setdefault(booking.ref, []).append(booking)
        day += timedelta(days=1)
    return found


def _gravity(booking: Booking, proposal: Proposal, policy: Policy) -> tuple[int, ...]:
    short = booking.length <= LONG_RUNNING_DAYS
    major = short and policy.is_major(booking.expected_visitors, booking.flagged_major)
    return (
        proposal.venue is not None and booking.venue == proposal.venue,
        major,
        (booking.expected_visitors or 0) if major else 0,
        short and booking.municipality == proposal.municipality,
        short and bool(booking.categories & proposal.categories),
        short,
    )


def _booking_conflicts(
    proposal: Proposal, context: ClashContext, policy: Policy
) -> Iterable[Conflict]:
    busy: list[Booking] = []
    for group in _overlapping_bookings(proposal, context).values():
        # the dates of one event should agree; where they do not, the gravest one speaks
        # for the event, so that a further date can never make a proposal look better
        booking = max(group, key=lambda b: _gravity(b, proposal, policy))
        if len(group) == 1:
            start, end = max(proposal.start, booking.start), min(proposal.end, booking.end)
        else:
            start = max(proposal.start, min(b.start for b in group))
            end = min(proposal.end, max(b.end for b in group))
        if proposal.venue is not None and booking.venue == proposal.venue:
            yield _conflict(ConflictCode.VENUE_TAKEN, 60, booking, proposal, start, end)
        elif booking.length > LONG_RUNNING_DAYS:
            continue
        elif policy.is_major(booking.expected_visitors, booking.flagged_major):
            penalty = _major_penalty(booking, proposal, policy)
            yield _conflict(ConflictCode.MAJOR_EVENT, penalty, booking, proposal, start, end)
        elif (
            booking.municipality == proposal.municipality
            and booking.categories & proposal.categories
        ):
            busy.append(booking)
    if busy:
        yield Conflict(
            code=ConflictCode.BUSY_CITY,
            penalty=min(15, 3 * len(busy)),
            start=max(proposal.start, min(b.start for b in busy)),
            end=min(proposal.end, max(b.end for b in busy)),
            municipality=proposal.municipality,
            same_municipality=True,
            shared_categories=tuple(
                sorted(set().union(*(b.categories for b in busy)) & proposal.categories)
            ),
            count=len(busy),
        )


def _major_penalty(booking: Booking, proposal: Proposal, policy: Policy) -> int:
    size = max(booking.expected_visitors, policy.major_event_visitors)
    points = min(50.0, 10.0 * size / policy.major_event_visitors)
    if booking.municipality == proposal.municipality:
        points *= 2
    if booking.categories & proposal.categories:
        points += 10
    if booking.audiences & proposal.audiences:
        points += 5
    if not policy.is_major(proposal.expected_visitors):
        points /= 2
    return round(points)


def _conflict(
    code: ConflictCode, penalty: int, booking: Booking, proposal: Proposal, start: date, end: date
) -> Conflict:
    return Conflict(
        code=code,
        penalty=penalty,
        start=start,
        end=end,
        title=booking.title,
        ref=booking.ref,
        kind=booking.kind,
        municipality=booking.municipality,
        organisation=booking.organisation,
        same_municipality=booking.municipality == proposal.municipality,
        shared_categories=tuple(sorted(booking.categories & proposal.categories)),
        shared_audiences=tuple(sorted(booking.audiences & proposal.audiences)),
        expected_visitors=booking.expected_visitors,
    )


HOLIDAY_PENALTIES: Mapping[SchoolSeason | None, int] = {
    None: 5,
    SchoolSeason.SUMMER: 20,
    SchoolSeason.SCHOOL_FREE_DAY: 3,
}
OTHER_SCHOOL_HOLIDAY_PENALTY = 8


def _holiday_conflicts(proposal: Proposal, context: ClashContext) -> Iterable[Conflict]:
    for holiday in context.holidays_between(proposal.start, proposal.end):
        penalty = HOLIDAY_PENALTIES.get(holiday.season, OTHER_SCHOOL_HOLIDAY_PENALTY)
        is_public = holiday.kind == HolidayKind.PUBLIC
        yield Conflict(
            code=ConflictCode.PUBLIC_HOLIDAY if is_public else ConflictCode.SCHOOL_HOLIDAY,
            penalty=penalty,
            start=max(holiday.start, proposal.start),
            end=min(holiday.end, proposal.end),
            title=holiday.name_de,
            holiday=holiday,
        )
