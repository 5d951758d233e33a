"""Prices and positions out of range (#14, "Hardening"): a price the columns cannot hold (more
than 999,999.99), a negative one or no number at all (NaN) is not stated, and a position that is
on no globe (latitude 100,000) is none. Before, such values aborted an import (PostgreSQL,
and SQLite's decimal conversion) or, stored on SQLite, made every page with the event fail."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from impulsregion.calendar.domain.csv_template import parse_csv
from impulsregion.calendar.domain.destination_one import parse_destination_one
from impulsregion.calendar.domain.ical_import import parse_ics
from impulsregion.calendar.domain.thuecat import parse_thuecat
from impulsregion.calendar.domain.types import Window

pytestmark = pytest.mark.domain

WINDOW = Window(datetime(2026, 12, 1, tzinfo=UTC), datetime(2028, 12, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("cell", "minimum", "maximum", "is_free"),
    [
        pytest.param("99999999999999,99", None, None, None, id="beyond-the-columns"),
        pytest.param("8,50 bis 1000000 €", "8.50", "8.50", False, id="one-of-two-beyond"),
        pytest.param("999999,99", "999999.99", "999999.99", False, id="the-highest"),
    ],
)
def test_csv_keeps_only_prices_the_columns_hold(
    cell: str, minimum: str | None, maximum: str | None, is_free: bool | None
) -> None:
    data = f"id;title_de;start_date;price\na;Konzert;03.03.2027;{cell}\n".encode()

    (event,) = parse_csv(data, window=WINDOW).events

    assert (event.price.minimum, event.price.maximum, event.price.is_free) == (
        Decimal(minimum) if minimum else None,
        Decimal(maximum) if maximum else None,
        is_free,
    )
    assert event.price.text == cell


def _thuecat(price: object, latitude: object) -> bytes:
    event = {
        "@id": "e_a",
        "@type": "schema:Event",
        "schema:name": "Konzert",
        "schema:startDate": "2027-03-03",
        "schema:offers": {"schema:priceSpecification": [{"schema:price": price}]},
        "schema:location": {
            "schema:name": "Volkshaus",
            "schema:geo": {"schema:latitude": latitude, "schema:longitude": "11.58"},
        },
    }
    return json.dumps({"@graph": [event]}).encode()


@pytest.mark.parametrize(
    ("price", "latitude", "minimum", "position"),
    [
        pytest.param("NaN", "NaN", None, None, id="not-a-number"),
        pytest.param("-5", "-91", None, None, id="negative-and-beyond-the-pole"),
        pytest.param("1e20", "100000", None, None, id="far-beyond"),
        pytest.param("12.5", "50.9271", "12.50", ("50.927100", "11.580000"), id="in-range"),
    ],
)
def test_thuecat_keeps_only_prices_and_positions_in_range(
    price: str, latitude: str, minimum: str | None, position: tuple[str, str] | None
) -> None:
    (event,) = parse_thuecat([_thuecat(price, latitude)], window=WINDOW).events

    assert event.place is not None
    assert event.price.minimum == (Decimal(minimum) if minimum else None)
    place = (event.place.latitude, event.place.longitude)
    assert place == (tuple(Decimal(v) for v in position) if position else (None, None))


def test_icalendar_and_destination_one_drop_a_position_on_no_globe() -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        b"SUMMARY:Konzert\r\nDTSTART;TZID=Europe/Berlin:20270303T200000\r\nLOCATION:Volkshaus\r\n"
        b"GEO:100000;-100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    item = {
        "global_id": "a",
        "title": "Konzert",
        "name": "Volkshaus",
        "geo": {"main": {"latitude": 50.9, "longitude": 1e300}},
        "timeIntervals": [{"start": "2027-03-03T20:00:00+01:00"}],
    }
    d1 = json.dumps({"items": [item]}).encode()

    places = [
        parse_ics(ics, window=WINDOW).events[0].place,
        parse_destination_one(d1, window=WINDOW).events[0].place,
    ]

    assert [(p.name, p.latitude, p.longitude) for p in places if p] == [
        ("Volkshaus", None, None),
        ("Volkshaus", None, None),
    ]
