from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from benchmarks.bench_calendar_data import generate_ics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impulsregion.calendar.domain.ical_fast import parse_simple_ics
from impulsregion.calendar.domain.ical_import import parse_general_ics, parse_ics
from impulsregion.calendar.domain.types import BERLIN, CANCELLED, UnusableSource, Window

pytestmark = pytest.mark.domain

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ical-corpus"

# file → (events imported, total dates, problem codes) or the rejection code.
EXPECTED: dict[str, tuple[int, int, tuple[str, ...]] | str] = {
    "ical4j/invalid/0.ics": (0, 0, ("no-start",)),
    "ical4j/invalid/13-MoonPhase.ics": "truncated",
    "ical4j/invalid/CalendarDataFile.ics": (152, 1997, ()),
    "ical4j/invalid/OZMovies.ics": (182, 182, ()),
    "ical4j/invalid/boeing.ics": "not-icalendar",
    "ical4j/invalid/korganizer-lowercase.ics": (1, 26, ()),
    "ical4j/invalid/lastfm.ics": (33, 33, ()),
    "ical4j/invalid/phpicalendar_sample.ics": (13, 1135, ("bad-event", "bad-event")),
    "ical4j/invalid/smallcluster.ics": (0, 0, ("bad-event",)),
    "ical4j/invalid/twinkle.ics": "not-icalendar",
    "ical4j/valid/EXDATE.ics": (1, 5, ()),
    "ical4j/valid/EXDATE-IN-UTC.ics": (1, 85, ()),
    "ical4j/valid/blankTzid.ics": (0, 0, ("no-title",)),
    "ical4j/valid/categories.ics": (0, 0, ("no-title",)),
    "ical4j/valid/custom_component.ics": "no-events",
    "ical4j/valid/dst-only-vtimezone.ics": (1, 1, ()),
    "ical4j/valid/friday13.ics": (1, 57, ()),
    "ical4j/valid/multiple_calendars.ics": (2, 2, ()),
    "ical4j/valid/rfc5545-sec3.6.5.ics": "no-events",
    "ical4j/valid/sunbird_sample.ics": (182, 182, ()),
    "icaljs/samples/multiple_rrules.ics": (1, 36, ()),
    "icaljs/samples/rdate_exdate.ics": (0, 0, ("no-title",)),
    "icaljs/samples/recur_instances_finite.ics": (1, 5, ()),
    "icaljs/samples/google_birthday.ics": (1, 3, ("bad-event",)),
    "libical/recur-errors.ics": (0, 0, ("no-title", "no-title", "no-title")),
    "libical/zday.ics": (0, 0, ("no-start", "no-dates")),
    "libical/fuzz/poc-05.ics": "not-icalendar",
}
ALL_FILES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.ics"))


@pytest.mark.parametrize("name", ALL_FILES)
def test_corpus_file_imports_or_is_rejected_with_a_reason(name: str, wide_window: Window) -> None:
    data = (CORPUS / name).read_bytes()
    try:
        result = parse_ics(data, window=wide_window)
    except UnusableSource as rejection:
        outcome: object = rejection.code
    else:
        outcome = (
            len(result.events),
            sum(len(e.spans) for e in result.events),
            tuple(p.code for p in result.problems),
        )
        for event in result.events:
            assert event.title_de
            assert event.spans
            assert all(s.start.tzinfo is not None for s in event.spans)
            assert all(s.end is None or s.end >= s.start for s in event.spans)
            assert len(event.spans) <= wide_window.max_per_event
    if isinstance(outcome, str):
        assert outcome in {"not-icalendar", "no-calendar", "no-events", "truncated", "empty"}
    if name in EXPECTED:
        assert outcome == EXPECTED[name]


def test_exdate_series_keeps_apple_ical_dates(wide_window: Window) -> None:
    result = parse_ics((CORPUS / "ical4j/valid/EXDATE.ics").read_bytes(), window=wide_window)

    starts = [s.start.isoformat() for s in result.events[0].spans]

    assert len(starts) == 5
    assert len(set(starts)) == 5


def test_dst_only_vtimezone_event_is_nine_in_berlin(wide_window: Window) -> None:
    result = parse_ics(
        (CORPUS / "ical4j/valid/dst-only-vtimezone.ics").read_bytes(), window=wide_window
    )

    start = result.events[0].spans[0].start.astimezone(BERLIN)

    assert (start.date().isoformat(), start.hour) == ("2018-04-03", 9)


