from datetime import date

import pytest

from impulsregion.common.domain.holidays import load_holidays
from impulsregion.planning.domain.overview import (
    GridItem,
    GridKind,
    grid_rows,
    weeks_of_year,
    year_grid,
)

pytestmark = pytest.mark.domain

CITIES = ("erfurt", "weimar", "jena")


def test_weeks_of_2027_start_in_december_2026_and_count_53() -> None:
    mondays = weeks_of_year(2027)
    assert mondays[0] == date(2026, 12, 28)
    assert mondays[-1] == date(2027, 12, 27)
    assert len(mondays) == 53


def test_items_land_in_their_week_and_city_and_region_blocks_everywhere() -> None:
    fest = GridItem(
        GridKind.MAJOR_EVENT,
        "event:1",
        "Krämerbrückenfest",
        date(2027, 6, 18),
        date(2027, 6, 20),
        "erfurt",
    )
    hold = GridItem(
        GridKind.HOLD,
        "hold:1",
        "Stadtfest",
        date(2027, 6, 26),
        date(2027, 6, 28),
        "weimar",
        "Weimar",
    )
    blocked = GridItem(
        GridKind.BLOCKED, "blocked:1", "Landtagswahl", date(2027, 6, 20), date(2027, 6, 20), None
    )

    grid = year_grid(2027, CITIES, [fest, hold, blocked], load_holidays())

    week_25 = next(w for w in grid if w.iso_week == 24)
    assert week_25.monday == date(2027, 6, 14)
    assert [[i.title for i in c.items] for c in week_25.cells] == [
        ["Krämerbrückenfest", "Landtagswahl"],
        ["Landtagswahl"],
        ["Landtagswahl"],
    ]
    spanning = [
        w.iso_week for w in grid if any(i.ref == "hold:1" for c in w.cells for i in c.items)
    ]
    assert spanning == [25, 26]
    assert not week_25.is_empty
    assert grid[0].is_empty


def test_grid_lists_holidays_of_each_week() -> None:
    grid = year_grid(2027, CITIES, [], load_holidays())
    week = next(w for w in grid if w.monday == date(2027, 7, 5))
    assert [h.name_de for h in week.holidays] == ["Sommerferien 2027"]


def test_grid_rows_flatten_for_csv() -> None:
    fest = GridItem(
        GridKind.MAJOR_EVENT,
        "event:1",
        "Kunstfest",
        date(2027, 8, 27),
        date(2027, 8, 29),
        "weimar",
        "weimar GmbH",
        30000,
    )
    rows = grid_rows(year_grid(2027, CITIES, [fest]))
    assert rows == [
        (
            "2027-W34",
            "2027-08-23",
            "2027-08-29",
            "weimar",
            "major_event",
            "Kunstfest",
            "2027-08-27",
            "2027-08-29",
            "weimar GmbH",
            "30000",
        )
    ]
