from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsregion.common.domain.holidays import load_holidays
from impulsregion.planning.domain.clashes import (
    BlockedPeriod,
    Booking,
    BookingKind,
    ClashContext,
    ConflictCode,
    Policy,
    Proposal,
    ProposalError,
    ProposalProblem,
    assess,
)

pytestmark = pytest.mark.domain

TODAY = date(2026, 11, 24)
CITIES = frozenset({"erfurt", "weimar", "jena", "weimarer-land"})


def booking(ref: str = "event:1", **kw: object) -> Booking:
    values: dict[str, object] = {
        "kind": BookingKind.EVENT,
        "title": "Festival",
        "start": date(2027, 6, 19),
        "end": date(2027, 6, 20),
        "municipality": "erfurt",
    }
    values.update(kw)
    return Booking(ref=ref, **values)  # type: ignore[arg-type]


def proposal(**kw: object) -> Proposal:
    values: dict[str, object] = {
        "start": date(2027, 6, 19),
        "end": date(2027, 6, 20),
        "municipality": "weimar",
        "expected_visitors": 20_000,
    }
    values.update(kw)
    return Proposal(**values)  # type: ignore[arg-type]


def context(
    *bookings: Booking, blocked: tuple[BlockedPeriod, ...] = (), holidays: bool = False
) -> ClashContext:
    return ClashContext(
        bookings=bookings,
        blocked=blocked,
        holidays=load_holidays() if holidays else None,
        municipalities=CITIES,
    )


def test_planted_clash_erfurt_and_weimar_same_weekend_is_reported_with_reasons() -> None:
    domstufen = booking(
        title="DomStufen-Festspiele",
        expected_visitors=25_000,
        categories=frozenset({"theatre"}),
        audiences=frozenset({"adults"}),
    )

    result = assess(
        proposal(categories=frozenset({"theatre"}), audiences=frozenset({"families"})),
        context(domstufen),
        today=TODAY,
    )

    assert [(c.code, c.title, c.penalty) for c in result.conflicts] == [
        (ConflictCode.MAJOR_EVENT, "DomStufen-Festspiele", 35)
    ]
    conflict = result.conflicts[0]
    assert conflict.municipality == "erfurt"
    assert conflict.same_municipality is False
    assert conflict.shared_categories == ("theatre",)
    assert conflict.shared_audiences == ()
    assert conflict.expected_visitors == 25_000
    assert (conflict.start, conflict.end) == (date(2027, 6, 19), date(2027, 6, 20))
    assert result.score == 65


@pytest.mark.parametrize(
    ("other", "prop", "penalty"),
    [
        pytest.param({"expected_visitors": 10_000}, {}, 10, id="threshold-size-elsewhere"),
        pytest.param({"expected_visitors": 100_000}, {}, 50, id="size-capped-at-50"),
        pytest.param(
            {"expected_visitors": 20_000, "municipality": "weimar"}, {}, 40, id="same-city-doubles"
        ),
        pytest.param(
            {"expected_visitors": 500, "flagged_major": True}, {}, 10, id="flagged-by-office"
        ),
        pytest.param(
            {"expected_visitors": 20_000, "audiences": frozenset({"families"})},
            {"audiences": frozenset({"families"})},
            25,
            id="shared-audience",
        ),
        pytest.param(
            {"expected_visitors": 20_000},
            {"expected_visitors": 300},
            10,
            id="small-proposal-halved",
        ),
    ],
)
def test_major_event_penalty_is_weighted(
    other: dict[str, object], prop: dict[str, object], penalty: int
) -> None:
    result = assess(proposal(**prop), context(booking(**other)), today=TODAY)
    assert [(c.code, c.penalty) for c in result.conflicts] == [(ConflictCode.MAJOR_EVENT, penalty)]


def test_small_events_elsewhere_are_no_conflict() -> None:
    result = assess(proposal(), context(booking(expected_visitors=800)), today=TODAY)
    assert result.conflicts == ()
    assert result.score == 100


def test_same_venue_is_taken_even_for_small_events() -> None:
    result = assess(
        proposal(venue="theater-weimar"),
        context(booking(expected_visitors=300, municipality="weimar", venue="theater-weimar")),
        today=TODAY,
    )
    assert [(c.code, c.penalty) for c in result.conflicts] == [(ConflictCode.VENUE_TAKEN, 60)]


def test_busy_city_counts_same_category_events_once() -> None:
    others = [
        booking(
            f"event:{i}",
            municipality="weimar",
            categories=frozenset({"concert"}),
            expected_visitors=200,
        )
        for i in range(7)
    ]
    result = assess(
        proposal(categories=frozenset({"concert", "jazz"})), context(*others), today=TODAY
    )
    assert [(c.code, c.penalty, c.count, c.shared_categories) for c in result.conflicts] == [
        (ConflictCode.BUSY_CITY, 15, 7, ("concert",))
    ]


def test_occurrences_of_one_event_are_reported_once_over_their_days() -> None:
    days = [
        booking("event:9", start=date(2027, 6, d), end=date(2027, 6, d), expected_visitors=30_000)
        for d in (18, 19, 20, 21)
    ]
    result = assess(proposal(), context(*days), today=TODAY)
    assert [(c.ref, c.start, c.end) for c in result.conflicts] == [
        ("event:9", date(2027, 6, 19), date(2027, 6, 20))
    ]


def test_long_running_exhibition_only_counts_at_its_venue() -> None:
    exhibition = booking(
        start=date(2027, 4, 1), end=date(2027, 10, 31), expected_visitors=80_000, venue="museum"
    )
    assert assess(proposal(), context(exhibition), today=TODAY).conflicts == ()


