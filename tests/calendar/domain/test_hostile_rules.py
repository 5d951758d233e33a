"""A recurrence rule that never ends in dateutil (#14, point 2): INTERVAL=0 and its kin are a
problem of that one event, found at once, in both readers; the file's other events import."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime

import pytest

from impulsregion.calendar.domain.ical_import import parse_ics
from impulsregion.calendar.domain.types import Window

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
