"""Free-date suggestions: the *k* best date ranges of a given length inside a window.

Every start day in the window whose whole range fits (optionally only on given weekdays, e.g.
Saturdays) is a candidate and is scored with the clash radar. The best candidates are taken
greedily so that no two suggestions overlap (ten near-identical neighbours would help nobody);
ties go to the earlier date. Before scoring, the bookings in the window are narrowed to those
that can matter for this proposal (same venue, major events, same municipality and category),
so a whole year is searched in one pass over the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from impulsregion.planning.domain.clashes import (
    LONG_RUNNING_DAYS,
    MAX_PROPOSAL_DAYS,
    Assessment,
    Booking,
    ClashContext,
    Policy,
    Proposal,
    ProposalError,
    ProposalProblem,
    assess_unchecked,
    validate_template,
)

MAX_SUGGESTIONS = 50
MAX_WINDOW_DAYS = 731


@dataclass(frozen=True, slots=True)
class SearchWindow:
    start: date
    end: date
    days: int
    weekdays: frozenset[int] | None = None  # 0 = Monday … 6 = Sunday; None: any start day

    def candidate_starts(self) -> list[date]:
        last_start = self.end - timedelta(days=self.days - 1)
        starts = []
        day = self.start
        while day <= last_start:
            if self.weekdays is None or day.weekday() in self.weekdays:
                starts.append(day)
            day += timedelta(days=1)
        return starts


def validate_window(window: SearchWindow, count: int, *, today: date) -> None:
    if window.end < window.start:
        raise ProposalError(ProposalProblem.END_BEFORE_START, "to")
    if window.start < today:
        raise ProposalError(ProposalProblem.IN_PAST, "from")
    if window.days < 1 or window.days > MAX_PROPOSAL_DAYS:
        raise ProposalError(ProposalProblem.TOO_LONG, "days")
    if (window.end - window.start).days + 1 > MAX_WINDOW_DAYS:
        raise ProposalError(ProposalProblem.TOO_LONG, "to")
    if not 1 <= count <= MAX_SUGGESTIONS:
        raise ProposalError(ProposalProblem.BAD_COUNT, "count")
    if not window.candidate_starts():
        raise ProposalError(ProposalProblem.EMPTY_WINDOW, "to")


def suggest_dates(
    template: Proposal,
    window: SearchWindow,
    context: ClashContext,
    *,
    today: date,
    count: int = 5,
    policy: Policy | None = None,
) -> list[Assessment]:
    """The ``count`` best non-overlapping ranges in ``window``, best first.

    ``template`` supplies municipality, venue, categories, audiences and visitors; its dates
    are ignored. Raises :class:`ProposalError` for a window in the past, reversed, empty or
    too long, or an unknown municipality.
    """
    validate_window(window, count, today=today)
    validate_template(template, context)
    policy = policy or Policy()
    narrowed = context.narrowed(
        window.start, window.end, _relevant(template, context, window, policy)
    )
    candidates = [
        assess_unchecked(template.moved_to(start, window.days), narrowed, policy)
        for start in window.candidate_starts()
    ]
    candidates.sort(key=lambda a: (-a.score, a.penalty, a.proposal.start))
    return _pick_non_overlapping(candidates, count)


def _relevant(
    template: Proposal, context: ClashContext, window: SearchWindow, policy: Policy
) -> list[Booking]:
    """Bookings in the window that can matter for ``template`` (one pass, no per-day work)."""
    first, last = window.start, window.end
    venue, town, categories = template.venue, template.municipality, template.categories
    threshold = policy.major_event_visitors
    long_running = timedelta(days=LONG_RUNNING_DAYS - 1)
    return [
        b
        for b in context.all_bookings()
        if b.start <= last
        and b.end >= first
        and (
            (venue is not None and b.venue == venue)
            or (
                b.end - b.start <= long_running
                and (
                    b.flagged_major
                    or b.expected_visitors >= threshold
                    or (b.municipality == town and not b.categories.isdisjoint(categories))
                )
            )
        )
    ]


def _pick_non_overlapping(candidates: list[Assessment], count: int) -> list[Assessment]:
    picked: list[Assessment] = []
    for candidate in candidates:
        proposal = candidate.proposal
        if all(proposal.end < p.proposal.start or proposal.start > p.proposal.end for p in picked):
            picked.append(candidate)
            if len(picked) == count:
                break
    return picked
