"""Products, passenger types, when a product may be used and how long it is valid."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from impulsregion.transit.domain.network import Family


class ValidityKind(StrEnum):
    """How a ticket's end of validity is found."""

    MINUTES = "minutes"  # a period after the start, depending on the Preisstufe
    NEXT_DAY = "next_day"  # until a time of day on the following day (Tageskarte: 03:00)
    DAYS = "days"  # a number of calendar days including the first one
    MONTH = "month"  # one month from the start day


@dataclass(frozen=True, slots=True)
class Validity:
    kind: ValidityKind
    minutes: tuple[tuple[int, int], ...] = ()  # (from Preisstufe, minutes), ascending
    days: int = 0
    until: time = time(3, 0)

    def minutes_for(self, preisstufe: int) -> int:
        """The minutes of the highest row whose Preisstufe is at most ``preisstufe``."""
        found = self.minutes[0][1]
        for from_level, minutes in self.minutes:
            if preisstufe >= from_level:
                found = minutes
        return found

    def ends(self, start: datetime, preisstufe: int) -> datetime:
        """The first moment the ticket is no longer valid (``start`` is aware)."""
        if self.kind is ValidityKind.MINUTES:
            return start + timedelta(minutes=self.minutes_for(preisstufe))
        midnight = datetime.combine(start.date(), time(0), tzinfo=start.tzinfo)
        if self.kind is ValidityKind.NEXT_DAY:
            return datetime.combine(start.date() + timedelta(days=1), self.until, start.tzinfo)
        if self.kind is ValidityKind.DAYS:
            return midnight + timedelta(days=self.days)
        return _one_month_later(midnight)


def _one_month_later(moment: datetime) -> datetime:
    """The same day of the next month (the month's last day if it is shorter)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """When a restricted product may be used: Monday–Friday from ``weekday_from``,
    all day at weekends and on public holidays."""

    weekday_from: time

    def allows(self, at: datetime, is_holiday: Callable[[date], bool]) -> bool:
        if at.weekday() >= 5 or is_holiday(at.date()):
            return True
        return at.time() >= self.weekday_from


@dataclass(frozen=True, slots=True)
class PassengerType:
    """Adult, child (6–14), under 6 (free); ``free`` travellers pay nothing."""

    code: str
    name_de: str
    name_en: str
    min_age: int | None = None
    max_age: int | None = None
    free: bool = False


@dataclass(frozen=True, slots=True)
class Product:
    """A ticket product. ``max_persons`` > 1 makes it a group ticket priced per card."""

    code: str
    name_de: str
    name_en: str
    validity: Validity
    rides: int = 1
    min_zones: int = 1
    max_zones: int | None = None
    max_persons: int = 1
    families: frozenset[Family] = field(default_factory=lambda: frozenset(Family))
    window: TimeWindow | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    sort: int = 0

    @property
    def is_group(self) -> bool:
        return self.max_persons > 1

    def on_sale(self, day: date) -> bool:
        """Whether the product exists on ``day`` (products come and go with tariff versions)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True, slots=True)
class RecognisedTicket:
    """A ticket of another tariff that is valid in the network (e.g. Deutschlandticket)."""

    code: str
    name_de: str
    name_en: str
    note_de: str
    note_en: str
    valid_from: date | None = None
    valid_until: date | None = None

    def on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


def paying_passengers(
    passengers: Mapping[str, int], types: Mapping[str, PassengerType]
) -> dict[str, int]:
    """The passengers who pay, by type (travellers under 6 ride free)."""
    return {code: n for code, n in passengers.items() if n > 0 and not types[code].free}
