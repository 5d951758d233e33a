from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import icalendar
import pytest

from impulsregion.calendar.domain.ical_export import FeedEvent, escape, fold, serialise
from impulsregion.calendar.domain.matching import (
    Candidate,
    content_hash,
    duplicate_score,
    place_key,
)
from impulsregion.calendar.domain.periods import month_cells, month_grid, named_period
from impulsregion.calendar.domain.sanitize import clean_html, description_html
from impulsregion.calendar.domain.types import BERLIN, EventData, Span

pytestmark = pytest.mark.domain

START = datetime(2026, 10, 25, 19, 0, tzinfo=BERLIN)


def test_content_hash_is_stable_and_sensitive() -> None:
    event = EventData(external_id="1", title_de="Konzert", spans=(Span(START),))

    assert content_hash(event) == content_hash(
        EventData(external_id="1", title_de="Konzert", spans=(Span(START),))
    )
    assert content_hash(event) != content_hash(
        EventData(external_id="1", title_de="Konzert!", spans=(Span(START),))
    )


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        pytest.param(
            Candidate(
                "Kulturarena: Konzert der Band X", (START + timedelta(minutes=15),), "", "16053000"
            ),
            Decimal("0.667"),
            id="same-town-similar-title",
        ),
        pytest.param(
            Candidate("Konzert Band X", (START,), "07745:theate", "16053000"),
            Decimal("1.000"),
            id="same-place",
        ),
        pytest.param(
            Candidate("Konzert Band X", (START + timedelta(hours=2),), "", "16053000"),
            Decimal("0.000"),
            id="other-time",
        ),
        pytest.param(
            Candidate("Konzert Band X", (START,), "", "16051000"), Decimal("0.000"), id="other-town"
        ),
    ],
)
def test_duplicate_score(other: Candidate, expected: Decimal) -> None:
    event = Candidate("Konzert: Band X", (START,), "07745:theate", "16053000")

    assert duplicate_score(event, other) == expected


def test_place_key_ignores_case_and_accents() -> None:
    assert place_key("Theaterhaus JENA", "07743") == place_key("theaterhaus jena", "07743")


def test_feed_parses_in_icalendar_and_keeps_local_time_and_cancellation() -> None:
    event = FeedEvent(
        uid="event-1@impulsregion.de",
        sequence=3,
        modified=START,
        summary="Konzert; mit, Komma",
        spans=(
            Span(START, START + timedelta(hours=2)),
            Span(START + timedelta(days=7), all_day=True),
        ),
        description="Zeile 1\nZeile 2 " + "ä" * 80,
        cancelled=True,
        categories=("music",),
        geo=(Decimal("50.9"), Decimal("11.6")),
    )

    data = serialise([event], name="Kulturkalender", now=datetime(2026, 1, 1, tzinfo=UTC))
    calendar = icalendar.Calendar.from_ical(data)
    first, second = calendar.walk("VEVENT")

    assert first["DTSTART"].dt == START
    assert str(first["SUMMARY"]) == "Konzert; mit, Komma"
    assert str(first["STATUS"]) == "CANCELLED"
    assert int(first["SEQUENCE"]) == 3
    assert second["DTSTART"].dt.isoformat() == "2026-11-01"
    assert first["UID"] != second["UID"]
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))


def test_escape_and_fold() -> None:
    assert escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape("a\r\nb\rc\u2028d\x85e\x0cf\x1eg") == "a\\nb\\nc\\nd\\ne\\nf\\ng"
    assert escape("a\x00b\x01c\x1bd\x7fe\tf") == "abcde\tf"
    assert fold("x" * 80) == "x" * 75 + "\r\n " + "x" * 5


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        pytest.param("today", "2026-11-25", "2026-11-25", id="today"),
        pytest.param("weekend", "2026-11-27", "2026-11-29", id="weekend-from-wednesday"),
        pytest.param("week", "2026-11-25", "2026-12-01", id="week"),
    ],
)
def test_named_periods(name: str, first: str, last: str) -> None:
    period = named_period(name, datetime(2026, 11, 25, 10, tzinfo=BERLIN))

    assert period is not None
    assert (period[0].isoformat(), period[1].isoformat()) == (first, last)


def test_weekend_on_a_sunday_is_just_today() -> None:
    period = named_period("weekend", datetime(2026, 11, 29, 10, tzinfo=BERLIN))

    assert period is not None
    assert (period[0].isoformat(), period[1].isoformat()) == ("2026-11-29", "2026-11-29")
    assert named_period("someday", START) is None


def test_month_grid_starts_on_monday() -> None:
    weeks = month_grid(2026, 2)

    assert weeks[0][:6] == [None] * 6
    assert weeks[0][6].isoformat() == "2026-02-01"
    assert len(weeks) == 5


def test_month_cells_show_each_days_first_dates_and_count_them_all() -> None:
    october = (datetime(2026, 10, 1).date(), datetime(2026, 10, 31).date())

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 10, day, hour, tzinfo=BERLIN)

    exhibition = (at(29, 0), datetime(2026, 11, 3, tzinfo=BERLIN), True, 1, 101)  # all day
    running = (datetime(2026, 9, 30, 18, tzinfo=BERLIN), at(1, 2), False, 2, 102)
    # 25 October (clock change): 23:30 UTC on the 24th is already the 25th in Berlin
    late = (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), None, False, 3, 103)
    # the 29th: five timed dates, two of them shown, and the exhibition before them
    timed = [late, (at(29, 18), None, False, 4, 104), (at(29, 19), None, False, 5, 105)]

    cells = month_cells(
        [exhibition, running],
        timed,
        {october[0].replace(day=25): 1, october[0].replace(day=29): 5},
        *october,
        shown=3,
    )

    assert cells[october[0]] == ([102], 1)
    assert cells[october[0].replace(day=25)] == ([103], 1)
    assert cells[october[0].replace(day=29)] == ([101, 104, 105], 6)
    assert cells[october[1]] == ([101], 1)  # the exhibition goes on into November
    assert set(cells) == {october[0].replace(day=d) for d in (1, 25, 29, 30, 31)}


@pytest.mark.parametrize(
    "dirty",
    [
        pytest.param('<img src=x onerror="alert(1)">', id="event-handler"),
        pytest.param('<a href="javascript:alert(1)">x</a>', id="javascript-url"),
        pytest.param("<script>alert(1)</script>", id="script"),
        pytest.param('<a href="JaVaScRiPt:alert(1)">x</a>', id="mixed-case-scheme"),
    ],
)
def test_sanitiser_removes_active_content(dirty: str) -> None:
    cleaned = clean_html(dirty) + description_html(dirty)

    assert (
        "alert" not in cleaned.replace("&lt;", "<").split("<script>")[0]
        or "<script>" not in cleaned
    )
    assert "onerror" not in cleaned
    assert "javascript:" not in cleaned.lower()
    assert "<script" not in cleaned
