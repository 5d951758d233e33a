"""The coordination overview: the year at a glance, calendar weeks × municipalities.

Each cell holds the major events, holds (Vormerkungen) and blocked dates touching that week in
that municipality; a blocked date for the whole region appears in every column. Weeks are ISO
weeks (Monday to Sunday) that touch the year, so the first and last row may reach into the
neighbouring years. School holidays and public holidays are listed per week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from impulsregion.common.domain.holidays import Holiday, HolidayCalendar


class GridKind(StrEnum):
    MAJOR_EVENT = "major_event"
    HOLD = "hold"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class GridItem:
    kind: GridKind
    ref: str
    title: str
    start: date
    end: date
    municipality: str | None  # None: the whole region
    organisation: str = ""
    expected_visitors: int = 0


@dataclass(frozen=True, slots=True)
class GridCell:
    municipality: str
    items: tuple[GridItem, ...]


@dataclass(frozen=True, slots=True)
class GridWeek:
    iso_week: int
    monday: date
    sunday: date
    cells: tuple[GridCell, ...]
    holidays: tuple[Holiday, ...]

    @property
    def is_empty(self) -> bool:
        return not any(cell.items for cell in self.cells)


def weeks_of_year(year: int) -> list[date]:
    """The Mondays of all ISO weeks touching ``year``."""
    first = date(year, 1, 1)
    monday = first - timedelta(days=first.weekday())
    mondays = []
    while monday <= date(year, 12, 31):
        mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def year_grid(
    year: int,
    municipalities: Sequence[str],
    items: Iterable[GridItem],
    holidays: HolidayCalendar | None = None,
) -> list[GridWeek]:
    mondays = weeks_of_year(year)
    first_monday = mondays[0]
    buckets: dict[tuple[int, str], list[GridItem]] = {}
    for item in sorted(items, key=lambda i: (i.start, i.kind, i.title)):
        columns = municipalities if item.municipality is None else [item.municipality]
        first = max(0, (item.start - first_monday).days // 7)
        last = min(len(mondays) - 1, (item.end - first_monday).days // 7)
        for week in range(first, last + 1):
            for column in columns:
                buckets.setdefault((week, column), []).append(item)
    return [
        GridWeek(
            iso_week=monday.isocalendar().week,
            monday=monday,
            sunday=monday + timedelta(days=6),
            cells=tuple(
                GridCell(column, tuple(buckets.get((index, column), ())))
                for column in municipalities
            ),
            holidays=tuple(
                holidays.holidays_between(monday, monday + timedelta(days=6)) if holidays else ()
            ),
        )
        for index, monday in enumerate(mondays)
    ]


def grid_rows(grid: Sequence[GridWeek]) -> list[tuple[str, ...]]:
    """Flat rows for a CSV export: week, Monday, Sunday, municipality, kind, title, dates."""
    rows: list[tuple[str, ...]] = []
    for week in grid:
        for cell in week.cells:
            for item in cell.items:
                rows.append(
                    (
                        f"{week.monday.isocalendar().year}-W{week.iso_week:02d}",
                        week.monday.isoformat(),
                        week.sunday.isoformat(),
                        cell.municipality,
                        item.kind.value,
                        item.title,
                        item.start.isoformat(),
                        item.end.isoformat(),
                        item.organisation,
                        str(item.expected_visitors or ""),
                    )
                )
    return rows