def test_ignored_refs_exclude_the_event_itself() -> None:
    result = assess(
        proposal(ignore_refs=frozenset({"event:1"})),
        context(booking(expected_visitors=50_000)),
        today=TODAY,
    )
    assert result.conflicts == ()


def test_holds_count_like_events() -> None:
    hold = booking(
        "hold:4",
        kind=BookingKind.HOLD,
        title="Stadtfest (vorgemerkt)",
        expected_visitors=15_000,
        organisation="jena",
    )
    result = assess(proposal(), context(hold), today=TODAY)
    assert [(c.code, c.kind, c.organisation, c.penalty) for c in result.conflicts] == [
        (ConflictCode.MAJOR_EVENT, BookingKind.HOLD, "jena", 15)
    ]


@pytest.mark.parametrize(
    ("municipality", "expected"),
    [
        pytest.param(None, [ConflictCode.BLOCKED], id="region-wide"),
        pytest.param("weimar", [ConflictCode.BLOCKED], id="own-city"),
        pytest.param("jena", [], id="other-city"),
    ],
)
def test_blocked_dates_apply_to_region_or_own_city(
    municipality: str | None, expected: list[ConflictCode]
) -> None:
    blocked = BlockedPeriod(
        "blocked:1", date(2027, 6, 20), date(2027, 6, 20), "Landtagswahl", municipality
    )
    result = assess(proposal(), context(blocked=(blocked,)), today=TODAY)
    assert [c.code for c in result.conflicts] == expected


def test_summer_school_holidays_lower_the_score() -> None:
    ctx = context(holidays=True)
    before = assess(proposal(start=date(2027, 7, 3), end=date(2027, 7, 4)), ctx, today=TODAY)
    during = assess(proposal(start=date(2027, 7, 17), end=date(2027, 7, 18)), ctx, today=TODAY)

    assert before.score == 100
    assert during.score == 80
    assert [(c.code, c.title, c.penalty) for c in during.conflicts] == [
        (ConflictCode.SCHOOL_HOLIDAY, "Sommerferien 2027", 20)
    ]


def test_public_holiday_and_day_off_school_are_hints() -> None:
    result = assess(
        proposal(start=date(2027, 5, 6), end=date(2027, 5, 7)), context(holidays=True), today=TODAY
    )
    assert [(c.code, c.penalty) for c in result.conflicts] == [
        (ConflictCode.PUBLIC_HOLIDAY, 5),
        (ConflictCode.SCHOOL_HOLIDAY, 3),
    ]


def test_higher_threshold_makes_event_ordinary() -> None:
    result = assess(
        proposal(),
        context(booking(expected_visitors=20_000)),
        today=TODAY,
        policy=Policy(major_event_visitors=50_000),
    )
    assert result.conflicts == ()


@pytest.mark.parametrize(
    ("kw", "problem", "field"),
    [
        pytest.param(
            {"start": date(2026, 11, 23), "end": date(2026, 11, 23)},
            ProposalProblem.IN_PAST,
            "start",
            id="past",
        ),
        pytest.param(
            {"start": date(2027, 6, 20), "end": date(2027, 6, 19)},
            ProposalProblem.END_BEFORE_START,
            "end",
            id="reversed",
        ),
        pytest.param(
            {"municipality": "leipzig"},
            ProposalProblem.UNKNOWN_MUNICIPALITY,
            "municipality",
            id="unknown-city",
        ),
        pytest.param({"end": date(2027, 8, 19)}, ProposalProblem.TOO_LONG, "end", id="too-long"),
        pytest.param(
            {"expected_visitors": -1},
            ProposalProblem.BAD_VISITORS,
            "visitors",
            id="negative-visitors",
        ),
    ],
)
def test_bad_proposals_are_rejected_with_a_reason(
    kw: dict[str, object], problem: ProposalProblem, field: str
) -> None:
    with pytest.raises(ProposalError) as info:
        assess(proposal(**kw), context(), today=TODAY)
    assert (info.value.problem, info.value.field_name) == (problem, field)


def test_today_itself_is_allowed() -> None:
    assert assess(proposal(start=TODAY, end=TODAY), context(), today=TODAY).score == 100


bookings_strategy = st.lists(
    st.builds(
        booking,
        ref=st.sampled_from([f"event:{i}" for i in range(6)]),
        start=st.dates(date(2027, 6, 1), date(2027, 6, 30)),
        municipality=st.sampled_from(sorted(CITIES)),
        expected_visitors=st.integers(0, 200_000),
        venue=st.sampled_from([None, "a", "b"]),
        categories=st.frozensets(st.sampled_from(["theatre", "concert"])),
    ).map(lambda b: Booking(**{**{f: getattr(b, f) for f in b.__slots__}, "end": b.start})),
    max_size=25,
)


@given(
    bookings=bookings_strategy,
    start=st.dates(date(2027, 6, 1), date(2027, 6, 30)),
    length=st.integers(1, 5),
)
def test_score_is_bounded_and_adding_a_booking_never_raises_it(
    bookings: list[Booking], start: date, length: int
) -> None:
    prop = proposal(
        start=start,
        end=start + timedelta(days=length - 1),
        venue="a",
        categories=frozenset({"theatre"}),
    )
    fewer = assess(prop, context(*bookings[:-1]), today=TODAY)
    more = assess(prop, context(*bookings), today=TODAY)

    assert 0 <= more.score <= fewer.score <= 100
    assert all(c.penalty > 0 for c in more.conflicts)
    assert len({c.ref for c in more.conflicts if c.ref}) == len(
        [c for c in more.conflicts if c.ref]
    )