def test_recurrence_id_override_moves_one_date(wide_window: Window) -> None:
    result = parse_ics(
        (CORPUS / "icaljs/samples/recur_instances_finite.ics").read_bytes(), window=wide_window
    )

    assert len(result.events) == 1
    assert len(result.events[0].spans) == 5


WEEKLY_ACROSS_DST = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
BEGIN:VEVENT
UID:weekly@test
SUMMARY:Orgelmusik
DTSTART;TZID=Europe/Berlin:20261018T190000
DTEND;TZID=Europe/Berlin:20261018T200000
RRULE:FREQ=WEEKLY;COUNT=3
EXDATE;TZID=Europe/Berlin:20261101T190000
RDATE;TZID=Europe/Berlin:20261105T180000
END:VEVENT
BEGIN:VEVENT
UID:weekly@test
RECURRENCE-ID;TZID=Europe/Berlin:20261025T190000
SUMMARY:Orgelmusik (verlegt)
DTSTART;TZID=Europe/Berlin:20261025T200000
DTEND;TZID=Europe/Berlin:20261025T210000
END:VEVENT
END:VCALENDAR
"""


def test_series_keeps_wall_clock_across_dst_with_overrides() -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    result = parse_ics(WEEKLY_ACROSS_DST, window=window)

    assert [s.start.isoformat() for s in result.events[0].spans] == [
        "2026-10-18T19:00:00+02:00",
        "2026-10-25T20:00:00+01:00",
        "2026-11-05T18:00:00+01:00",
    ]


def test_floating_times_use_x_wr_timezone_and_all_day_is_whole_day() -> None:
    data = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VEVENT
UID:a@test
SUMMARY:Floating
DTSTART:20260701T200000
END:VEVENT
BEGIN:VEVENT
UID:b@test
SUMMARY:Ganztags
STATUS:CANCELLED
DTSTART;VALUE=DATE:20260702
END:VEVENT
END:VCALENDAR
"""
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    floating, whole_day = parse_ics(data, window=window).events

    assert floating.spans[0].start.isoformat() == "2026-07-01T20:00:00+02:00"
    assert whole_day.spans[0].all_day is True
    assert whole_day.spans[0].end - whole_day.spans[0].start == timedelta(days=1)
    assert whole_day.status == CANCELLED


