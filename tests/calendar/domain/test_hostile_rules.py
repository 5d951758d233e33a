"""A recurrence rule that never ends in dateutil (#14, point 2): INTERVAL=0 and its kin are a
problem of that one event, found at once, in both readers; the file's other events import."""

from __future__ import annotations

import multiprocessing
import time
from datetime import UTC, datetime

import pytest

from impulsregion.calendar.domain.ical_import import parse_ics
from impulsregion.calendar.domain.recurrence import Rule, expand
from impulsregion.calendar.domain.types import BERLIN, Window

pytestmark = pytest.mark.domain

WINDOW = Window(datetime(2026, 12, 1, tzinfo=UTC), datetime(2028, 12, 1, tzinfo=UTC), 500)


def _calendar(rule: str, *, general: bool) -> bytes:
    extra = ["RDATE;TZID=Europe/Berlin:20270401T200000"] if general else []  # not simple
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hostile//DE",
        "BEGIN:VEVENT",
        "UID:spin@example.org",
        "SUMMARY:Endlosschleife",
        "DTSTART;TZID=Europe/Berlin:20270301T200000",
        f"RRULE:{rule}",
        *extra,
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:good@example.org",
        "SUMMARY:Orgelkonzert",
        "DTSTART;TZID=Europe/Berlin:20270314T200000",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def _parse(data: bytes, answer: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    result = parse_ics(data, window=WINDOW)
    answer.put(
        ([e.external_id for e in result.events], [(p.external_id, p.code) for p in result.problems])
    )


@pytest.mark.parametrize("general", [False, True], ids=["fast reader", "general reader"])
@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=-2",
        "FREQ=DAILY;INTERVAL=x",
        "FREQ=YEARLY;INTERVAL=100000",
    ],
)
def test_a_rule_that_would_never_end_is_that_events_problem(rule: str, general: bool) -> None:
    answer: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    reader = multiprocessing.Process(target=_parse, args=(_calendar(rule, general=general), answer))
    reader.start()
    reader.join(20)
    if reader.is_alive():
        reader.kill()
        pytest.fail(f"reading RRULE:{rule} did not end within 20 s")

    events, problems = answer.get(timeout=5)
    assert events == ["good@example.org"]
    assert len(problems) == 1
    assert problems[0][0] == "spin@example.org"
    assert problems[0][1] in {"bad-recurrence", "bad-event"}  # icalendar refuses INTERVAL=x itself


@pytest.mark.parametrize("general", [False, True], ids=["fast reader", "general reader"])
@pytest.mark.parametrize(
    ("rule", "limit"),
    [
        # CPU seconds; dateutil alone searched for a date up to the year 9999: 3 to 6 s a daily
        # rule, 1 s a weekly one
        ("FREQ=DAILY;BYSETPOS=2", 2.0),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 2.0),
        ("FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31;UNTIL=20271231T000000Z", 0.5),
    ],
)
def test_a_rule_that_never_gives_a_date_is_given_up_in_bounded_time(
    rule: str, limit: float, general: bool
) -> None:
    began = time.process_time()
    result = parse_ics(_calendar(rule, general=general), window=WINDOW)
    seconds = time.process_time() - began

    (spin,) = [e for e in result.events if e.external_id == "spin@example.org"]
    assert seconds < limit
    assert [s.start.isoformat() for s in spin.spans] == [
        "2027-03-01T20:00:00+01:00",  # DTSTART alone, and the RDATE of the general reader's file
        *(["2027-04-01T20:00:00+02:00"] if general else []),
    ]


def test_a_daily_series_in_whole_weeks_on_another_weekday_is_given_up_at_once() -> None:
    first = datetime(2027, 3, 3, 19, 0, tzinfo=BERLIN)  # a Wednesday, the series on Mondays
    began = time.process_time()

    spans = expand(
        first=first,
        duration=None,
        rule=Rule("daily", 7, (0,)),
        until=None,
        window=WINDOW,
        zone=BERLIN,
    )

    assert spans == []
    assert time.process_time() - began < 0.3  # 0.5 s and more when dateutil searched to 9999
