from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsregion.calendar.domain.destination_one import parse_destination_one
from impulsregion.calendar.domain.types import BERLIN, UnusableSource, Window

pytestmark = pytest.mark.domain

FOLDER = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "destination-one"
EVERYTHING = Window(datetime(2020, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
TODAY = datetime(2022, 7, 13, tzinfo=BERLIN)

# file → {global_id: local starts} for a window from 2020 to 2100 (open series: 90 days from 2022-07-13)
EXPECTED = {
    "Response.json": {
        "e_100347853": ["2022-12-19 15:00"],
        "e_100354481": [
            "2022-02-17 15:00",
            "2022-04-01 11:00",
            "2022-04-02 11:00",
            "2022-04-03 11:00",
            "2022-12-16 15:00",
        ],
        "e_100350503": [
            "2022-11-05 11:00",
            "2022-11-06 11:00",
            "2022-11-12 11:00",
            "2022-11-13 11:00",
            "2022-11-19 11:00",
            "2022-11-20 11:00",
            "2022-12-01 19:00",
            "2022-12-22 19:00",
        ],
    },
    "ResponseWithSingleDate.json": {"e_100354481": ["2022-07-13 15:00"]},
    "ResponseWithRecurringDaily.json": {
        "e_100354481": [
            "2022-07-13 16:00",
            "2022-07-14 16:00",
            "2022-07-15 16:00",
            "2022-07-16 16:00",
            "2022-07-17 16:00",
        ]
    },
    "ResponseWithRecurringWeekly.json": {
        "e_100354481": ["2022-07-16 10:00", "2022-07-23 10:00", "2022-07-30 10:00"]
    },
    "ResponseWithRecurringMonthlyWithoutRepeatUntil.json": {
        "e_100354481": ["2022-08-06 10:00", "2022-09-03 10:00", "2022-10-01 10:00"]
    },
    "ResponseWithRecurringMonthlySecondWeekdayWithoutRepeatUntil.json": {
        "e_100354481": ["2022-08-13 10:00", "2022-09-10 10:00", "2022-10-08 10:00"]
    },
}


def _starts(event) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.start.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") for s in event.spans]


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.json")), ids=lambda p: p.name)
def test_every_file_imports_with_dates(path: Path) -> None:
    window = (
        Window(EVERYTHING.start, TODAY + timedelta(days=90))
        if "WithoutRepeatUntil" in path.name
        else EVERYTHING
    )
    if "Potentielly" in path.name:
        window = Window(datetime(2022, 7, 1, tzinfo=BERLIN), EVERYTHING.end)

    result = parse_destination_one(path.read_bytes(), window=window)

    assert result.problems == ()
    assert all(e.spans and e.title_de for e in result.events)
    if path.name in EXPECTED:
        assert {e.external_id: _starts(e) for e in result.events} == EXPECTED[path.name]
    if "Potentielly" in path.name:
        assert _starts(result.events[0]) == ["2022-07-02 10:00", "2022-07-09 10:00"]


def test_recurring_interval_takes_only_the_end_time_of_day() -> None:
    (event,) = parse_destination_one(
        (FOLDER / "ResponseWithRecurringDaily.json").read_bytes(), window=EVERYTHING
    ).events

    assert event.spans[0].end.isoformat() == "2022-07-13T17:00:00+02:00"


def test_open_series_stops_at_the_window() -> None:
    window = Window(EVERYTHING.start, TODAY + timedelta(days=10))
    data = (FOLDER / "ResponseWithRecurringDailyWithoutRepeatUntil.json").read_bytes()

    (event,) = parse_destination_one(data, window=window).events

    assert len(event.spans) == 10  # 13 … 22 July


def test_features_prices_tickets_and_html() -> None:
    features = parse_destination_one(
        (FOLDER / "ResponseWithFeatures.json").read_bytes(), window=EVERYTHING
    )
    prices = parse_destination_one(
        (FOLDER / "ResponseWithNewPriceInfoExtra.json").read_bytes(), window=EVERYTHING
    )
    tickets = parse_destination_one(
        (FOLDER / "ResponseWithTickets.json").read_bytes(), window=EVERYTHING
    )

    assert features.events[1].accessibility == ("wheelchair",)
    assert features.events[1].audiences == ("youth",)
    assert prices.events[0].price.text == "Preis Info Preis Info Extra"
    assert tickets.events[0].price.ticket_url.startswith("https://www.ticketshop-thueringen.de")
    assert "data-cke-saved-href" not in features.events[0].description_de


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"<html>", "not-json", id="html"),
        pytest.param(b'{"status": "OK"}', "not-destination-one", id="no-items"),
        pytest.param(b'{"items": []}', "no-events", id="empty"),
    ],
)
def test_unusable_responses_are_rejected(data: bytes, code: str) -> None:
    with pytest.raises(UnusableSource) as rejection:
        parse_destination_one(data, window=EVERYTHING)

    assert rejection.value.code == code


