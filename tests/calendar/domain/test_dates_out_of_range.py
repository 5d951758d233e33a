"""Dates near the ends of Python's range (#14, "Hardening"): the year 1 cannot be moved to UTC
and 31 December 9999 has no following day. Every reader takes such a date as unreadable: the
record is refused with its reason, or (in the JSON formats, which read an unreadable end as
none) keeps its start alone; no reader raises."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from impulsregion.calendar.domain.csv_template import parse_csv
from impulsregion.calendar.domain.destination_one import parse_destination_one
from impulsregion.calendar.domain.ical_fast import parse_simple_ics
from impulsregion.calendar.domain.ical_import import parse_general_ics, parse_ics
from impulsregion.calendar.domain.thuecat import parse_thuecat
from impulsregion.calendar.domain.types import ParseResult, Window

pytestmark = pytest.mark.domain

WINDOW = Window(datetime(2026, 12, 1, tzinfo=UTC), datetime(2028, 12, 1, tzinfo=UTC))


def _outcome(result: ParseResult) -> list[tuple[str, str]]:
    """(id, first start or problem code) of every record."""
    kept = [(e.external_id, e.spans[0].start.isoformat()) for e in result.events]
    return kept + [(p.external_id, p.code) for p in result.problems]


def _ics(start: str, end: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test", "BEGIN:VEVENT", "UID:a@test"]
    lines += ["SUMMARY:Konzert", start, end, "END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(
            "DTSTART;TZID=Europe/Berlin:00010101T000000",
            "DTEND;TZID=Europe/Berlin:20270303T220000",
            id="since-the-year-1",
        ),
        pytest.param(
            "DTSTART;VALUE=DATE:20270303", "DTEND;VALUE=DATE:99991231", id="days-until-9999"
        ),
        pytest.param(
            "DTSTART;TZID=Europe/Berlin:99991231T230000", "DTEND:99991231T235959Z", id="in-9999"
        ),
    ],
)
def test_icalendar_refuses_a_date_out_of_range_in_both_readers(start: str, end: str) -> None:
    data = _ics(start, end)

    result = parse_ics(data, window=WINDOW)

    assert parse_simple_ics(data, window=WINDOW) is None  # left to the general reader
    assert result == parse_general_ics(data, window=WINDOW)
    assert _outcome(result) == [("a@test", "bad-event")]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param("03.03.2027;;31.12.9999", "bad-date", id="days-until-9999"),
        pytest.param("31.12.9999;20:00;", "bad-date", id="in-9999"),
        pytest.param("01.01.1500;20:00;03.03.2027", "bad-date", id="before-the-gregorian-years"),
        pytest.param("03.03.2027;20:00;", "2027-03-03T20:00:00+01:00", id="in-range"),
    ],
)
def test_csv_refuses_a_date_out_of_range_as_invalid(cells: str, expected: str) -> None:
    data = f"id;title_de;start_date;start_time;end_date\na;Konzert;{cells}\n".encode()

    assert _outcome(parse_csv(data, window=WINDOW)) == [("a", expected)]


def _thuecat(start: str, end: str) -> bytes:
    event = {"@id": "e_a", "@type": "schema:Event", "schema:name": "Konzert"}
    event |= {"schema:startDate": start, "schema:endDate": end}
    return json.dumps({"@graph": [event]}).encode()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param("2027-03-03", "9999-12-31", "2027-03-03T00:00:00+01:00", id="days-until-9999"),
        pytest.param("0001-01-01T00:00:00+01:00", "", "no-dates", id="in-the-year-1"),
        pytest.param("9999-12-31", "", "no-dates", id="in-9999"),
    ],
)
def test_thuecat_reads_a_date_out_of_range_as_none(start: str, end: str, expected: str) -> None:
    result = parse_thuecat([_thuecat(start, end)], window=WINDOW)

    assert _outcome(result) == [("e_a", expected)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(
            "2027-03-03T20:00:00+01:00",
            "9999-12-31T23:59:59+01:00",
            "2027-03-03T20:00:00+01:00",
            id="until-9999",
        ),
        pytest.param("0001-01-01T00:00:00+00:00", "", "bad-date", id="in-the-year-1"),
    ],
)
def test_destination_one_reads_a_date_out_of_range_as_none(
    start: str, end: str, expected: str
) -> None:
    item = {"global_id": "e_a", "title": "Konzert", "timeIntervals": [{"start": start, "end": end}]}

    result = parse_destination_one(json.dumps({"items": [item]}).encode(), window=WINDOW)

    assert _outcome(result) == [("e_a", expected)]
    assert all(s.end is None for e in result.events for s in e.spans)
