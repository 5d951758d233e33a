"""A fast reader for the plain iCalendar files most event feeds are.

The general reader (`ical_import`) builds full icalendar objects and expands series with
`recurring_ical_events`, about 1 ms per event. Theatre and museum feeds mostly use a small
subset: one VCALENDAR of VEVENTs with DTSTART/DTEND/DURATION in an IANA zone, UTC, floating
or as dates, optionally an RRULE with EXDATEs (a VTIMEZONE block is skipped: its TZID names
an IANA zone, as the general reader reads it too). This module reads exactly that subset
directly from the content lines; anything else (RECURRENCE-ID, RDATE, unknown zones, other
components, unreadable values, combinations the general reader treats in its own way) makes
it return None and the general reader takes over, so both give the same result (tests
compare them, on the third-party corpus and on generated files).

Where the general reader has a rule of its own, this reader copies it:
- X-WR-TIMEZONE (`x_wr_timezone`): floating and UTC date-times are read in that zone, so a
  series written in UTC keeps its wall-clock time in Berlin across summer time;
- EXDATE (`recurring_ical_events`): a date is excluded when its start, as local wall-clock
  time or in UTC, equals an excluded value's local wall-clock time or UTC time, or when its
  local day is an excluded DATE; DTSTART itself may be excluded; without an RRULE, EXDATEs
  are ignored.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule

from impulsregion.calendar.domain.categories import categorise, unmapped
from impulsregion.calendar.domain.recurrence import recurs, usable_interval
from impulsregion.calendar.domain.sanitize import description_html, plain_text
from impulsregion.calendar.domain.types import (
    BERLIN,
    CANCELLED,
    FIRST_YEAR,
    LAST_YEAR,
    SCHEDULED,
    EventData,
    ParseResult,
    Problem,
    Span,
    Window,
    in_calendar_years,
)
from impulsregion.calendar.domain.venues import place_from_location

Properties = dict[str, tuple[dict[str, str], str]]
Lines = list[tuple[dict[str, str], str]]
_FOLD = re.compile(r"\r?\n[ \t]")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
_DURATION = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z")
_ANY_UNTIL = re.compile(r"UNTIL=([0-9TZ]*)")
_UNSUPPORTED = {"RECURRENCE-ID", "RDATE", "EXRULE", "X-MICROSOFT-CDO-ALLDAYEVENT"}
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
# properties the simple reader uses; a repetition means the file needs the general reader
_SINGLE = {
    "UID",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "DESCRIPTION",
    "LOCATION",
    "STATUS",
    "URL",
    "GEO",
    "ORGANIZER",
    "CATEGORIES",
}
_ESCAPES = re.compile(r"\\([\\;,nN])")


class _NotSimple(Exception):
    pass


@dataclass(frozen=True)
class _Zones:
    """How the calendar's date-times are read: floating ones in `floating`; with an
    X-WR-TIMEZONE (`named`), UTC ones are turned into its wall-clock times as well."""

    floating: ZoneInfo
    named: ZoneInfo | None = None


def parse_simple_ics(data: bytes, *, window: Window, zone: ZoneInfo = BERLIN) -> ParseResult | None:
    """The events of `data` if it stays within the simple subset, else None."""
    try:
        text = data.decode("utf-8")
        return _parse(text, window, zone)
    except (_NotSimple, UnicodeDecodeError, ValueError, OverflowError):
        return None


def _parse(text: str, window: Window, zone: ZoneInfo) -> ParseResult:
    # content lines end at CRLF (or LF), as the general reader (`icalendar`) reads them: a CR,
    # NEL, U+2028 or form feed inside a value is part of it, not the start of a forged line
    unfolded = _FOLD.sub("", text).replace("\r\n", "\n")
    lines = [line for line in unfolded.split("\n") if line]
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        raise _NotSimple
    events: list[EventData] = []
    problems: list[Problem] = []
    zones = _Zones(zone)
    seen: set[str] = set()
    current: Properties | None = None
    exdates: Lines = []
    skipping = ""
    for line in lines[1:-1]:
        if skipping:
            if line == f"END:{skipping}":
                skipping = ""
            continue
        if line.startswith("BEGIN:"):
            opened = _opened(line[6:], inside_event=current is not None)
            if opened == "VEVENT":
                current, exdates = {}, []
            else:
                skipping = opened
            continue
        if line == "END:VEVENT" and current is not None:
            uid = _uid(current)
            if uid in seen:
                raise _NotSimple
            seen.add(uid)
            _event(uid, current, exdates, window, zones, events, problems)
            current = None
            continue
        name, params, value = _content_line(line)
        if current is None:
            zones = _calendar_zones(name, value, zones, started=bool(seen))
        else:
            _add_property(current, exdates, name, (params, value))
    if current is not None or skipping or not (events or problems):
        raise _NotSimple
    return ParseResult(tuple(events), tuple(problems))


def _add_property(
    properties: Properties, exdates: Lines, name: str, line: tuple[dict[str, str], str]
) -> None:
    """Keep one property of an event: every EXDATE line, the first of any other."""
    if name == "EXDATE":
        exdates.append(line)
    elif name in _UNSUPPORTED or (name in properties and name in _SINGLE):
        raise _NotSimple
    else:
        properties.setdefault(name, line)


def _opened(name: str, *, inside_event: bool) -> str:
    """What a BEGIN line opens: an event, or a component the simple reader skips (an alarm
    inside an event, a time-zone definition outside); anything else is not simple."""
    allowed = ("VALARM",) if inside_event else ("VEVENT", "VTIMEZONE")
    if name in allowed:
        return name
    raise _NotSimple


def _calendar_zones(name: str, value: str, zones: _Zones, *, started: bool) -> _Zones:
    """The calendar's zones after one of its own properties (outside any event). The general
    reader applies X-WR-TIMEZONE to the whole calendar: one after an event, or a second one,
    is left to it."""
    if name == "X-WR-TIMEZONE":
        if started or zones.named is not None:
            raise _NotSimple
        named = _zone(value)
        return _Zones(named, named)
    if name == "METHOD" and value.upper() != "PUBLISH":
        raise _NotSimple
    return zones


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    head, separator, value = line.partition(":")
    if not separator:
        raise _NotSimple
    if '"' in head:
        raise _NotSimple
    name, *raw_params = head.split(";")
    params = {}
    for raw in raw_params:
        key, equals, param_value = raw.partition("=")
        if not equals:
            raise _NotSimple
        params[key.upper()] = param_value
    return name.upper(), params, value


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise _NotSimple from error


def _text(properties: Properties, name: str) -> str:
    value = properties.get(name, ({}, ""))[1]
    return _ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _uid(properties: Properties) -> str:
    uid = _text(properties, "UID")
    if not uid:
        raise _NotSimple  # the general reader derives a stable id
    return uid


def _moment(params: dict[str, str], value: str, zones: _Zones) -> date | datetime:
    """A DATE (`date`), or a DATE-TIME as an aware `datetime` (wall-clock in its zone)."""
    if params.get("VALUE", "").upper() == "DATE" or _DATE.match(value):
        match = _DATE.match(value)
        if not match:
            raise _NotSimple
        day_value = date(*(int(g) for g in match.groups()))
        if not in_calendar_years(day_value):
            raise _NotSimple
        return day_value
    match = _DATETIME.match(value)
    if not match:
        raise _NotSimple
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _NotSimple  # the general reader says which value it cannot use
    if match.group(7):
        moment = datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo("UTC"))
    else:
        tz = _zone(params["TZID"]) if "TZID" in params else zones.floating
        moment = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    if zones.named is not None and (moment.tzname() or "").upper() == "UTC":
        return moment.astimezone(zones.named)  # as x_wr_timezone does
    return moment


def _is_floating(params: dict[str, str], value: str, zones: _Zones) -> bool:
    """A date-time without zone that no X-WR-TIMEZONE gives one."""
    return zones.named is None and "TZID" not in params and not value.endswith("Z")


def _raw_start(params: dict[str, str], value: str, start: date | datetime) -> str:
    """DTSTART as the general reader writes it back in a problem (converted UTC times
    without their Z)."""
    if isinstance(start, datetime) and value.endswith("Z") and start.utcoffset():
        return f"{start:%Y%m%dT%H%M%S}"
    return value


def _duration(value: str) -> timedelta:
    match = _DURATION.match(value)
    if not match or value in ("P", "PT"):
        raise _NotSimple
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def _event(
    uid: str,
    properties: Properties,
    exdates: Lines,
    window: Window,
    zones: _Zones,
    events: list[EventData],
    problems: list[Problem],
) -> None:
    title = plain_text(_text(properties, "SUMMARY"), 300)
    if not title:
        problems.append(Problem(uid, "no-title"))
        return
    if "DTSTART" not in properties:
        problems.append(Problem(uid, "no-start"))
        return
    start = _moment(*properties["DTSTART"], zones)
    end: date | datetime | None = None
    if "DTEND" in properties:
        end = _moment(*properties["DTEND"], zones)
    elif "DURATION" in properties:
        end = start + _duration(properties["DURATION"][1])
    if isinstance(start, datetime) != isinstance(end, datetime) and end is not None:
        raise _NotSimple
    rule = properties.get("RRULE", ({}, ""))[1]
    excluded = None
    if rule:
        _check_series(rule, properties, start, zones)
        excluded = _Excluded.of(exdates, start, properties["DTSTART"], zones)
    spans = _spans(start, end, rule, window, zones.floating, excluded)
    if isinstance(spans, Problem):
        problems.append(Problem(uid, spans.code, spans.detail))
        return
    if not spans:
        problems.append(Problem(uid, "no-dates", _raw_start(*properties["DTSTART"], start)))
        return
    location = plain_text(_text(properties, "LOCATION"))
    description = _text(properties, "DESCRIPTION")
    latitude, longitude = _geo(properties.get("GEO", ({}, ""))[1])
    terms = [c.strip() for c in _text(properties, "CATEGORIES").split(",") if c.strip()][:20]
    events.append(
        EventData(
            external_id=uid,
            title_de=title,
            spans=tuple(spans),
            description_de=description_html(description),
            short_de=plain_text(description, 280),
            status=CANCELLED if _text(properties, "STATUS").upper() == "CANCELLED" else SCHEDULED,
            place=place_from_location(location, latitude=latitude, longitude=longitude)
            if location or latitude is not None
            else None,
            organiser=plain_text(properties.get("ORGANIZER", ({}, ""))[0].get("CN", "")),
            categories=categorise(terms),
            unmapped_categories=unmapped(terms),
            url=_text(properties, "URL"),
        )
    )


@dataclass(frozen=True)
class _Excluded:
    """The EXDATEs of a series, compared as `recurring_ical_events` compares them (module
    docstring): local days of DATE values, and local wall-clock and UTC times (naive)."""

    days: frozenset[date]
    moments: frozenset[datetime]

    @classmethod
    def of(
        cls,
        lines: Lines,
        start: date | datetime,
        dtstart: tuple[dict[str, str], str],
        zones: _Zones,
    ) -> _Excluded | None:
        if not lines:
            return None
        timed = isinstance(start, datetime)
        if timed and _is_floating(*dtstart, zones):
            raise _NotSimple  # the general reader gives such a series the EXDATE's zone
        days: set[date] = set()
        moments: set[datetime] = set()
        for params, values in lines:
            for value in values.split(","):
                moment = _moment(params, value.strip(), zones)
                if not isinstance(moment, datetime):
                    days.add(moment)
                    moments.add(datetime.combine(moment, time(0)))
                elif not timed or _is_floating(params, value.strip(), zones):
                    raise _NotSimple  # a time excluded from a series of days, or floating
                else:
                    moments.add(moment.replace(tzinfo=None))
                    moments.add(moment.astimezone(UTC).replace(tzinfo=None))
        return cls(frozenset(days), frozenset(moments))

    def __contains__(self, begin: object) -> bool:
        assert isinstance(begin, datetime)
        wall = begin.replace(tzinfo=None)
        if wall.date() in self.days or wall in self.moments:
            return True
        return begin.astimezone(UTC).replace(tzinfo=None) in self.moments


def _spans(
    start: date | datetime,
    end: date | datetime | None,
    rule: str,
    window: Window,
    zone: ZoneInfo,
    excluded: _Excluded | None = None,
) -> list[Span] | Problem:
    if isinstance(start, datetime):
        # an end at (or before) the start says nothing: such a date has no end
        duration = end - start if isinstance(end, datetime) and end > start else None
        tz = start.tzinfo
        first = start.replace(tzinfo=None)
    else:
        days = (end - start).days if isinstance(end, date) and end > start else 1
        duration = timedelta(days=days)
        tz = zone
        first = datetime.combine(start, time(0))
    starts = _series_starts(rule, first, tz, window) if rule else [first]
    if isinstance(starts, Problem):
        return starts
    spans = []
    for wall in starts:
        begin = wall.replace(tzinfo=tz)
        if excluded is not None and begin in excluded:
            continue
        finish = (wall + duration).replace(tzinfo=tz) if duration is not None else None
        if begin > window.end:
            break
        if not isinstance(start, datetime) and _at_the_edge(begin, finish, window):
            raise _NotSimple  # whether a whole day touching the window's start is in it
        if (finish <= window.start) if finish is not None else (begin < window.start):
            continue  # over before the window opens (a date ending at its start is over)
        spans.append(Span(begin, finish, all_day=not isinstance(start, datetime)))
        if len(spans) >= window.max_per_event:
            break
    return spans


def _series_starts(
    rule: str, first: datetime, tz: tzinfo | None, window: Window
) -> Iterable[datetime] | Problem:
    """The wall-clock starts of a series up to the window's end (at most 100,000), or why
    its rule is refused."""
    freq = re.search(r"FREQ=([A-Z]+)", rule.upper())
    if freq is None:
        return Problem("", "bad-recurrence", rule)
    if freq.group(1) in _SUB_DAILY:
        return Problem("", "unsupported-frequency", freq.group(1))
    interval = re.search(r"INTERVAL=([^;]*)", rule.upper())
    if interval is not None and not usable_interval(interval.group(1)):
        return Problem("", "bad-recurrence", rule)
    end_wall = window.end.astimezone(tz).replace(tzinfo=None)
    local_until = _UNTIL.sub(lambda m: "UNTIL=" + _local_until(m.group(1), tz), rule)
    series = rrule.rrulestr(local_until, dtstart=first)
    until = getattr(series, "_until", None)
    head = [first] if until is None or first <= until else []
    starts: Iterable[datetime] = head[:1]  # a rule that never gives a date: DTSTART alone
    if recurs(rule, first, end_wall):
        following = (s for s in series.xafter(first, inc=True) if s != first)
        starts = itertools.islice(itertools.chain(head, following), 100_000)
    return itertools.takewhile(lambda s: s <= end_wall, starts)


def _at_the_edge(begin: datetime, finish: datetime | None, window: Window) -> bool:
    """A whole day within a day of the window's start: the general reader decides by the
    calendar date there, which in another zone than the window's may differ by a day."""
    day = timedelta(days=1)
    return begin < window.start + day and (finish or begin) > window.start - day


