"""The event form's recurring rule expanded by `recurrence.series_dates`, the days typed as
exceptions, and the municipality of a typed address."""

from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.domain.recurrence import (
    SeriesProblem,
    SeriesRule,
    parse_days,
    series_dates,
)
from impulsregion.calendar.domain.region import (
    ERFURT,
    JENA,
    SAALE_HOLZLAND,
    WEIMAR,
    WEIMARER_LAND,
    in_thuringia,
    municipality_of_address,
)
from impulsregion.calendar.domain.types import BERLIN

pytestmark = [pytest.mark.domain]

EVENING = {"start_time": dt.time(19, 30), "end_time": dt.time(21)}


def _starts(rule: SeriesRule) -> list[str]:
    return [f"{s.start:%a %Y-%m-%d %H:%M}" for s in series_dates(rule, BERLIN).spans]


@pytest.mark.parametrize(
    ("rule", "starts"),
    [
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 3, 1), weekdays=(1, 3), count=4, **EVENING),
            [
                "Tue 2027-03-02 19:30",
                "Thu 2027-03-04 19:30",
                "Tue 2027-03-09 19:30",
                "Thu 2027-03-11 19:30",
            ],
            id="weekly-tuesday-thursday-count",
        ),
        pytest.param(
            SeriesRule(
                "monthly_weekday",
                dt.date(2027, 1, 1),
                weekdays=(6,),
                week_of_month=4,
                until=dt.date(2027, 4, 30),
                **EVENING,
            ),
            [
                "Sun 2027-01-24 19:30",
                "Sun 2027-02-28 19:30",
                "Sun 2027-03-28 19:30",
                "Sun 2027-04-25 19:30",
            ],
            id="every-fourth-sunday",
        ),
        pytest.param(
            SeriesRule(
                "monthly_weekday",
                dt.date(2027, 1, 1),
                weekdays=(4,),
                week_of_month=-1,
                count=2,
                **EVENING,
            ),
            ["Fri 2027-01-29 19:30", "Fri 2027-02-26 19:30"],
            id="last-friday",
        ),
        pytest.param(
            SeriesRule("monthly_day", dt.date(2027, 1, 1), month_day=31, count=3, **EVENING),
            ["Sun 2027-01-31 19:30", "Wed 2027-03-31 19:30", "Mon 2027-05-31 19:30"],
            id="day-31-skips-short-months",
        ),
        pytest.param(
            SeriesRule(
                "weekly",
                dt.date(2027, 3, 1),
                weekdays=(0,),
                interval=2,
                count=3,
                exceptions=(dt.date(2027, 3, 15),),
                **EVENING,
            ),
            ["Mon 2027-03-01 19:30", "Mon 2027-03-29 19:30"],
            id="every-other-week-one-left-out-counted",
        ),
    ],
)
def test_a_rule_makes_its_dates(rule: SeriesRule, starts: list[str]) -> None:
    assert _starts(rule) == starts


def test_the_wall_clock_time_stays_across_the_change_to_summer_time() -> None:
    rule = SeriesRule("weekly", dt.date(2027, 3, 22), weekdays=(0,), count=2, **EVENING)

    spans = series_dates(rule, BERLIN).spans

    assert [s.start.utcoffset() for s in spans] == [dt.timedelta(hours=1), dt.timedelta(hours=2)]
    assert {s.start.strftime("%H:%M") for s in spans} == {"19:30"}


def test_an_overnight_and_an_all_day_rule() -> None:
    night = SeriesRule(
        "weekly",
        dt.date(2027, 3, 5),
        weekdays=(4,),
        count=1,
        start_time=dt.time(22),
        end_time=dt.time(2),
    )
    days = SeriesRule("weekly", dt.date(2027, 3, 5), weekdays=(5,), count=1, all_day=True)

    (span,) = series_dates(night, BERLIN).spans
    (whole,) = series_dates(days, BERLIN).spans

    assert (span.start.day, span.end.day, span.end.hour) == (5, 6, 2)
    assert (whole.start.hour, whole.end - whole.start, whole.all_day) == (
        0,
        dt.timedelta(days=1),
        True,
    )


def test_the_exceptions_that_left_a_date_out_are_named() -> None:
    rule = SeriesRule(
        "weekly",
        dt.date(2027, 3, 1),
        weekdays=(0,),
        count=2,
        exceptions=(dt.date(2027, 3, 8), dt.date(2027, 3, 9)),
        **EVENING,
    )

    assert series_dates(rule, BERLIN).left_out == (dt.date(2027, 3, 8),)


