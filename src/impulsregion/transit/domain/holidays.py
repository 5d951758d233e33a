"""Public holidays in Thuringia (they matter for the Hopper's time window).

The facts live once, in ``common/data/holidays/thueringen.toml`` (read by
:mod:`impulsregion.common.domain.holidays`, which the date coordination uses as well).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from impulsregion.common.domain.holidays import load_holidays


def thuringia_holidays(year: int) -> dict[date, str]:
    """Statutory public holidays observed throughout Thuringia in ``year`` (German names).

    Fronleichnam is not among them: it is a holiday only in parts of the Eichsfeld, not in
    the tariff area. Weltkindertag (20 September) is a holiday since 2019.
    """
    return {holiday.start: holiday.name_de for holiday in load_holidays().public_holidays(year)}


@lru_cache(maxsize=64)
def _holiday_set(year: int) -> frozenset[date]:
    return frozenset(thuringia_holidays(year))


def is_thuringian_holiday(day: date) -> bool:
    return day in _holiday_set(day.year)
