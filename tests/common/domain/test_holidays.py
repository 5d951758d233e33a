import json
from datetime import date
from pathlib import Path

import pytest

from impulsregion.common.domain.holidays import (
    HolidayDataError,
    HolidayKind,
    SchoolSeason,
    easter_sunday,
    load_holidays,
    parse_holidays,
)

pytestmark = pytest.mark.domain

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "holidays-thueringen"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(2024, date(2024, 3, 31), id="2024-march"),
        pytest.param(2025, date(2025, 4, 20), id="2025"),
        pytest.param(2027, date(2027, 3, 28), id="2027"),
        pytest.param(2038, date(2038, 4, 25), id="latest-possible"),
        pytest.param(2285, date(2285, 3, 22), id="earliest-possible"),
    ],
)
def test_easter_sunday_matches_known_dates(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_public_holidays_2027_are_the_thuringian_ones() -> None:
    holidays = load_holidays().public_holidays(2027)

    assert [(h.start, h.key) for h in holidays] == [
        (date(2027, 1, 1), "new_year"),
        (date(2027, 3, 26), "good_friday"),
        (date(2027, 3, 29), "easter_monday"),
        (date(2027, 5, 1), "labour_day"),
        (date(2027, 5, 6), "ascension"),
        (date(2027, 5, 17), "whit_monday"),
        (date(2027, 9, 20), "world_childrens_day"),
        (date(2027, 10, 3), "german_unity"),
        (date(2027, 10, 31), "reformation_day"),
        (date(2027, 12, 25), "christmas_day"),
        (date(2027, 12, 26), "boxing_day"),
    ]


def test_world_childrens_day_only_from_2019() -> None:
    keys = {h.key for h in load_holidays().public_holidays(2018)}
    assert "world_childrens_day" not in keys


def test_summer_holidays_2027_are_known() -> None:
    summer = [
        h
        for h in load_holidays().holidays_between(date(2027, 7, 1), date(2027, 8, 31))
        if h.season == SchoolSeason.SUMMER
    ]
    assert [(h.start, h.end, h.name_de) for h in summer] == [
        (date(2027, 7, 10), date(2027, 8, 20), "Sommerferien 2027")
    ]


def _shared_school_periods() -> set[tuple[date, date]]:
    data = json.loads((SHARED / "school_holidays_TH.json").read_text(encoding="utf-8"))
    return {
        (date.fromisoformat(h["date"]), date.fromisoformat(h["endDate"])) for h in data["holidays"]
    }


def _shared_public_days() -> set[tuple[date, str]]:
    data = json.loads((SHARED / "public_holidays_DE.json").read_text(encoding="utf-8"))
    return {
        (date.fromisoformat(h["startDate"]), h["name"])
        for h in data["holidays"]
        if "TH" in h["states"]
    }


def test_school_holidays_agree_with_independent_copy() -> None:
    ours = load_holidays().school_holidays
    first, last = ours[0].start, ours[-1].end
    theirs = {p for p in _shared_school_periods() if p[0] >= first and p[1] <= last}

    assert {(h.start, h.end) for h in ours} == theirs


def test_public_holidays_agree_with_independent_copy_2020_to_2028() -> None:
    calendar = load_holidays()
    ours = {
        (h.start, h.name_de) for year in range(2020, 2029) for h in calendar.public_holidays(year)
    }

    assert ours == _shared_public_days()


def test_holidays_between_lists_public_and_school_in_order() -> None:
    found = load_holidays().holidays_between(date(2027, 5, 6), date(2027, 5, 7))
    assert [(h.kind, h.key) for h in found] == [
        (HolidayKind.PUBLIC, "ascension"),
        (HolidayKind.SCHOOL, "school_free_day-2027-05-07"),
    ]


def test_data_version_and_reference_date_present() -> None:
    calendar = load_holidays()
    assert calendar.version == "2026.11.1"
    assert calendar.reference_date == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            'version = "1"\nreference_date = 2026-01-01\n[[public]]\nkey = "x"\nname_de = "x"\nname_en = "x"\n'
            '[[school]]\nseason = "summer"\nstart = 2027-07-10\nend = 2027-08-20\n',
            "neither a day nor an Easter offset",
            id="rule-without-date",
        ),
        pytest.param(
            'version = "1"\nreference_date = 2026-01-01\n[[school]]\nseason = "summer"\nstart = 2027-07-10\nend = 2027-07-01\n',
            "invalid end",
            id="period-reversed",
        ),
        pytest.param(
            'version = "1"\nreference_date = 2026-01-01\n',
            "no school holidays",
            id="no-school-holidays",
        ),
    ],
)
def test_parse_holidays_rejects_inconsistent_files(text: str, message: str) -> None:
    with pytest.raises(HolidayDataError, match=message):
        parse_holidays(text)


def test_holiday_days_iterates_inclusive_range() -> None:
    christmas = load_holidays().holidays_between(date(2026, 12, 23), date(2026, 12, 23))[0]
    assert next(iter(christmas.days())) == date(2026, 12, 23)
    assert list(christmas.days())[-1] == date(2027, 1, 2)
    assert load_holidays().school_years_known() == (date(2024, 12, 23), date(2029, 1, 5))
