"""Named date ranges of the public filters ("today", "this weekend"), relative to `now`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from impulsregion.calendar.domain.types import BERLIN


def day_bounds(first: date, last: date, zone: ZoneInfo = BERLIN) -> tuple[datetime, datetime]:
    """From the start of `first` to the start of the day after `last`, in `zone`."""
    return (
        datetime.combine(first, time(0), tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone),
    )


def named_period(name: str, now: datetime, zone: ZoneInfo = BERLIN) -> tuple[date, date] | None:
    """First and last day of `today`, `tomorrow`, `weekend` (Fri–Sun; on a weekend day: the
    current one), `week` (today + 6 days) or `month` (today + 30 days); None if unknown."""
    today = now.astimezone(zone).date()
    if name == "today":
        return today, today
    if name == "tomorrow":
        return today + timedelta(days=1), today + timedelta(days=1)
    if name == "weekend":
        weekday = today.weekday()
        friday = (
            today - timedelta(days=weekday - 4)
            if weekday >= 4
            else today + timedelta(days=4 - weekday)
        )
        return max(friday, today), friday + timedelta(days=2)
    if name == "week":
        return today, today + timedelta(days=6)
    if name == "month":
        return today, today + timedelta(days=30)
    return None


def month_grid(year: int, month: int) -> list[list[date | None]]:
    """Weeks (Monday first) of the month; days outside the month are None."""
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    weeks: list[list[date | None]] = []
    day = first - timedelta(days=first.weekday())
    while day < following:
        weeks.append(
            [d if d.month == month else None for d in (day + timedelta(n) for n in range(7))]
        )
        day += timedelta(days=7)
    return weeks


# a date in a month's grid: (start, end or None, all day, event id, id)
GridDate = tuple[datetime, datetime | None, bool, int, int]


def month_cells(
    spanning: Iterable[GridDate],
    timed: Iterable[GridDate],
    timed_counts: Mapping[date, int],
    first: date,
    last: date,
    *,
    shown: int,
    zone: ZoneInfo = BERLIN,
) -> dict[date, tuple[list[int], int]]:
    """For each day from `first` to `last` that has dates: the ids of its first `shown` dates
    (by start, event, id) and how many dates it has.

    A timed date belongs to the day it begins (`first` if it began earlier), an all-day date
    to every day it covers (its end is the midnight after its last day). `spanning` are the
    dates that may not belong to their start day: all-day ones and those begun before
    `first`, all of them. `timed` are the other dates, only each day's first `shown`, and
    `timed_counts` how many of them begin on each day.
    """
    candidates: dict[date, list[GridDate]] = {}
    counts: dict[date, int] = dict(timed_counts)
    for row in spanning:
        start, end, all_day = row[0], row[1], row[2]
        day = max(start.astimezone(zone).date(), first)
        until = day
        if all_day and end is not None:
            until = min((end - timedelta(seconds=1)).astimezone(zone).date(), last)
        while day <= until:
            candidates.setdefault(day, []).append(row)
            counts[day] = counts.get(day, 0) + 1
            day += timedelta(days=1)
    for row in timed:
        candidates.setdefault(row[0].astimezone(zone).date(), []).append(row)
    cells = {}
    for day, count in counts.items():
        if count and first <= day <= last:
            ordered = sorted(candidates.get(day, []), key=lambda r: (r[0], r[3], r[4]))
            cells[day] = ([row[4] for row in ordered[:shown]], count)
    return cells
