"""Validity periods and time windows of products."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from impulsregion.transit.domain.products import (
    RecognisedTicket,
    TimeWindow,
    Validity,
    ValidityKind,
)
from tests.factories.transit import BERLIN, make_single

pytestmark = pytest.mark.domain


def moment(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("validity", "start", "preisstufe", "end"),
    [
        pytest.param(
            Validity(ValidityKind.MINUTES, ((1, 60), (2, 90), (4, 120))),
            moment(2025, 9, 1, 10),
            1,
            moment(2025, 9, 1, 11),
            id="ps1-60-minutes",
        ),
        pytest.param(
            Validity(ValidityKind.MINUTES, ((1, 60), (2, 90), (4, 120))),
            moment(2025, 9, 1, 10),
            3,
            moment(2025, 9, 1, 11, 30),
            id="ps3-90-minutes",
        ),
        pytest.param(
            Validity(ValidityKind.MINUTES, ((1, 60), (2, 90), (4, 120))),
            moment(2025, 9, 1, 23, 30),
            9,
            moment(2025, 9, 2, 1, 30),
            id="ps9-past-midnight",
        ),
        pytest.param(
            Validity(ValidityKind.NEXT_DAY, until=time(3)),
            moment(2025, 12, 31, 22),
            1,
            moment(2026, 1, 1, 3),
            id="day-ticket-new-year",
        ),
        pytest.param(
            Validity(ValidityKind.DAYS, days=7),
            moment(2025, 9, 1, 10),
            1,
            moment(2025, 9, 8),
            id="week",
        ),
        pytest.param(
            Validity(ValidityKind.MONTH),
            moment(2025, 1, 31, 10),
            1,
            moment(2025, 2, 28),
            id="month-from-31-january",
        ),
        pytest.param(
            Validity(ValidityKind.MONTH),
            moment(2025, 12, 15, 10),
            1,
            moment(2026, 1, 15),
            id="month-over-new-year",
        ),
    ],
)
def test_validity_ends(validity, start, preisstufe, end):
    assert validity.ends(start, preisstufe) == end


@pytest.mark.parametrize(
    ("when", "allowed"),
    [
        pytest.param(moment(2025, 9, 1, 8, 59), False, id="monday-0859"),
        pytest.param(moment(2025, 9, 1, 9, 0), True, id="monday-0900"),
        pytest.param(moment(2025, 9, 7, 6, 0), True, id="sunday-early"),
        pytest.param(moment(2025, 12, 25, 6, 0), True, id="christmas-thursday"),
    ],
)
def test_time_window(when, allowed):
    holidays = {date(2025, 12, 25)}

    assert TimeWindow(time(9)).allows(when, holidays.__contains__) is allowed


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "day", "on_sale"),
    [
        pytest.param(None, None, date(2000, 1, 1), True, id="always"),
        pytest.param(date(2025, 8, 1), None, date(2025, 7, 31), False, id="before-start"),
        pytest.param(None, date(2025, 7, 31), date(2025, 8, 1), False, id="after-end"),
        pytest.param(date(2025, 8, 1), date(2025, 8, 31), date(2025, 8, 31), True, id="last-day"),
    ],
)
def test_product_and_recognised_ticket_on_sale(valid_from, valid_until, day, on_sale):
    product = make_single(valid_from=valid_from, valid_until=valid_until)
    ticket = RecognisedTicket("d", "D", "D", "", "", valid_from, valid_until)

    assert product.on_sale(day) is on_sale
    assert ticket.on(day) is on_sale