@pytest.mark.parametrize(
    ("rule", "code", "field"),
    [
        pytest.param(SeriesRule("daily", dt.date(2027, 1, 1)), "unknown-kind", "kind", id="kind"),
        pytest.param(
            SeriesRule(
                "weekly", dt.date(2027, 1, 1), weekdays=(0,), count=1, interval=13, **EVENING
            ),
            "bad-interval",
            "interval",
            id="interval",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 1, 1), count=1, **EVENING),
            "no-weekday",
            "weekdays",
            id="no-weekday",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 1, 1), weekdays=(7,), count=1, **EVENING),
            "no-weekday",
            "weekdays",
            id="weekday-eight",
        ),
        pytest.param(
            SeriesRule("monthly_weekday", dt.date(2027, 1, 1), weekdays=(6,), count=1, **EVENING),
            "no-week-of-month",
            "week_of_month",
            id="no-week-of-month",
        ),
        pytest.param(
            SeriesRule("monthly_day", dt.date(2027, 1, 1), month_day=32, count=1, **EVENING),
            "no-month-day",
            "month_day",
            id="day-32",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 1, 1), weekdays=(0,), count=1),
            "no-start-time",
            "start_time",
            id="no-time",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 1, 1), weekdays=(0,), **EVENING),
            "no-end",
            "until",
            id="no-end",
        ),
        pytest.param(
            SeriesRule(
                "weekly",
                dt.date(2027, 1, 1),
                weekdays=(0,),
                count=2,
                until=dt.date(2027, 2, 1),
                **EVENING,
            ),
            "both-ends",
            "count",
            id="both-ends",
        ),
        pytest.param(
            SeriesRule(
                "weekly", dt.date(2027, 1, 1), weekdays=(0,), until=dt.date(2026, 1, 1), **EVENING
            ),
            "until-before-first",
            "until",
            id="until-before-first",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(2027, 1, 1), weekdays=(0,), count=401, **EVENING),
            "too-many",
            "count",
            id="count-over-cap",
        ),
        pytest.param(
            SeriesRule(
                "weekly",
                dt.date(2027, 1, 1),
                weekdays=tuple(range(7)),
                until=dt.date(2029, 1, 1),
                **EVENING,
            ),
            "too-many",
            "until",
            id="until-over-cap",
        ),
        pytest.param(
            SeriesRule("weekly", dt.date(9990, 1, 1), weekdays=(0,), count=1, **EVENING),
            "out-of-years",
            "first",
            id="year-9990",
        ),
        pytest.param(
            SeriesRule(
                "weekly",
                dt.date(2027, 1, 4),
                weekdays=(0,),
                count=1,
                exceptions=(dt.date(2027, 1, 4),),
                **EVENING,
            ),
            "no-dates",
            "first",
            id="everything-left-out",
        ),
    ],
)
def test_a_rule_that_makes_no_series_names_the_part_to_correct(
    rule: SeriesRule, code: str, field: str
) -> None:
    with pytest.raises(SeriesProblem) as problem:
        series_dates(rule, BERLIN)

    assert (problem.value.code, problem.value.field) == (code, field)


def test_typed_days_german_and_iso_and_what_is_no_day() -> None:
    assert parse_days("24.12.2026, 2027-01-01; 31.02.2026 Heiligabend 1.1.27") == (
        [dt.date(2026, 12, 24), dt.date(2027, 1, 1)],
        ["31.02.2026", "Heiligabend", "1.1.27"],
    )


@pytest.mark.parametrize(
    ("postal_code", "locality", "ags", "problem"),
    [
        pytest.param("99084", "Erfurt", ERFURT, "", id="erfurt"),
        pytest.param("", " jena ", JENA, "", id="town-only-city"),
        pytest.param("", "Apolda", "", "no-postal-code", id="town-only-other"),
        pytest.param("99428", "Weimar", WEIMAR, "", id="shared-city"),
        pytest.param("99428", "Isseroda", WEIMARER_LAND, "", id="shared-district"),
        pytest.param("07751", "Golmsdorf", SAALE_HOLZLAND, "", id="shared-outside-district"),
        pytest.param("80331", "München", "", "outside-region", id="munich"),
        pytest.param("0774", "Jena", "", "bad-postal-code", id="four-digits"),
    ],
)
def test_the_municipality_of_a_typed_address(
    postal_code: str, locality: str, ags: str, problem: str
) -> None:
    found = municipality_of_address(postal_code, locality)

    assert (found.ags, found.problem) == (ags, problem)


def test_positions_in_and_outside_thuringia() -> None:
    assert in_thuringia(50.9271, 11.5836)  # Jena
    assert not in_thuringia(11.5836, 50.9271)  # swapped
    assert not in_thuringia(50.9903, 8.9460)  # Weimar (Lahn), Hesse