SERIES_WITHOUT_END = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
BEGIN:VEVENT
UID:vesper@test
SUMMARY:Orgelvesper
DTSTART;TZID=Europe/Berlin:20261206T170000
RRULE:FREQ=WEEKLY;COUNT=2
END:VEVENT
BEGIN:VEVENT
UID:lesung@test
SUMMARY:Lesung
DTSTART;TZID=Europe/Berlin:20261210T190000
DTEND;TZID=Europe/Berlin:20261210T190000
END:VEVENT
END:VCALENDAR
"""


def test_a_date_without_a_real_end_has_none_in_both_readers() -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    general = SERIES_WITHOUT_END.replace(
        b"END:VEVENT\nBEGIN:VEVENT\nUID:lesung",
        b"RDATE;TZID=Europe/Berlin:20261225T170000\nEND:VEVENT\nBEGIN:VEVENT\nUID:lesung",
    )  # an extra date: only the general reader reads the file

    fast = parse_simple_ics(SERIES_WITHOUT_END, window=window)
    slow = parse_ics(general, window=window)

    assert fast is not None
    assert parse_simple_ics(general, window=window) is None
    for result, dates in ((fast, 2), (slow, 3)):
        series, single = result.events
        assert [s.end for s in series.spans] == [None] * dates
        assert single.spans[0].end is None
        assert single.spans[0].start.isoformat() == "2026-12-10T19:00:00+01:00"


LATIN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:test\r
BEGIN:VEVENT\r
UID:kb@test\r
SUMMARY:Führung über die Krämerbrücke\r
DTSTART;TZID=Europe/Berlin:20261212T150000\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_files_of_older_tools_keep_their_umlauts(encoding: str) -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    (event,) = parse_ics(LATIN.encode(encoding), window=window).events

    assert event.title_de == "Führung über die Krämerbrücke"
    assert event.spans[0].start.isoformat() == "2026-12-12T15:00:00+01:00"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<!DOCTYPE html>\n<html lang=de><title>Veranstaltungen</title>", "web-page"),
        (b'{"@graph": [{"@type": "schema:Event"}]}', "json-not-icalendar"),
        (b"Titel;Datum\nKonzert;12.12.2026\n", "no-calendar"),
        (b"BEGIN:VCARD\nVERSION:2.1\nN:Muster\nEND:VCARD\n", "no-calendar"),
    ],
)
def test_files_that_are_no_calendar_say_what_they_are(data: bytes, code: str) -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    with pytest.raises(UnusableSource) as rejection:
        parse_ics(data, window=window)

    assert rejection.value.code == code


OUTLOOK_ALL_DAY = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VEVENT\r
UID:markt@test\r
SUMMARY:Adventsmarkt\r
DTSTART;TZID=W. Europe Standard Time:20261212T000000\r
DTEND;TZID=W. Europe Standard Time:20261214T000000\r
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:tag@test\r
SUMMARY:Museumstag\r
DTSTART:20260404T220000Z\r
DTEND:20260405T220000Z\r
RRULE:FREQ=WEEKLY;COUNT=2\r
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:vortrag@test\r
SUMMARY:Vortrag\r
DTSTART;TZID=W. Europe Standard Time:20261212T180000\r
DTEND;TZID=W. Europe Standard Time:20261212T193000\r
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_outlook_all_day_events_written_as_midnights_are_whole_days() -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    market, museum_day, talk = parse_ics(OUTLOOK_ALL_DAY, window=window).events

    assert [(s.all_day, s.start.isoformat(), s.end.isoformat()) for s in market.spans] == [
        (True, "2026-12-12T00:00:00+01:00", "2026-12-14T00:00:00+01:00")
    ]
    assert [(s.all_day, s.start.date().isoformat()) for s in museum_day.spans] == [
        (True, "2026-04-05"),
        (True, "2026-04-12"),
    ]
    assert (talk.spans[0].all_day, talk.spans[0].start.hour) == (False, 18)


def test_open_ended_and_sub_daily_rules_are_bounded() -> None:
    data = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
BEGIN:VEVENT
UID:daily@test
SUMMARY:Forever
DTSTART:20000101T100000Z
RRULE:FREQ=DAILY
END:VEVENT
BEGIN:VEVENT
UID:secondly@test
SUMMARY:Every second
DTSTART:20260101T100000Z
RRULE:FREQ=SECONDLY
END:VEVENT
END:VCALENDAR
"""
    window = Window(
        datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC), max_per_event=30
    )

    result = parse_ics(data, window=window)

    assert len(result.events[0].spans) == 30
    assert [(p.external_id, p.code) for p in result.problems] == [
        ("secondly@test", "unsupported-frequency")
    ]


def test_description_is_escaped_not_rendered() -> None:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:X\r\nDTSTART:20260101T100000Z\r\nDESCRIPTION:<script>alert(1)</script>\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    window = Window(datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    event = parse_ics(data, window=window).events[0]

    assert "<script>" not in event.description_de


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "BEGIN:VCALENDAR",
                "END:VCALENDAR",
                "BEGIN:VEVENT",
                "END:VEVENT",
                "UID:1",
                "SUMMARY:x",
                "DTSTART:20260101T100000Z",
                "DTSTART;VALUE=DATE:20260101",
                "DTEND:20251231T100000Z",
                "RRULE:FREQ=DAILY",
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                "EXDATE:20260102T100000Z",
                "RECURRENCE-ID:20260103T100000Z",
                "DTSTART;TZID=Nowhere:20260101T1000",
                "BEGIN:VTIMEZONE",
                "END:VTIMEZONE",
                "TZID:",
                "RDATE;VALUE=PERIOD:20260101T100000Z/PT1H",
            ]
        )
        | st.text(max_size=30),
        max_size=25,
    )
)
def test_parser_never_crashes(lines: list[str]) -> None:
    window = Window(
        datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC), max_per_event=50
    )
    try:
        result = parse_ics("\r\n".join(lines).encode("utf-8", "replace"), window=window)
    except UnusableSource:
        return
    assert all(len(e.spans) <= 50 for e in result.events)


@pytest.mark.parametrize("name", ALL_FILES)
def test_fast_reader_agrees_with_the_general_reader(name: str, wide_window: Window) -> None:
    data = (CORPUS / name).read_bytes()

    fast = parse_simple_ics(data, window=wide_window)

    if fast is not None:
        assert fast == parse_general_ics(data, window=wide_window)


def test_fast_reader_handles_generated_feed_like_the_general_reader() -> None:
    window = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC))
    data = generate_ics(300)

    fast = parse_simple_ics(data, window=window)

    assert fast is not None
    assert fast == parse_general_ics(data, window=window)
    assert parse_simple_ics(WEEKLY_ACROSS_DST, window=window) is None
