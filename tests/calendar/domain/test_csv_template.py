from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsregion.calendar.domain.csv_template import parse_csv
from impulsregion.calendar.domain.types import CANCELLED, UnusableSource, Window

pytestmark = pytest.mark.domain

WINDOW = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
HEADER = "id;title_de;start_date;start_time;end_date;end_time;venue;postal_code;town;price;families;cancelled;ticket_url\n"


@pytest.mark.parametrize(
    ("row", "start", "end", "all_day"),
    [
        pytest.param(
            "a;Konzert;24.12.2026;19:30;;21:00;;;;;;;",
            "2026-12-24T19:30:00+01:00",
            "2026-12-24T21:00:00+01:00",
            False,
            id="german-date",
        ),
        pytest.param(
            "a;Konzert;24.12.26;19.30 Uhr;;;;;;;;;",
            "2026-12-24T19:30:00+01:00",
            None,
            False,
            id="two-digit-year-uhr",
        ),
        pytest.param(
            "a;Fest;2026-07-03;;2026-07-05;;;;;;;;",
            "2026-07-03T00:00:00+02:00",
            "2026-07-06T00:00:00+02:00",
            True,
            id="iso-all-day-range",
        ),
        pytest.param(
            "a;Konzert;So., 01.03.2026;19 Uhr;;21:30:00;;;;;;;",
            "2026-03-01T19:00:00+01:00",
            "2026-03-01T21:30:00+01:00",
            False,
            id="weekday-hour-and-spreadsheet-time",
        ),
        pytest.param(
            "a;Konzert;2026-03-01 00:00:00;19h;;;;;;;;;",
            "2026-03-01T19:00:00+01:00",
            None,
            False,
            id="spreadsheet-date-cell",
        ),
    ],
)
def test_dates_and_times(row: str, start: str, end: str | None, all_day: bool) -> None:
    (event,) = parse_csv((HEADER + row).encode(), window=WINDOW).events

    (span,) = event.spans

    assert (span.start.isoformat(), span.end.isoformat() if span.end else None, span.all_day) == (
        start,
        end,
        all_day,
    )


@pytest.mark.parametrize(
    ("row", "code", "detail"),
    [
        pytest.param(
            "a;Konzert;31.02.2026;;;;;;;;;;", "bad-date", "2: 31.02.2026", id="impossible-date"
        ),
        pytest.param("a;Konzert;01.03.2026;25:00;;;;;;;;;", "bad-time", "2: 25:00", id="bad-time"),
        pytest.param("a;Konzert;01.03.2026;19;;;;;;;;;", "bad-time", "2: 19", id="bare-hour"),
        pytest.param(
            "a;Konzert;Fr, 01.03.2026;;;;;;;;;;",
            "weekday-mismatch",
            "2: Fr, 01.03.2026",
            id="weekday-not-the-date's",
        ),
        pytest.param(
            "a;Konzert;Xy, 01.03.2026;;;;;;;;;;", "bad-date", "2: Xy, 01.03.2026", id="no-weekday"
        ),
        pytest.param("a;;01.03.2026;;;;;;;;;;", "no-title", "2: title_de", id="no-title"),
        pytest.param(
            "a;Konzert;01.03.2026;20:00;;19:00;;;;;;;",
            "end-before-start",
            "2: 19:00",
            id="end-before-start",
        ),
        pytest.param(
            "a;Konzert;01.03.2026;;;;;;;;;;javascript:alert(1)",
            "bad-url",
            "2: ticket_url: javascript:alert(1)",
            id="bad-url",
        ),
        pytest.param(
            "a;Alt;01.03.2020;;;;;;;;;;", "no-dates", "2: 01.03.2020", id="outside-window"
        ),
    ],
)
def test_bad_rows_are_reported_with_row_and_value(row: str, code: str, detail: str) -> None:
    good = "b;Gut;01.03.2026;;;;;;;;;;\n"

    result = parse_csv((HEADER + good + row).encode(), window=WINDOW)

    assert [e.external_id for e in result.events] == ["b"]
    assert [(p.code, p.detail.replace("3: ", "2: ")) for p in result.problems] == [(code, detail)]


def test_windows_1252_comma_separated_with_prices_and_flags() -> None:
    data = (
        "id,title_de,start_date,price,families,cancelled,venue,postal_code,town\n"
        'x,Märchenstunde,05.05.2026,"8,50 – 12 €",ja,ja,Stadtbibliothek,99423,Weimar\n'
        "y,Offenes Atelier,06.05.2026,Eintritt frei,,,,,\n"
    ).encode("cp1252")

    paid, free = parse_csv(data, window=WINDOW).events

    assert (paid.price.minimum, paid.price.maximum, paid.audiences, paid.status) == (
        Decimal("8.50"),
        Decimal("12.00"),
        ("families",),
        CANCELLED,
    )
    assert paid.title_de == "Märchenstunde"
    assert paid.place is not None
    assert paid.place.postal_code == "99423"
    assert free.price.is_free is True


def test_excel_unicode_text_is_read() -> None:
    # Excel's "Unicode text": UTF-16 with a byte-order mark, separated by tabs
    data = (HEADER + "u1;Führung am Dom;05.05.2026;15:00;;;;;;;;;\n").replace(";", "\t")
    data = data.encode("utf-16")

    (event,) = parse_csv(data, window=WINDOW).events

    assert (event.title_de, event.spans[0].start.hour) == ("Führung am Dom", 15)


def test_a_workbook_instead_of_csv_is_rejected_with_advice() -> None:
    workbook = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"

    with pytest.raises(UnusableSource) as rejection:
        parse_csv(workbook, window=WINDOW)

    assert rejection.value.code == "binary-not-csv"


def test_missing_required_columns_rejects_the_file() -> None:
    with pytest.raises(UnusableSource) as rejection:
        parse_csv(b"name;date\nx;y\n", window=WINDOW)

    assert (rejection.value.code, rejection.value.detail) == (
        "csv-header",
        "id, title_de, start_date",
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=14), max_size=5))
def test_parser_never_crashes(rows: list[list[str]]) -> None:
    text = HEADER + "\n".join(";".join(c.replace("\n", " ") for c in r) for r in rows)
    with contextlib.suppress(UnusableSource):
        parse_csv(text.encode(), window=WINDOW)