def _check_series(rule: str, properties: Properties, start: date | datetime, zones: _Zones) -> None:
    """A series this reader expands as the general reader does. That one takes the zone of
    a floating series from its DTEND, and reads an UNTIL as a DATE in a series of days, as
    a UTC time in a series with a zone and as a floating time otherwise (other forms it
    reinterprets in its own way)."""
    floating = isinstance(start, datetime) and _is_floating(*properties["DTSTART"], zones)
    if floating and "DTEND" in properties and not _is_floating(*properties["DTEND"], zones):
        raise _NotSimple
    if not isinstance(start, datetime):
        wanted = r"\d{8}"
    else:
        wanted = r"\d{8}T\d{6}" if floating else r"\d{8}T\d{6}Z"
    for match in _ANY_UNTIL.finditer(rule.upper()):
        if not re.fullmatch(wanted, match.group(1)):
            raise _NotSimple


def _geo(value: str) -> tuple[Decimal | None, Decimal | None]:
    parts = value.replace("\\;", ";").split(";")
    if len(parts) != 2:
        return None, None
    try:
        return (
            Decimal(parts[0].strip()).quantize(Decimal("0.000001")),
            Decimal(parts[1].strip()).quantize(Decimal("0.000001")),
        )
    except InvalidOperation:
        return None, None


def _local_until(value: str, tz: object) -> str:
    moment = datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(tz if isinstance(tz, ZoneInfo) else BERLIN).strftime("%Y%m%dT%H%M%S")
