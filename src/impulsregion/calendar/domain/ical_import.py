"""iCalendar (RFC 5545) files → `EventData`.

Tolerant reading of what real programs emit: several VCALENDARs in one stream,
X-WR-TIMEZONE, floating times (read in the calendar's zone, else Europe/Berlin), all-day
events, series with RRULE/RDATE/EXDATE and RECURRENCE-ID overrides (expanded with
`recurring_ical_events`, bounded by a `Window`). A broken event becomes a `Problem`; a file
that cannot be read at all raises `UnusableSource`.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import warnings
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import x_wr_timezone

from impulsregion.calendar.domain.categories import categorise, unmapped
from impulsregion.calendar.domain.encoding import decode_text
from impulsregion.calendar.domain.formats import Unrecognised, recognise
from impulsregion.calendar.domain.ical_fast import parse_simple_ics
from impulsregion.calendar.domain.recurrence import recurs, usable_interval
from impulsregion.calendar.domain.sanitize import description_html, plain_text
from impulsregion.calendar.domain.types import (
    BERLIN,
    CANCELLED,
    SCHEDULED,
    EventData,
    ParseResult,
    PlaceData,
    Problem,
    Span,
    UnusableSource,
    Window,
    in_calendar_years,
    ordered,
)
from impulsregion.calendar.domain.venues import place_from_location

# Sub-daily series are not cultural events and can explode; they are refused per event.
REFUSED_FREQUENCIES = {"SECONDLY", "MINUTELY", "HOURLY"}


def parse_ics(data: bytes, *, window: Window, zone: ZoneInfo = BERLIN) -> ParseResult:
    """All VEVENTs of `data` with their occurrences inside `window`."""
    data = decode_text(data).encode()  # RFC 5545 says UTF-8; older tools write others
    simple = parse_simple_ics(data, window=window, zone=zone)
    if simple is not None:
        return simple
    return parse_general_ics(data, window=window, zone=zone)


def parse_general_ics(data: bytes, *, window: Window, zone: ZoneInfo = BERLIN) -> ParseResult:
    """The tolerant reader for everything beyond the simple subset of `ical_fast`."""
    calendars = _read_calendars(data)
    groups: dict[str, list[Any]] = {}
    zones: dict[str, ZoneInfo] = {}
    timezones: list[Any] = []
    cancelled_uids: set[str] = set()
    for calendar in calendars:
        calendar_zone = _calendar_zone(calendar, zone)
        timezones.extend(calendar.walk("VTIMEZONE"))
        method = str(calendar.get("METHOD", "")).upper()
        for component in calendar.walk("VEVENT"):
            uid = _uid(component)
            groups.setdefault(uid, []).append(component)
            zones[uid] = calendar_zone
            if method == "CANCEL":
                cancelled_uids.add(uid)
    if not groups:
        raise UnusableSource("no-events")
    events: list[EventData] = []
    problems: list[Problem] = []
    for uid, components in groups.items():
        try:
            event = _event(uid, components, timezones, window, zones[uid], uid in cancelled_uids)
        except _EventProblem as problem:
            problems.append(Problem(uid, problem.code, problem.detail))
        except Exception as error:
            problems.append(Problem(uid, "bad-event", _short(error)))
        else:
            events.append(event)
    return ParseResult(tuple(events), tuple(problems))


class _EventProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:160] or type(error).__name__


_FOLD = re.compile(rb"\r?\n[ \t]")
_VTIMEZONE = re.compile(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r?\n?", re.DOTALL | re.IGNORECASE)


def _read_calendars(data: bytes) -> list[Any]:
    if not data.strip():
        raise UnusableSource("empty")
    unfolded = _FOLD.sub(b"", data).upper()
    if b"BEGIN:VCALENDAR" not in unfolded:
        if b"BEGIN:VEVENT" not in unfolded:
            raise UnusableSource(_what_else(data))
        data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + data.strip() + b"\r\nEND:VCALENDAR\r\n"
    elif unfolded.count(b"BEGIN:VCALENDAR") > unfolded.count(b"END:VCALENDAR"):
        raise UnusableSource("truncated")
    try:
        parsed = _parse(data)
    except Exception as error:
        # Broken time-zone definitions are common; the TZIDs still name real zones.
        try:
            parsed = _parse(_VTIMEZONE.sub(b"", data))
        except Exception:
            raise UnusableSource("not-icalendar", _short(error)) from error
    calendars = []
    for calendar in parsed:
        if calendar.name != "VCALENDAR":
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                calendars.append(x_wr_timezone.to_standard(calendar))
        except Exception:
            calendars.append(calendar)
    if not calendars:
        raise UnusableSource("no-calendar")
    return calendars


def _what_else(data: bytes) -> str:
    """The problem code for a file without calendar lines, by what it looks like."""
    try:
        kind = recognise(data)
    except Unrecognised as error:
        kind = error.code
    if kind == "web-page":
        return "web-page"
    if kind in ("thuecat", "destination-one", "unknown-json", "not-json"):
        return "json-not-icalendar"
    return "no-calendar"


def _parse(data: bytes) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(icalendar.Calendar.from_ical(data, multiple=True))


def _calendar_zone(calendar: Any, default: ZoneInfo) -> ZoneInfo:
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return default
    return default


def _uid(component: Any) -> str:
    uid = str(component.get("UID", "")).strip()
    if uid:
        return uid
    seed = f"{component.get('SUMMARY', '')}|{_raw(component, 'DTSTART')}"
    return "generated-" + hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:20]


def _raw(component: Any, name: str) -> str:
    value = component.get(name)
    return value.to_ical().decode() if hasattr(value, "to_ical") else str(value or "")


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _event(
    uid: str,
    components: list[Any],
    timezones: list[Any],
    window: Window,
    zone: ZoneInfo,
    cancelled: bool,
) -> EventData:
    master = next((c for c in components if c.get("RECURRENCE-ID") is None), components[0])
    title = plain_text(_text(master, "SUMMARY"), 300)
    if not title:
        raise _EventProblem("no-title")
    if master.get("DTSTART") is None:
        raise _EventProblem("no-start")
    for name in ("DTSTART", "DTEND"):
        moment = getattr(master.get(name), "dt", None)
        if isinstance(moment, date) and not in_calendar_years(moment):
            raise _EventProblem("bad-event", _raw(master, name))
    _check_rule(master, window, zone)
    spans = _spans(components, master, timezones, window, zone)
    if not spans:
        raise _EventProblem("no-dates", _raw(master, "DTSTART"))
    status = CANCELLED if cancelled or _text(master, "STATUS").upper() == "CANCELLED" else SCHEDULED
    return EventData(
        external_id=uid,
        title_de=title,
        spans=tuple(spans),
        description_de=description_html(_text(master, "DESCRIPTION")),
        short_de=plain_text(_text(master, "DESCRIPTION"), 280),
        status=status,
        place=_place(master),
        categories=categorise(_categories(master)),
        unmapped_categories=unmapped(_categories(master)),
        url=_text(master, "URL"),
        organiser=plain_text(_organiser(master)),
    )


def _check_rule(master: Any, window: Window, zone: ZoneInfo) -> None:
    value = master.get("RRULE")
    rules = value if isinstance(value, list) else [value] if value is not None else []
    for rule in rules:
        freq = [str(f).upper() for f in rule.get("FREQ", [])]
        if not freq:
            raise _EventProblem("bad-recurrence", rule.to_ical().decode(errors="replace"))
        if freq[0] in REFUSED_FREQUENCIES:
            raise _EventProblem("unsupported-frequency", freq[0])
        if not all(usable_interval(i) for i in rule.get("INTERVAL", [1])):
            raise _EventProblem("bad-recurrence", rule.to_ical().decode(errors="replace"))
        if len(rule.get("BYSECOND", [])) > 1 or len(rule.get("BYMINUTE", [])) > 4:
            raise _EventProblem("unsupported-frequency", rule.to_ical().decode(errors="replace"))
    if not rules:
        return
    first, after = _wall_clock(master.get("DTSTART").dt, window, zone)
    giving = [r for r in rules if recurs(r.to_ical().decode(errors="replace"), first, after)]
    if len(giving) < len(rules):  # a rule that never gives a date (see `recurs`) is left out
        del master["RRULE"]
        for rule in giving:
            master.add("RRULE", rule)


def _wall_clock(
    start: date | datetime, window: Window, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """A series' first start and the window's end as naive wall-clock times of its zone."""
    if not isinstance(start, datetime):
        return datetime.combine(start, time(0)), window.end.astimezone(zone).replace(tzinfo=None)
    own = start.tzinfo if start.utcoffset() is not None else zone
    return start.replace(tzinfo=None), window.end.astimezone(own).replace(tzinfo=None)


def _spans(
    components: list[Any], master: Any, timezones: list[Any], window: Window, zone: ZoneInfo
) -> list[Span]:
    recurring = len(components) > 1 or any(master.get(n) is not None for n in ("RRULE", "RDATE"))
    if not recurring:
        span = _span(master, zone)
        over = span.end <= window.start if span.end else span.start < window.start
        return [span] if not over and span.start <= window.end else []
    calendar = icalendar.Calendar()
    for timezone in timezones:
        calendar.add_component(timezone)
    for component in components:
        calendar.add_component(component)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        query = recurring_ical_events.of(calendar)
        occurrences = query.after(window.start)
        spans = []
        for occurrence in itertools.islice(occurrences, window.max_per_event * 2):
            if (
                _text(occurrence, "STATUS").upper() == "CANCELLED"
                and occurrence.get("RECURRENCE-ID") is not None
            ):
                continue
            span = _span(occurrence, zone)
            if span.start > window.end:
                break
            spans.append(span)
            if len(spans) >= window.max_per_event:
                break
    return ordered(spans)


def _span(component: Any, zone: ZoneInfo) -> Span:
    start = component.get("DTSTART").dt
    end_prop = component.get("DTEND")
    end: date | datetime | None = end_prop.dt if end_prop is not None else None
    if end is None and component.get("DURATION") is not None:
        end = start + component.get("DURATION").dt
    if _text(component, "X-MICROSOFT-CDO-ALLDAYEVENT").upper() == "TRUE":
        start, end = _whole_days(start, end, zone)
    if isinstance(start, datetime):
        aware_start = _aware(start, zone)
        aware_end = _aware(end, zone) if isinstance(end, datetime) else None
        if aware_end is not None and aware_end <= aware_start:
            aware_end = None  # nothing to tell (series without DTEND get one equal to DTSTART)
        return Span(aware_start, aware_end)
    first = datetime.combine(start, time(0), tzinfo=zone)
    last = datetime.combine(end, time(0), tzinfo=zone) if isinstance(end, date) else None
    if last is None or last <= first:
        last = first + timedelta(days=1)
    return Span(first, last.replace(tzinfo=zone), all_day=True)


def _whole_days(
    start: date | datetime, end: date | datetime | None, zone: ZoneInfo
) -> tuple[date | datetime, date | datetime | None]:
    """Outlook's all-day events written as midnight date-times, as days (others unchanged)."""
    if not isinstance(start, datetime):
        return start, end
    first = _aware(start, zone).astimezone(zone)
    last = _aware(end, zone).astimezone(zone) if isinstance(end, datetime) else None
    if first.time() != time(0) or (last is not None and last.time() != time(0)):
        return start, end
    return first.date(), last.date() if last is not None else None


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=zone)
    return value


def _place(component: Any) -> PlaceData | None:
    location = plain_text(_text(component, "LOCATION"))
    geo = component.get("GEO")
    latitude = longitude = None
    if geo is not None:
        try:
            latitude = Decimal(str(geo.latitude)).quantize(Decimal("0.000001"))
            longitude = Decimal(str(geo.longitude)).quantize(Decimal("0.000001"))
        except (AttributeError, InvalidOperation, ValueError):
            latitude = longitude = None
    if not location and latitude is None:
        return None
    return place_from_location(location or "", latitude=latitude, longitude=longitude)


def _categories(component: Any) -> Iterable[str]:
    value = component.get("CATEGORIES")
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        cats = getattr(item, "cats", None)
        names.extend(str(c).strip() for c in (cats if cats is not None else [item]))
    return [n for n in names if n][:20]


def _organiser(component: Any) -> str:
    organiser = component.get("ORGANIZER")
    if organiser is None:
        return ""
    name = getattr(organiser, "params", {}).get("CN", "")
    return str(name or "").strip()
