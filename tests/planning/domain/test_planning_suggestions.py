import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsregion.common.domain.holidays import load_holidays
from impulsregion.planning.domain.clashes import (
    Booking,
    BookingKind,
    ClashContext,
    ConflictCode,
    Proposal,
    ProposalError,
    ProposalProblem,
)
from impulsregion.planning.domain.suggestions import SearchWindow, suggest_dates

pytestmark = pytest.mark.domain

TODAY = date(2026, 11, 24)
SATURDAY = 5
TEMPLATE = Proposal(start=TODAY, end=TODAY, municipality="weimar", expected_visitors=20_000)


def ctx(*bookings: Booking) -> ClashContext:
    return ClashContext(
        bookings=bookings,
        holidays=load_holidays(),
        municipalities=frozenset({"weimar", "erfurt", "jena"}),
    )


def major(start: date, days: int = 2, municipality: str = "erfurt") -> Booking:
    return Booking(
        ref=f"event:{start.isoformat()}",
        kind=BookingKind.EVENT,
        title="Krämerbrückenfest",
        start=start,
        end=start + timedelta(days=days - 1),
        municipality=municipality,
        expected_visitors=100_000,
    )


def test_suggestions_avoid_summer_holidays_and_major_events() -> None:
    window = SearchWindow(
        date(2027, 6, 1), date(2027, 7, 31), days=2, weekdays=frozenset({SATURDAY})
    )
    taken = [major(date(2027, 6, 19)), major(date(2027, 6, 26))]

    result = suggest_dates(TEMPLATE, window, ctx(*taken), today=TODAY, count=5)

    assert [(a.proposal.start, a.score) for a in result] == [
        (date(2027, 6, 5), 100),
        (date(2027, 6, 12), 100),
        (date(2027, 7, 3), 100),
        (date(2027, 7, 10), 80),
        (date(2027, 7, 17), 80),
    ]
    assert [c.code for c in result[3].conflicts] == [ConflictCode.SCHOOL_HOLIDAY]


def test_suggestions_do_not_overlap_each_other() -> None:
    window = SearchWindow(date(2027, 9, 1), date(2027, 9, 30), days=3)
    result = suggest_dates(TEMPLATE, window, ctx(), today=TODAY, count=4)
    starts = [a.proposal.start for a in result]
    assert starts == [date(2027, 9, 1), date(2027, 9, 4), date(2027, 9, 7), date(2027, 9, 10)]


def test_small_events_elsewhere_do_not_matter_but_same_venue_does() -> None:
    window = SearchWindow(date(2027, 9, 6), date(2027, 9, 7), days=1)
    small = Booking(
        "event:1",
        BookingKind.EVENT,
        "Lesung",
        date(2027, 9, 6),
        date(2027, 9, 6),
        "weimar",
        venue="dnt",
    )
    template = Proposal(TODAY, TODAY, "weimar", venue="dnt", expected_visitors=500)

    result = suggest_dates(template, window, ctx(small), today=TODAY, count=2)

    assert [(a.proposal.start, a.score) for a in result] == [
        (date(2027, 9, 7), 100),
        (date(2027, 9, 6), 40),
    ]


@pytest.mark.parametrize(
    ("window", "count", "template", "problem", "field"),
    [
        pytest.param(
            SearchWindow(date(2026, 11, 1), date(2026, 12, 31), 2),
            5,
            TEMPLATE,
            ProposalProblem.IN_PAST,
            "from",
            id="past",
        ),
        pytest.param(
            SearchWindow(date(2027, 7, 31), date(2027, 6, 1), 2),
            5,
            TEMPLATE,
            ProposalProblem.END_BEFORE_START,
            "to",
            id="reversed",
        ),
        pytest.param(
            SearchWindow(date(2027, 6, 1), date(2027, 6, 1), 2),
            5,
            TEMPLATE,
            ProposalProblem.EMPTY_WINDOW,
            "to",
            id="shorter-than-days",
        ),
        pytest.param(
            SearchWindow(date(2027, 6, 7), date(2027, 6, 10), 1, frozenset({SATURDAY})),
            5,
            TEMPLATE,
            ProposalProblem.EMPTY_WINDOW,
            "to",
            id="no-saturday",
        ),
        pytest.param(
            SearchWindow(date(2027, 6, 1), date(2027, 6, 30), 0),
            5,
            TEMPLATE,
            ProposalProblem.TOO_LONG,
            "days",
            id="zero-days",
        ),
        pytest.param(
            SearchWindow(date(2027, 1, 1), date(2029, 6, 30), 2),
            5,
            TEMPLATE,
            ProposalProblem.TOO_LONG,
            "to",
            id="window-over-two-years",
        ),
        pytest.param(
            SearchWindow(date(2027, 6, 1), date(2027, 6, 30), 2),
            0,
            TEMPLATE,
            ProposalProblem.BAD_COUNT,
            "count",
            id="zero-count",
        ),
        pytest.param(
            SearchWindow(date(2027, 6, 1), date(2027, 6, 30), 2),
            5,
            Proposal(TODAY, TODAY, "gotha"),
            ProposalProblem.UNKNOWN_MUNICIPALITY,
            "municipality",
            id="unknown-city",
        ),
    ],
)
def test_bad_windows_are_rejected(
    window: SearchWindow, count: int, template: Proposal, problem: ProposalProblem, field: str
) -> None:
    with pytest.raises(ProposalError) as info:
        suggest_dates(template, window, ctx(), today=TODAY, count=count)
    assert (info.value.problem, info.value.field_name) == (problem, field)


@settings(max_examples=30, deadline=None)
@given(
    starts=st.lists(st.dates(date(2027, 5, 1), date(2027, 8, 31)), max_size=15),
    days=st.integers(1, 4),
    count=st.integers(1, 6),
)
def test_suggestions_are_sorted_inside_window_and_disjoint(
    starts: list[date], days: int, count: int
) -> None:
    window = SearchWindow(date(2027, 6, 1), date(2027, 7, 31), days=days)
    result = suggest_dates(
        TEMPLATE, window, ctx(*(major(s) for s in starts)), today=TODAY, count=count
    )

    assert len(result) == count
    assert [a.score for a in result] == sorted((a.score for a in result), reverse=True)
    for a in result:
        assert window.start <= a.proposal.start <= a.proposal.end <= window.end
        assert (a.proposal.end - a.proposal.start).days + 1 == days
    spans = sorted((a.proposal.start, a.proposal.end) for a in result)
    assert all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(spans))