interval = st.fixed_dictionaries(
    {},
    optional={
        "start": st.sampled_from(["2022-07-13T10:00:00+02:00", "x", "", "2022-13-01"])
        | st.text(max_size=10),
        "end": st.sampled_from(["2022-07-10T16:00:00+02:00", ""]),
        "freq": st.sampled_from(["Daily", "Weekly", "Monthly", "Yearly", "Hourly", ""]),
        "weekdays": st.lists(st.sampled_from(["Saturday", "Funday", "Monday"]), max_size=3),
        "dayOrdinal": st.integers(-6, 6) | st.text(max_size=2),
        "weekday": st.sampled_from(["Saturday", "Nothing"]),
        "repeatUntil": st.sampled_from(
            ["2022-07-31T16:00:00+02:00", "2021-01-01T00:00+01:00", "bad"]
        ),
        "interval": st.integers(-2, 5) | st.none(),
        "tz": st.sampled_from(["Europe/Berlin", "Mars/Base", ""]),
    },
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "global_id": st.text(max_size=5),
                "title": st.text(max_size=10),
                "timeIntervals": st.lists(interval, max_size=3),
            }
        ),
        max_size=3,
    )
)
def test_parser_never_crashes(items: list[dict[str, object]]) -> None:
    window = Window(datetime(2022, 1, 1, tzinfo=UTC), datetime(2023, 1, 1, tzinfo=UTC))
    try:
        result = parse_destination_one(json.dumps({"items": items}).encode(), window=window)
    except UnusableSource:
        return
    assert all(len(e.spans) <= window.max_per_event * 3 for e in result.events)


def test_same_start_with_and_without_end_does_not_crash() -> None:
    item = {
        "global_id": "e_1",
        "title": "Tüftlerzeit",
        "timeIntervals": [
            {"start": "2022-07-13T10:00:00+02:00"},
            {
                "start": "2022-07-13T10:00:00+02:00",
                "end": "2022-07-10T16:00:00+02:00",
                "freq": "Daily",
            },
        ],
    }
    window = Window(datetime(2022, 7, 1, tzinfo=UTC), datetime(2022, 7, 15, tzinfo=UTC))

    (event,) = parse_destination_one(json.dumps({"items": [item]}).encode(), window=window).events

    assert [(s.start.day, s.end.hour if s.end else None) for s in event.spans] == [
        (13, None),
        (13, 16),
        (14, 16),
    ]


def test_an_end_repeating_the_start_means_no_end() -> None:
    item = {
        "global_id": "e_2",
        "title": "Orgelvesper",
        "timeIntervals": [
            {"start": "2022-07-13T17:00:00+02:00", "end": "2022-07-13T17:00:00+02:00"}
        ],
    }

    (event,) = parse_destination_one(
        json.dumps({"items": [item]}).encode(), window=EVERYTHING
    ).events

    assert [(s.start.hour, s.end) for s in event.spans] == [(17, None)]
