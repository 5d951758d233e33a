"""Rules of the public submission form: dates, the venue's municipality, the rate limit."""

from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.domain.region import JENA, SAALE_HOLZLAND, WEIMAR, WEIMARER_LAND
from impulsregion.calendar.domain.submissions import (
    Limit,
    date_problem,
    over_limit,
    span_of,
    venue_municipality,
)
from impulsregion.calendar.domain.types import BERLIN

pytestmark = pytest.mark.domain

NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=BERLIN)
DAY = dt.date(2026, 6, 20)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        pytest.param(dt.time(19), dt.time(21, 30), 2.5, id="same-evening"),
        pytest.param(dt.time(22), dt.time(2), 4, id="past-midnight"),
        pytest.param(dt.time(20), dt.time(20), 24, id="end-equals-start-is-next-day"),
    ],
)
def test_span_of_ends_after_its_start(start: dt.time, end: dt.time, hours: float) -> None:
    span = span_of(DAY, start, end)

    assert span.start == dt.datetime(2026, 6, 20, start.hour, start.minute, tzinfo=BERLIN)
    assert span.end is not None
    assert (span.end - span.start).total_seconds() == hours * 3600


def test_span_of_without_an_end_has_none() -> None:
    assert span_of(DAY, dt.time(19), None).end is None


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        pytest.param(dt.date(2026, 5, 31), "past", id="yesterday"),
        pytest.param(dt.date(2026, 6, 2), "", id="tomorrow"),
        pytest.param(dt.date(2028, 5, 30), "", id="within-two-years"),
        pytest.param(dt.date(2028, 6, 2), "too-far", id="beyond-two-years"),
    ],
)
def test_date_problem(day: dt.date, problem: str) -> None:
    assert date_problem(span_of(day, dt.time(19), None), NOW) == problem


@pytest.mark.parametrize(
    ("postcode", "town", "ags", "problem"),
    [
        pytest.param("99423", "Weimar", WEIMAR, "", id="city"),
        pytest.param("99428", "Weimar-Gaberndorf", WEIMAR, "", id="shared-code-city"),
        pytest.param("99428", "Nohra", WEIMARER_LAND, "", id="shared-code-district"),
        pytest.param("07751", "Jena-Maua", JENA, "", id="jena-shared-code"),
        pytest.param("07751", "Golmsdorf", SAALE_HOLZLAND, "", id="neighbouring-district"),
        pytest.param("10115", "Berlin", "", "outside-region", id="berlin"),
        pytest.param("", "Weimar", "", "no-postal-code", id="no-code"),
    ],
)
def test_venue_municipality(postcode: str, town: str, ags: str, problem: str) -> None:
    found = venue_municipality(postcode, town)

    assert (found.ags, found.problem) == (ags, problem)


LIMIT = Limit(3, dt.timedelta(hours=1))


def test_under_the_limit_one_may_send() -> None:
    earlier = [NOW - dt.timedelta(minutes=m) for m in (5, 10, 70)]  # one outside the window

    assert over_limit(earlier, LIMIT, NOW) is None


def test_at_the_limit_the_oldest_in_the_window_says_when_again() -> None:
    earlier = [NOW - dt.timedelta(minutes=m) for m in (5, 40, 10, 90)]

    assert over_limit(earlier, LIMIT, NOW) == NOW + dt.timedelta(minutes=20)
