"""Rules of the public submission form (organisers who are not members send an event).

A visitor gives each date as a day with a start time and, optionally, an end time; an end
earlier than the start means the event runs past midnight. A date may not lie in the past nor
more than `HORIZON` ahead. A new venue must lie in the region: its municipality follows from
the postcode (`region.municipality_of`); where a postcode is shared by a city and a district,
a town name that is not the city's chooses the district.

How many submissions one connection or one address may send is `over_limit`: the times of the
earlier ones in a window, the limit, and the moment the oldest of them leaves the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from impulsregion.calendar.domain.region import Municipality, municipality_by_postcode
from impulsregion.calendar.domain.types import BERLIN, Span

HORIZON = timedelta(days=730)  # about two years ahead
CONFIRM_WITHIN = timedelta(hours=48)


def span_of(day: date, start: time, end: time | None) -> Span:
    """The date as stored: local Berlin times; an end before the start lies on the next day."""
    begins = datetime.combine(day, start, tzinfo=BERLIN)
    if end is None:
        return Span(begins, None, False)
    ends = datetime.combine(day, end, tzinfo=BERLIN)
    if ends <= begins:
        ends += timedelta(days=1)
    return Span(begins, ends, False)


def date_problem(span: Span, now: datetime) -> str:
    """ "past" or "too-far" for a date a visitor may not send, else ""."""
    if span.start < now:
        return "past"
    if span.start > now + HORIZON:
        return "too-far"
    return ""


def venue_municipality(postal_code: str, locality: str) -> Municipality:
    """The AGS of a venue given by postcode and town, or a problem code (see `municipality_of`)."""
    return municipality_by_postcode(postal_code, locality)


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta


def over_limit(earlier: Sequence[datetime], limit: Limit, now: datetime) -> datetime | None:
    """When another submission is possible again, if `earlier` (the times of the submissions
    already sent) has reached `limit` within its window before `now`; None when one may send."""
    inside = sorted(moment for moment in earlier if moment > now - limit.window)
    if len(inside) < limit.count:
        return None
    return inside[len(inside) - limit.count] + limit.window
