"""Thuringian public and school holidays as plain data.

Public holidays are rules (a fixed day, or an offset from Easter Sunday, optionally from a first
year on); school holidays are periods. Both come from the versioned TOML file
``common/data/holidays/thueringen.toml``; :func:`load_holidays` parses it once.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

DEFAULT_HOLIDAY_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "holidays" / "thueringen.toml"
)


class HolidayKind(StrEnum):
    PUBLIC = "public"
    SCHOOL = "school"


class SchoolSeason(StrEnum):
    WINTER = "winter"
    EASTER = "easter"
    SUMMER = "summer"
    AUTUMN = "autumn"
    CHRISTMAS = "christmas"
    SCHOOL_FREE_DAY = "school_free_day"


SEASON_NAMES: Mapping[SchoolSeason, tuple[str, str]] = {
    SchoolSeason.WINTER: ("Winterferien", "winter school holidays"),
    SchoolSeason.EASTER: ("Osterferien", "Easter school holidays"),
    SchoolSeason.SUMMER: ("Sommerferien", "summer school holidays"),
    SchoolSeason.AUTUMN: ("Herbstferien", "autumn school holidays"),
    SchoolSeason.CHRISTMAS: ("Weihnachtsferien", "Christmas school holidays"),
    SchoolSeason.SCHOOL_FREE_DAY: ("schulfreier Tag", "day off school"),
}


@dataclass(frozen=True, slots=True)
class Holiday:
    """One public holiday (a single day) or one school-holiday period (inclusive dates)."""

    kind: HolidayKind
    key: str
    name_de: str
    name_en: str
    start: date
    end: date
    season: SchoolSeason | None = None
    confirmed: bool = True

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PublicHolidayRule:
    key: str
    name_de: str
    name_en: str
    month: int | None = None
    day: int | None = None
    easter_offset: int | None = None
    first_year: int | None = None

    def date_in(self, year: int) -> date | None:
        if self.first_year is not None and year < self.first_year:
            return None
        if self.easter_offset is not None:
            return easter_sunday(year) + timedelta(days=self.easter_offset)
        assert self.month is not None  # checked when the file is parsed
        assert self.day is not None
        return date(year, self.month, self.day)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


class HolidayDataError(ValueError):
    """The holiday file is malformed (a rule without a date, a period ending before it starts)."""


@dataclass(frozen=True)
class HolidayCalendar:
    """Public-holiday rules plus school-holiday periods of one state."""

    version: str
    reference_date: date
    rules: tuple[PublicHolidayRule, ...]
    school_holidays: tuple[Holiday, ...]

    def public_holidays(self, year: int) -> list[Holiday]:
        return _public_holidays(self, year)

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        """Every public holiday and school-holiday period touching ``start``…``end``."""
        found: list[Holiday] = []
        for year in range(start.year, end.year + 1):
            found.extend(h for h in self.public_holidays(year) if start <= h.start <= end)
        found.extend(h for h in self.school_holidays if h.start <= end and h.end >= start)
        return sorted(found, key=lambda h: (h.start, h.kind, h.key))

    def school_years_known(self) -> tuple[date, date]:
        """First and last day covered by the school-holiday data."""
        return self.school_holidays[0].start, self.school_holidays[-1].end


@functools.lru_cache(maxsize=256)
def _public_holidays(calendar: HolidayCalendar, year: int) -> list[Holiday]:
    holidays = []
    for rule in calendar.rules:
        day = rule.date_in(year)
        if day is not None:
            holidays.append(
                Holiday(HolidayKind.PUBLIC, rule.key, rule.name_de, rule.name_en, day, day)
            )
    return sorted(holidays, key=lambda h: h.start)


def parse_holidays(text: str) -> HolidayCalendar:
    """Parse the TOML holiday file; raise :class:`HolidayDataError` on inconsistent entries."""
    data = tomllib.loads(text)
    rules = tuple(_parse_rule(entry) for entry in data.get("public", []))
    periods = tuple(
        sorted((_parse_period(entry) for entry in data.get("school", [])), key=lambda h: h.start)
    )
    if not periods:
        raise HolidayDataError("The holiday file lists no school holidays.")
    return HolidayCalendar(
        version=str(data["version"]),
        reference_date=data["reference_date"],
        rules=rules,
        school_holidays=periods,
    )


def _parse_rule(entry: Mapping[str, Any]) -> PublicHolidayRule:
    rule = PublicHolidayRule(
        key=entry["key"],
        name_de=entry["name_de"],
        name_en=entry["name_en"],
        month=entry.get("month"),
        day=entry.get("day"),
        easter_offset=entry.get("easter_offset"),
        first_year=entry.get("first_year"),
    )
    if rule.easter_offset is None and (rule.month is None or rule.day is None):
        raise HolidayDataError(
            f"Public holiday {rule.key!r} has neither a day nor an Easter offset."
        )
    return rule


def _parse_period(entry: Mapping[str, Any]) -> Holiday:
    season = SchoolSeason(entry["season"])
    start, end = entry["start"], entry["end"]
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise HolidayDataError(f"School holiday starting {start} has an invalid end {end}.")
    name_de, name_en = SEASON_NAMES[season]
    return Holiday(
        kind=HolidayKind.SCHOOL,
        key=f"{season.value}-{start.isoformat()}",
        name_de=f"{name_de} {start.year}" if season != SchoolSeason.SCHOOL_FREE_DAY else name_de,
        name_en=f"{name_en} {start.year}" if season != SchoolSeason.SCHOOL_FREE_DAY else name_en,
        start=start,
        end=end,
        season=season,
        confirmed=bool(entry.get("confirmed", True)),
    )


@functools.lru_cache(maxsize=4)
def load_holidays(path: Path = DEFAULT_HOLIDAY_FILE) -> HolidayCalendar:
    """The shipped Thuringian holiday calendar (parsed once per process)."""
    return parse_holidays(path.read_text(encoding="utf-8"))
