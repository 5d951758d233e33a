"""Thuringian public holidays agree with the published list in the shared data."""

from __future__ import annotations

import json
from datetime import date

import pytest

from impulsregion.transit.domain.holidays import is_thuringian_holiday, thuringia_holidays

pytestmark = pytest.mark.domain


@pytest.mark.parametrize("year", [2020, 2023, 2025, 2028])
def test_holidays_match_open_holidays_list(shared_data, year):
    published = json.loads(
        (shared_data / "holidays-thueringen" / "public_holidays_DE.json").read_text()
    )
    expected = {
        date.fromisoformat(h["startDate"])
        for h in published["holidays"]
        if "TH" in h.get("states", []) and h["startDate"].startswith(str(year))
    }

    assert set(thuringia_holidays(year)) == expected


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        pytest.param(date(2018, 9, 20), False, id="no-weltkindertag-before-2019"),
        pytest.param(date(2025, 9, 20), True, id="weltkindertag"),
        pytest.param(date(2025, 4, 18), True, id="karfreitag-2025"),
        pytest.param(date(2025, 4, 19), False, id="holy-saturday"),
    ],
)
def test_is_thuringian_holiday(day, holiday):
    assert is_thuringian_holiday(day) is holiday
