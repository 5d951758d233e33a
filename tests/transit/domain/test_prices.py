"""Price versions, the lookup order of price rows, and the price CSV."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from impulsregion.transit.domain.network import Family
from impulsregion.transit.domain.prices import (
    CsvProblem,
    NoPriceVersionError,
    PriceCsvError,
    PriceRow,
    PriceTable,
    overlapping_versions,
    parse_price_csv,
    table_on,
)
from tests.factories.transit import make_version

pytestmark = pytest.mark.domain

HEADER = "valid_from,valid_until,product,passenger,family,preisstufe,amount,illustrative,source\n"
KNOWN = {"products": ["single", "day"], "passengers": ["adult", "child"]}


def test_lookup_prefers_the_most_specific_row():
    table = PriceTable.of(
        make_version(),
        [
            PriceRow("single", "adult", Family.REGIO, 3, Decimal("4.00")),
            PriceRow("single", "adult", Family.REGIO, None, Decimal("5.00")),
            PriceRow("single", "adult", None, 2, Decimal("6.00")),
            PriceRow("single", "adult", None, None, Decimal("7.00")),
        ],
    )

    found = [
        table.price("single", "adult", Family.REGIO, 3).amount,
        table.price("single", "adult", Family.REGIO, 4).amount,
        table.price("single", "adult", Family.CITY, 2).amount,
        table.price("single", "adult", Family.CITY, 1).amount,
    ]

    assert found == [Decimal("4.00"), Decimal("5.00"), Decimal("6.00"), Decimal("7.00")]
    assert table.price("single", "child", Family.CITY, 1) is None


def test_table_on_finds_the_covering_version():
    old = PriceTable.of(make_version("2024-08-01", "2025-07-31", "old"), [])
    new = PriceTable.of(make_version("2025-08-01", None, "new"), [])

    assert table_on([old, new], date(2025, 7, 31)) is old
    assert table_on([old, new], date(2031, 1, 1)) is new
    with pytest.raises(NoPriceVersionError) as caught:
        table_on([new, old], date(2024, 7, 31))
    assert [v.label for v in caught.value.versions] == ["old", "new"]


@pytest.mark.parametrize(
    ("periods", "clashes"),
    [
        pytest.param([("2024-08-01", "2025-07-31"), ("2025-08-01", None)], 0, id="consecutive"),
        pytest.param([("2024-08-01", "2025-08-01"), ("2025-08-01", None)], 1, id="one-shared-day"),
        pytest.param([("2024-08-01", None), ("2025-08-01", None)], 1, id="two-open-ended"),
        pytest.param([("2025-08-01", None), ("2020-01-01", "2020-12-31")], 0, id="unordered-apart"),
    ],
)
def test_overlapping_versions(periods, clashes):
    versions = [make_version(a, b, f"v{i}") for i, (a, b) in enumerate(periods)]

    assert len(overlapping_versions(versions)) == clashes


def test_parse_valid_csv():
    text = (
        HEADER
        + '2025-08-01,,single,adult,city,1,"2,90",no,VMT\n2025-08-01,2026-07-31,day,child,*,*,5.10,yes,\n'
    )

    parsed = parse_price_csv(text, **KNOWN)

    assert [(p.valid_from, p.valid_until, p.row) for p in parsed] == [
        (
            date(2025, 8, 1),
            None,
            PriceRow("single", "adult", Family.CITY, 1, Decimal("2.90"), False, "VMT"),
        ),
        (
            date(2025, 8, 1),
            date(2026, 7, 31),
            PriceRow("day", "child", None, None, Decimal("5.10"), True, ""),
        ),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param(
            "2025-13-01,,single,adult,city,1,2.90,no,",
            CsvProblem(2, "valid_from", "bad_date", "2025-13-01"),
            id="bad-date",
        ),
        pytest.param(
            "2025-08-01,2025-01-01,single,adult,city,1,2.90,no,",
            CsvProblem(2, "valid_until", "period_inverted", "2025-01-01"),
            id="inverted-period",
        ),
        pytest.param(
            "2025-08-01,x,single,adult,city,1,2.90,no,",
            CsvProblem(2, "valid_until", "bad_date", "x"),
            id="bad-end-date",
        ),
        pytest.param(
            "2025-08-01,,bus,adult,city,1,2.90,no,",
            CsvProblem(2, "product", "unknown_product", "bus"),
            id="unknown-product",
        ),
        pytest.param(
            "2025-08-01,,single,,city,1,2.90,no,",
            CsvProblem(2, "passenger", "missing", ""),
            id="missing-passenger",
        ),
        pytest.param(
            "2025-08-01,,single,dog,city,1,2.90,no,",
            CsvProblem(2, "passenger", "unknown_passenger", "dog"),
            id="unknown-passenger",
        ),
        pytest.param(
            "2025-08-01,,single,adult,metro,1,2.90,no,",
            CsvProblem(2, "family", "bad_family", "metro"),
            id="bad-family",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,0,2.90,no,",
            CsvProblem(2, "preisstufe", "bad_preisstufe", "0"),
            id="preisstufe-zero",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,-2.90,no,",
            CsvProblem(2, "amount", "negative", "-2.90"),
            id="negative-price",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,2.905,no,",
            CsvProblem(2, "amount", "too_precise", "2.905"),
            id="fraction-of-cent",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,zwei,no,",
            CsvProblem(2, "amount", "bad_decimal", "zwei"),
            id="not-a-number",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,NaN,no,",
            CsvProblem(2, "amount", "bad_decimal", "NaN"),
            id="nan",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,,no,",
            CsvProblem(2, "amount", "missing", ""),
            id="missing-amount",
        ),
        pytest.param(
            "2025-08-01,,single,adult,city,1,2.90,maybe,",
            CsvProblem(2, "illustrative", "bad_flag", "maybe"),
            id="bad-flag",
        ),
    ],
)
def test_parse_reports_row_and_column(line, problem):
    with pytest.raises(PriceCsvError) as caught:
        parse_price_csv(HEADER + line + "\n", **KNOWN)

    assert caught.value.problems == (problem,)


def test_parse_reports_every_problem_of_the_file():
    text = (
        HEADER
        + "2025-08-01,,single,adult,city,1,2.90,no,\nbad,,single,adult,city,1,-1,no,\n2025-08-01,,single,adult,city,1,3.00,no,\n"
    )

    with pytest.raises(PriceCsvError) as caught:
        parse_price_csv(text, **KNOWN)

    assert caught.value.problems == (
        CsvProblem(3, "valid_from", "bad_date", "bad"),
        CsvProblem(3, "amount", "negative", "-1"),
        CsvProblem(4, "product", "duplicate", "2"),
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        pytest.param(
            "product,amount\n",
            (
                CsvProblem(1, "valid_from", "missing_column"),
                CsvProblem(1, "passenger", "missing_column"),
            ),
            id="missing-columns",
        ),
        pytest.param(HEADER, (CsvProblem(1, "", "empty"),), id="no-rows"),
        pytest.param(
            "",
            tuple(
                CsvProblem(1, c, "missing_column")
                for c in ("valid_from", "product", "passenger", "amount")
            ),
            id="empty-file",
        ),
    ],
)
def test_parse_refuses_unusable_files(text, problems):
    with pytest.raises(PriceCsvError) as caught:
        parse_price_csv(text, **KNOWN)

    assert caught.value.problems == problems
