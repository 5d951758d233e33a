"""The fast reader gives exactly what the general reader gives, or leaves the file to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impulsregion.calendar.domain.ical_export import VTIMEZONE_BERLIN
from impulsregion.calendar.domain.ical_fast import parse_simple_ics
from impulsregion.calendar.domain.ical_import import parse_general_ics
from impulsregion.calendar.domain.types import BERLIN, Window

pytestmark = pytest.mark.domain

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ical-corpus"
WINDOW = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))

# Google Calendar's block for Europe/Berlin: libical and our own feed write the same rules
BERLIN_VTIMEZONE = list(VTIMEZONE_BERLIN)


def _calendar(*lines: str, header: tuple[str, ...] = ()) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test", *header, *lines, "END:VCALENDAR"]
    return ("\r\n".join(body) + "\r\n").encode()


def _starts(data: bytes, window: Window = WINDOW) -> list[list[str]]:
    """The dates of each event by both readers; the fast one must read the file."""
    fast = parse_simple_ics(data, window=window)
    assert fast is not None
    assert fast == parse_general_ics(data, window=window)
    return [[s.start.isoformat() for s in event.spans] for event in fast.events]


@pytest.mark.parametrize(
    ("name", "dates"),
    [
        pytest.param("ical4j/valid/EXDATE.ics", 5, id="apple-ical-two-exdate-lines"),
        pytest.param("ical4j/valid/EXDATE-IN-UTC.ics", 85, id="chicago-series-utc-exdates"),
        pytest.param("ical4j/valid/derryn.ics", 16, id="several-series-with-exdates"),
    ],
)
def test_real_files_with_exdates_are_read_fast_and_alike(name: str, dates: int) -> None:
    wide = Window(datetime(1990, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC), 200)

    starts = _starts((CORPUS / name).read_bytes(), wide)

    assert sum(len(s) for s in starts) == dates


def test_apple_ical_exdates_drop_the_third_and_fourth_day() -> None:
    wide = Window(datetime(1990, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC), 200)

    (starts,) = _starts((CORPUS / "ical4j/valid/EXDATE.ics").read_bytes(), wide)

    assert [s[:10] for s in starts] == [
        "2006-01-01",
        "2006-01-02",
        "2006-01-05",
        "2006-01-06",
        "2006-01-07",
    ]


def test_google_series_with_a_list_and_several_exdate_lines() -> None:
    data = _calendar(
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20261015T193000",
        "DTEND;TZID=Europe/Berlin:20261015T210000",
        "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20261112T225959Z;BYDAY=TH",
        "EXDATE;TZID=Europe/Berlin:20261022T193000,20261105T193000",
        "EXDATE;TZID=Europe/Berlin:20261112T193000",
        "UID:orgel@google.com",
        "SUMMARY:Orgelmusik",
        "END:VEVENT",
        header=("METHOD:PUBLISH", "X-WR-TIMEZONE:Europe/Berlin", *BERLIN_VTIMEZONE),
    )

    assert _starts(data) == [["2026-10-15T19:30:00+02:00", "2026-10-29T19:30:00+01:00"]]


def test_utc_series_of_a_berlin_calendar_keeps_its_local_time_across_summer_time() -> None:
    data = _calendar(
        "BEGIN:VEVENT",
        "UID:vesper@test",
        "SUMMARY:Vesper",
        "DTSTART:20261018T170000Z",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "EXDATE:20261025T180000Z",
        "END:VEVENT",
        header=("X-WR-TIMEZONE:Europe/Berlin",),
    )

    assert _starts(data) == [["2026-10-18T19:00:00+02:00", "2026-11-01T19:00:00+01:00"]]


def test_all_day_series_skips_an_excluded_day() -> None:
    data = _calendar(
        "BEGIN:VEVENT",
        "UID:markt@test",
        "SUMMARY:Wochenmarkt",
        "DTSTART;VALUE=DATE:20261003",
        "DTEND;VALUE=DATE:20261004",
        "RRULE:FREQ=WEEKLY;UNTIL=20261024",
        "EXDATE;VALUE=DATE:20261010",
        "END:VEVENT",
    )

    assert _starts(data) == [
        ["2026-10-03T00:00:00+02:00", "2026-10-17T00:00:00+02:00", "2026-10-24T00:00:00+02:00"]
    ]


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            ("DTSTART:20261018T190000", "EXDATE;TZID=Europe/Berlin:20261025T190000"),
            id="floating-series-zoned-exdate",
        ),
        pytest.param(
            ("DTSTART;VALUE=DATE:20261018", "EXDATE;TZID=Europe/Berlin:20261025T000000"),
            id="series-of-days-timed-exdate",
        ),
        pytest.param(
            ("DTSTART;TZID=Europe/Berlin:20261018T190000", "EXDATE:20261025T190000"),
            id="zoned-series-floating-exdate",
        ),
    ],
)
def test_exdates_the_general_reader_reads_its_own_way_are_left_to_it(
    lines: tuple[str, ...],
) -> None:
    data = _calendar(
        "BEGIN:VEVENT",
        "UID:x@test",
        "SUMMARY:X",
        *lines,
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "END:VEVENT",
    )

    assert parse_simple_ics(data, window=WINDOW) is None
    assert len(parse_general_ics(data, window=WINDOW).events) == 1


@pytest.mark.parametrize("separator", ["\r", "\x85", "\u2028", "\u2029", "\x0c", "\x1e"], ids=ascii)
def test_a_line_separator_inside_a_value_starts_no_line(separator: str) -> None:
    forged = separator.join(
        ["Konzert", "END:VEVENT", "BEGIN:VEVENT", "UID:forged@evil", "DTSTART:20270101T100000Z"]
    )
    data = _calendar(
        "BEGIN:VEVENT",
        "UID:konzert@test",
        "DTSTART;TZID=Europe/Berlin:20270301T200000",
        "SUMMARY:" + forged + separator + "SUMMARY:Gefälscht",
        "END:VEVENT",
    )

    fast = parse_simple_ics(data, window=WINDOW)

    assert fast == parse_general_ics(data, window=WINDOW)
    assert fast is not None
    assert [e.external_id for e in fast.events] == ["konzert@test"]


# --- generated calendars: whatever the fast reader reads, it reads like the general one ---

_ZONES = {"berlin": BERLIN, "chicago": ZoneInfo("America/Chicago"), "utc": UTC}
_FORMS = ["berlin", "berlin", "chicago", "utc", "floating"]


def _value(form: str, wall: datetime, zone: ZoneInfo) -> str:
    """`wall` (local time in `zone`) written in `form`: a TZID, UTC, floating or a DATE."""
    moment = wall.replace(tzinfo=zone)
    if form == "date":
        return f";VALUE=DATE:{wall:%Y%m%d}"
    if form == "utc":
        return f":{moment.astimezone(UTC):%Y%m%dT%H%M%S}Z"
    if form == "floating":
        return f":{wall:%Y%m%dT%H%M%S}"
    tzid = {"berlin": "Europe/Berlin", "chicago": "America/Chicago"}[form]
    return f";TZID={tzid}:{moment.astimezone(_ZONES[form]):%Y%m%dT%H%M%S}"


@st.composite
def _exdates(draw: st.DrawFn, first: datetime, step: timedelta, zone: ZoneInfo) -> list[str]:
    """EXDATE lines near the series' dates: on them, an hour or a UTC offset beside them."""
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        form = draw(st.sampled_from([*_FORMS, "date"]))
        values = []
        for _ in range(draw(st.integers(1, 3))):
            shift = timedelta(hours=draw(st.sampled_from([0, 0, 0, 1, -1, 2, -6])))
            wall = first + step * draw(st.integers(0, 8)) + shift
            values.append(_value(form, wall, zone))
        head, _, _ = values[0].partition(":")
        lines.append(f"EXDATE{head}:" + ",".join(v.partition(":")[2] for v in values))
    return lines


