"""Bounded expansion of simple series (weekly on days, monthly on the n-th weekday, …).

Used by the ThüCAT, destination.one and CSV parsers. The iCalendar parser uses
`recurring_ical_events` for full RFC 5545 semantics but the same `Window` bounds, and asks
`recurs` first whether a rule finds any date at all.

Rules are expanded on *wall-clock* (naive local) date-times and only then given their
time zone, so a 19:00 series stays at 19:00 after the daylight-saving change.
Expansion never runs past `window.end`, never past `until`, and never yields more than
`window.max_per_event` spans, so an open-ended or impossible rule cannot hang an import.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

from impulsregion.calendar.domain.types import Span, Window, in_calendar_years

FREQUENCIES = {
    "daily": rrule.DAILY,
    "weekly": rrule.WEEKLY,
    "monthly": rrule.MONTHLY,
    "yearly": rrule.YEARLY,
}
# Upper bound of rule steps looked at, also those before the window (old series).
MAX_STEPS = 100_000
MAX_INTERVAL = 1000  # every 1000th day, week …: more is no series a calendar means


def usable_interval(value: object) -> bool:
    """An RRULE's INTERVAL that expands in bounded time: a whole number from 1 to
    `MAX_INTERVAL` (INTERVAL=0 makes dateutil's expansion spin for ever)."""
    try:
        interval = int(str(value))
    except ValueError:
        return False
    return 1 <= interval <= MAX_INTERVAL


# The Gregorian calendar repeats every 400 years, weekdays included (146,097 days are 20,871
# weeks): a series has the same dates, 400 years later.
CYCLE_YEARS = 400
# rule parts that can leave a period without a date, or every period (FREQ=DAILY;BYSETPOS=2,
# the 30th of February; BYMONTHDAY from the 29th on); without them a series finds a date in
# every period, or (BYDAY, BYMONTH) every few years
_SELECTIVE = {"BYSETPOS", "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER"}


def _selective(parts: dict[str, str]) -> bool:
    if _SELECTIVE & parts.keys():
        return True
    days = [d.lstrip("+-") for d in parts.get("BYMONTHDAY", "").split(",") if d]
    return any(not d.isdigit() or int(d) > 28 for d in days)


def recurs(rule: str, first: datetime, after: datetime) -> bool:
    """Whether the series of the RRULE value `rule` starting at `first` has a date after
    `after` (both naive wall-clock times; COUNT and UNTIL left aside), found in bounded time.

    dateutil looks for a rule's next date until it finds one or reaches the year 9999: for a
    rule whose dates never come (FREQ=DAILY;BYSETPOS=2, the 30th of February) that is
    millions of steps, seconds for each such event, and it happens behind any UNTIL or COUNT
    too (those end a series at a date found). The readers take such a rule as giving no
    dates besides DTSTART. A rule that finds dates regularly by its parts is not asked
    (`_selective`)."""
    parts = dict(p.partition("=")[::2] for p in rule.upper().split(";") if "=" in p)
    interval = parts.get("INTERVAL", "1")
    weekly_steps = interval.isdigit() and int(interval) % 7 == 0
    if not (_selective(parts) or (parts.get("FREQ") == "DAILY" and weekly_steps)):
        return True
    bounded = ";".join(f"{k}={v}" for k, v in parts.items() if k not in ("COUNT", "UNTIL"))
    try:
        return _finds(lambda start: rrule.rrulestr(bounded, dtstart=start), first, after)
    except ValueError:  # a rule dateutil cannot build: each reader says so in its own way
        return True


def _finds(series: Callable[[datetime], rrule.rrule], first: datetime, after: datetime) -> bool:
    """Whether `series(first)` has a date after `after`, asked of the same series moved by
    whole 400-year cycles to just before the year 9999, where dateutil's search ends: within
    at most two cycles, a few hundred milliseconds for a daily rule that never finds a date."""
    shift = max(0, (MAXYEAR - CYCLE_YEARS - after.year) // CYCLE_YEARS) * CYCLE_YEARS
    moved = series(first.replace(year=first.year + shift))
    return moved.after(after.replace(year=after.year + shift)) is not None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Rule:
    """A series: `freq` is one of FREQUENCIES; weekdays are 0=Monday … 6=Sunday.

    `nth` (1…5, or -1 for the last) restricts monthly rules to the n-th of the weekdays.
    """

    freq: str
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    nth: int | None = None


def localize(wall: datetime, zone: ZoneInfo) -> datetime:
    """Attach `zone` to a naive wall-clock time (ambiguous times take the first, fold=0)."""
    return wall.replace(tzinfo=zone)


def expand(
    *,
    first: datetime,
    duration: timedelta | None,
    rule: Rule | None,
    until: date | datetime | None,
    window: Window,
    zone: ZoneInfo,
    exceptions: Iterable[date] = (),
) -> list[Span]:
    """Spans of a series whose first start is `first` (aware), within `window`.

    `until` is inclusive; a date means "up to the end of that day". `exceptions` remove
    whole days. Without a rule the result is the single span (if inside the window).
    """
    skip = set(exceptions)
    wall_first = first.astimezone(zone).replace(tzinfo=None)
    if rule is None:
        starts: Iterable[datetime] = [wall_first]
    else:
        bound = window.end.astimezone(zone).replace(tzinfo=None)
        starts = _rule_starts(wall_first, rule, _wall_until(until, window, zone), bound)
    spans = []
    for wall in itertools.islice(starts, MAX_STEPS):
        if wall.date() in skip:
            continue
        start = localize(wall, zone)
        end = localize(wall + duration, zone) if duration is not None else None
        if start > window.end:
            break
        if (end or start) < window.start:
            continue
        spans.append(Span(start=start, end=end))
        if len(spans) >= window.max_per_event:
            break
    return spans


def _wall_until(until: date | datetime | None, window: Window, zone: ZoneInfo) -> datetime:
    bound = window.end.astimezone(zone).replace(tzinfo=None)
    if until is None:
        return bound
    if isinstance(until, datetime):
        wall = until.astimezone(zone).replace(tzinfo=None) if until.tzinfo else until
    else:
        wall = datetime.combine(until, time(23, 59, 59))
    return min(wall, bound)


def _rule_starts(
    first: datetime, rule: Rule, until: datetime, bound: datetime
) -> Iterable[datetime]:
    if rule.freq not in FREQUENCIES:
        raise ValueError(rule.freq)
    if rule.nth is not None and not (1 <= abs(rule.nth) <= 5):
        raise ValueError(f"week of month {rule.nth}")
    if until < first:
        return []
    byweekday: list[rrule.weekday] | None = None
    if rule.weekdays:
        byweekday = [
            rrule.weekday(day, rule.nth) if rule.nth is not None else rrule.weekday(day)
            for day in rule.weekdays
        ]

    def series(start: datetime, end: datetime | None = None) -> rrule.rrule:
        return rrule.rrule(
            FREQUENCIES[rule.freq],
            dtstart=start,
            interval=max(1, rule.interval),
            byweekday=byweekday,
            until=end,
        )

    # a daily series in whole weeks on other weekdays than its first one never finds a date
    weekly_steps = rule.freq == "daily" and byweekday and rule.interval % 7 == 0
    if weekly_steps and not _finds(series, first, bound):
        return []
    starts: Iterable[datetime] = series(first, until)
    return starts


def weekday_index(name: str) -> int | None:
    """0…6 for an English weekday name in any case, optionally with a schema.org prefix."""
    key = name.rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower()
    return WEEKDAYS.index(key) if key in WEEKDAYS else None


def whole_days(first: date, last: date, zone: ZoneInfo) -> Span:
    """An all-day span from the start of `first` to the start of the day after `last`."""
    return Span(
        start=datetime.combine(first, time(0), tzinfo=zone),
        end=datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone),
        all_day=True,
    )


# --- a series entered by hand in the event form -----------------------------------------

MAX_SERIES_DATES = 400  # more dates than a year of daily performances is no series we accept
SERIES_YEARS = 10  # a rule never looks further than this past its first date
SERIES_KINDS = ("weekly", "monthly_weekday", "monthly_day")
MAX_SERIES_INTERVAL = 12  # every 12th week or month at most


@dataclass(frozen=True)
class SeriesRule:
    """The parts of the event form's rule: weekly on `weekdays`, monthly on the
    `week_of_month`-th (1…5, -1 for the last) of `weekdays`, or monthly on `month_day`;
    from `first` up to `until` (inclusive) or for `count` dates; `exceptions` are left out
    (counted, as RFC 5545 counts EXDATEs). An all-day rule has no times; `end_time` not
    after `start_time` means the date ends on the following day."""

    kind: str
    first: date
    start_time: time | None = None
    end_time: time | None = None
    all_day: bool = False
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    week_of_month: int | None = None
    month_day: int | None = None
    until: date | None = None
    count: int | None = None
    exceptions: tuple[date, ...] = ()


@dataclass(frozen=True)
class SeriesDates:
    """What a rule makes: its dates and the exceptions that left a date out."""

    spans: tuple[Span, ...]
    left_out: tuple[date, ...]


class SeriesProblem(ValueError):
    """A rule the form refuses: `code` names the reason, `field` the part to correct."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def series_problem(rule: SeriesRule) -> SeriesProblem | None:
    """Why the parts of `rule` do not make a series, before any date is expanded: the first
    reason in the order a person reads the form."""
    checks = (
        (rule.kind in SERIES_KINDS, "unknown-kind", "kind"),
        (
            all(in_calendar_years(day) for day in (rule.first, rule.until) if day is not None),
            "out-of-years",
            "first",
        ),
        (1 <= rule.interval <= MAX_SERIES_INTERVAL, "bad-interval", "interval"),
        (
            (rule.weekdays or rule.kind == "monthly_day")
            and all(0 <= day <= 6 for day in rule.weekdays),
            "no-weekday",
            "weekdays",
        ),
        (
            rule.kind != "monthly_weekday" or rule.week_of_month in (1, 2, 3, 4, 5, -1),
            "no-week-of-month",
            "week_of_month",
        ),
        (
            rule.kind != "monthly_day" or 1 <= (rule.month_day or 0) <= 31,
            "no-month-day",
            "month_day",
        ),
        (rule.all_day or rule.start_time is not None, "no-start-time", "start_time"),
        (rule.until is not None or rule.count is not None, "no-end", "until"),
        (rule.until is None or rule.count is None, "both-ends", "count"),
        (rule.until is None or rule.until >= rule.first, "until-before-first", "until"),
        (rule.count is None or 1 <= rule.count <= MAX_SERIES_DATES, "too-many", "count"),
    )
    for fine, code, field in checks:
        if not fine:
            return SeriesProblem(code, field)
    return None


def series_dates(rule: SeriesRule, zone: ZoneInfo, cap: int = MAX_SERIES_DATES) -> SeriesDates:
    """The dates of `rule` in `zone`, at most `cap`; raises `SeriesProblem` for a rule that
    makes none or more than `cap` (nothing is cut off silently)."""
    problem = series_problem(rule)
    if problem is not None:
        raise problem
    wall_first = datetime.combine(
        rule.first, time(0) if rule.all_day else rule.start_time or time(0)
    )
    horizon = datetime.combine(rule.first + timedelta(days=366 * SERIES_YEARS), time.max)
    until = horizon if rule.until is None else min(horizon, datetime.combine(rule.until, time.max))
    series = rrule.rrule(
        rrule.WEEKLY if rule.kind == "weekly" else rrule.MONTHLY,
        dtstart=wall_first,
        interval=rule.interval,
        byweekday=_series_weekdays(rule),
        bymonthday=rule.month_day if rule.kind == "monthly_day" else None,
        until=until,  # COUNT is applied below: dateutil refuses both, and UNTIL bounds the search
        wkst=rrule.MO,
    )
    skip = set(rule.exceptions)
    starts, left_out = [], []
    for wall in itertools.islice(series, rule.count or cap + len(skip) + 1):
        if wall.date() in skip:
            left_out.append(wall.date())
        else:
            starts.append(wall)
    if len(starts) > cap:
        raise SeriesProblem("too-many", "count" if rule.count else "until")
    if not starts:
        raise SeriesProblem("no-dates", "first")
    return SeriesDates(tuple(_series_span(rule, wall, zone) for wall in starts), tuple(left_out))


def _series_weekdays(rule: SeriesRule) -> list[rrule.weekday] | None:
    if rule.kind == "weekly":
        return [rrule.weekday(day) for day in sorted(set(rule.weekdays))]
    if rule.kind == "monthly_weekday":
        return [rrule.weekday(day, rule.week_of_month) for day in sorted(set(rule.weekdays))]
    return None


def _series_span(rule: SeriesRule, wall: datetime, zone: ZoneInfo) -> Span:
    if rule.all_day:
        return whole_days(wall.date(), wall.date(), zone)
    if rule.end_time is None:
        return Span(start=localize(wall, zone))
    end = datetime.combine(wall.date(), rule.end_time)
    if end <= wall:
        end += timedelta(days=1)
    return Span(start=localize(wall, zone), end=localize(end, zone))


def parse_days(text: str) -> tuple[list[date], list[str]]:
    """The days in `text` (separated by commas, semicolons or spaces), written as German
    "24.12.2026" or ISO "2026-12-24"; and the pieces that are no such day."""
    days, bad = [], []
    for piece in text.replace(";", ",").replace(",", " ").split():
        day = _parse_day(piece)
        if day is None:
            bad.append(piece)
        else:
            days.append(day)
    return sorted(set(days)), bad


def _parse_day(piece: str) -> date | None:
    try:
        if "." in piece:
            day, month, year = piece.split(".")
            return date(int(year), int(month), int(day)) if len(year) == 4 else None
        return date.fromisoformat(piece)
    except ValueError:
        return None
