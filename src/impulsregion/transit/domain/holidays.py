"""Public holidays in Thuringia (they matter for the Hopper's time window)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter


def thuringia_holidays(year: int) -> dict[date, str]:
    """Statutory public holidays observed throughout Thuringia in ``year``.

    Fronleichnam is left out: it is a holiday only in parts of the Eichsfeld, not in
    the tariff area. Weltkindertag (20 September) is a holiday since 2019.
    """
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Neujahr",
        sunday - timedelta(days=2): "Karfreitag",
        sunday + timedelta(days=1): "Ostermontag",
        date(year, 5, 1): "Tag der Arbeit",
        sunday + timedelta(days=39): "Christi Himmelfahrt",
        sunday + timedelta(days=50): "Pfingstmontag",
        date(year, 10, 3): "Tag der Deutschen Einheit",
        date(year, 10, 31): "Reformationstag",
        date(year, 12, 25): "1. Weihnachtstag",
        date(year, 12, 26): "2. Weihnachtstag",
    }
    if year >= 2019:
        days[date(year, 9, 20)] = "Weltkindertag"
    return dict(sorted(days.items()))


@lru_cache(maxsize=64)
def _holiday_set(year: int) -> frozenset[date]:
    return frozenset(thuringia_holidays(year))


def is_thuringian_holiday(day: date) -> bool:
    return day in _holiday_set(day.year)