@st.composite
def _event(draw: st.DrawFn, number: int) -> list[str]:
    all_day = draw(st.integers(0, 3)) == 0
    form = "date" if all_day else draw(st.sampled_from(_FORMS))
    zone = _ZONES.get(form, BERLIN)
    first = datetime(
        2026,
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
        0 if all_day else draw(st.integers(0, 23)),
    )
    step = draw(st.sampled_from([timedelta(days=1), timedelta(weeks=1)]))
    lines = [
        f"UID:e{number}@test",
        f"SUMMARY:Termin {number}",
        f"DTSTART{_value(form, first, zone)}",
    ]
    length = timedelta(days=1) if all_day else timedelta(hours=draw(st.integers(1, 3)))
    ending = draw(st.sampled_from(["dtend", "duration", "none"]))
    if ending == "dtend":
        lines.append(f"DTEND{_value(form, first + length, zone)}")
    elif ending == "duration":
        lines.append(
            f"DURATION:P{length.days}D" if all_day else f"DURATION:PT{length.seconds // 3600}H"
        )
    rule = draw(st.sampled_from(["", "COUNT", "UNTIL"]))
    freq = "DAILY" if step.days == 1 else "WEEKLY"
    if rule == "COUNT":
        lines.append(f"RRULE:FREQ={freq};COUNT={draw(st.integers(1, 12))}")
    elif rule == "UNTIL":
        until = (
            first
            + step * draw(st.integers(0, 10))
            + timedelta(hours=draw(st.sampled_from([0, 1, -1, 2])))
        )
        until_form = draw(st.sampled_from(["utc", "floating", "date"]))
        lines.append(
            f"RRULE:FREQ={freq};UNTIL={_value(until_form, until, zone).rpartition(':')[2]}"
        )
    lines += draw(_exdates(first, step, zone))
    return ["BEGIN:VEVENT", *draw(st.permutations(lines)), "END:VEVENT"]


@st.composite
def _calendars(draw: st.DrawFn) -> bytes:
    header: list[str] = []
    if draw(st.booleans()):
        header.append(
            f"X-WR-TIMEZONE:{draw(st.sampled_from(['Europe/Berlin', 'America/Chicago']))}"
        )
    if draw(st.booleans()):
        header += BERLIN_VTIMEZONE
    events = [line for n in range(draw(st.integers(1, 3))) for line in draw(_event(n))]
    return _calendar(*events, header=tuple(header))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_calendars(), st.integers(1, 20))
def test_fast_reader_reads_series_with_exdates_like_the_general_reader(
    data: bytes, cap: int
) -> None:
    window = Window(datetime(2026, 3, 1, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC), cap)

    fast = parse_simple_ics(data, window=window)

    if fast is not None:
        assert fast == parse_general_ics(data, window=window)


def test_generated_calendars_mostly_take_the_fast_path() -> None:
    """Guards the property test above against passing by falling back on everything."""
    examples: list[bytes] = []

    @settings(max_examples=200, deadline=None, database=None)
    @given(_calendars())
    def collect(data: bytes) -> None:
        examples.append(data)

    collect()
    fast = [d for d in examples if parse_simple_ics(d, window=WINDOW) is not None]
    with_exdates = [d for d in fast if b"EXDATE" in d and b"RRULE" in d]

    assert len(fast) >= len(examples) // 4
    assert len(with_exdates) >= 10
