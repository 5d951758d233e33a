"""Named date ranges of the public filters ("today", "this weekend"), relative to `now`."""

from __future__ import annotations

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
