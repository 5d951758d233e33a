"""Einnahmeaufteilung: keys, inputs, and shares that add up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsregion.transit.domain.prices import CsvProblem
from impulsregion.transit.domain.revenue import (
    KeyPart,
    Measure,
    RevenueInputError,
    SharingKey,
    SharingKeyError,
    Usage,
    parse_key,
    parse_usage,
    share_revenue,
    summarise_sales,
)

pytestmark = pytest.mark.domain

D = Decimal


def usage(operator: str, pkm: str, seat_km: str = "0", boardings: str = "0") -> Usage:
    return Usage(operator, "r", D(pkm), D(seat_km), D(boardings))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("passenger_km", (KeyPart(Measure.PASSENGER_KM, D(1)),), id="single-measure"),
        pytest.param(
            "passenger_km:0.7, seat_km:0.3",
            (KeyPart(Measure.PASSENGER_KM, D("0.7")), KeyPart(Measure.SEAT_KM, D("0.3"))),
            id="weighted",
        ),
        pytest.param("boarding_km:2", (KeyPart(Measure.BOARDING_KM, D(2)),), id="boarding-plus-km"),
    ],
)
def test_parse_key(text, parts):
    assert parse_key(text).parts == parts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("bus_km", "Unknown measure", id="unknown-measure"),
        pytest.param("seat_km:abc", "not a number", id="bad-weight"),
        pytest.param("seat_km:0", "must be positive", id="zero-weight"),
        pytest.param("seat_km,seat_km:2", "only once", id="repeated"),
    ],
)
def test_parse_key_refuses(text, message):
    with pytest.raises(SharingKeyError, match=message):
        parse_key(text)


def test_parse_key_refuses_negative_rates():
    with pytest.raises(SharingKeyError, match="negative"):
        parse_key("boarding_km", per_km=D("-0.1"))


@pytest.mark.parametrize(
    ("key", "rows", "shares"),
    [
        pytest.param(
            parse_key("passenger_km"),
            [usage("a", "300"), usage("b", "100")],
            {"a": D("75.00"), "b": D("25.00")},
            id="passenger-km",
        ),
        pytest.param(
            parse_key("seat_km"),
            [usage("a", "1", "100"), usage("b", "1", "300")],
            {"a": D("25.00"), "b": D("75.00")},
            id="seat-km",
        ),
        pytest.param(
            parse_key("passenger_km:1,seat_km:1"),
            [usage("a", "300", "100"), usage("b", "100", "300")],
            {"a": D("50.00"), "b": D("50.00")},
            id="equal-combination",
        ),
        pytest.param(
            parse_key("boarding_km", fixed_per_boarding=D("1"), per_km=D("0.5")),
            [usage("a", "100", "0", "50"), usage("b", "100", "0", "150")],
            {"a": D("33.33"), "b": D("66.67")},
            id="fixed-per-boarding-plus-per-km",
        ),
        pytest.param(
            parse_key("passenger_km"),
            [usage("a", "1"), usage("b", "1"), usage("c", "1")],
            {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")},
            id="largest-remainder-thirds",
        ),
        pytest.param(
            parse_key("passenger_km"),
            [usage("b", "50"), usage("a", "25"), usage("b", "25")],
            {"a": D("25.00"), "b": D("75.00")},
            id="rows-summed-per-operator",
        ),
    ],
)
def test_share_revenue(key, rows, shares):
    result = share_revenue(D("100.00"), rows, key)

    assert result.shares == shares


def test_share_revenue_records_every_step():
    result = share_revenue(
        D("10.00"),
        [usage("a", "3", "1"), usage("b", "1", "1")],
        parse_key("passenger_km:3,seat_km:1"),
    )

    assert result.measures == {
        Measure.PASSENGER_KM: {"a": D(3), "b": D(1)},
        Measure.SEAT_KM: {"a": D(1), "b": D(1)},
    }
    assert result.fractions[Measure.PASSENGER_KM] == {"a": D("0.75"), "b": D("0.25")}
    assert result.weights == {"a": D("2.75"), "b": D("1.25")}
    assert result.shares == {"a": D("6.88"), "b": D("3.12")}
    assert result.key.describe() == "3 × passenger_km + 1 × seat_km"


def test_share_revenue_needs_the_measure():
    with pytest.raises(ValueError, match="seat_km"):
        share_revenue(D("1.00"), [usage("a", "1")], parse_key("seat_km"))


def test_share_revenue_needs_an_operator():
    with pytest.raises(ValueError, match="no operator"):
        share_revenue(D("1.00"), [], parse_key("seat_km"))


operators = st.sampled_from(["evag", "jenah", "swweimar", "pvg", "dbregio", "eb"])
amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
measure = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False)
rows = st.lists(
    st.builds(lambda o, p, s, b: Usage(o, "r", p, s, b), operators, measure, measure, measure),
    min_size=1,
    max_size=12,
)
keys = st.lists(st.sampled_from(list(Measure)), min_size=1, max_size=3, unique=True).flatmap(
    lambda ms: st.lists(
        st.decimals(min_value=D("0.01"), max_value=100, places=2),
        min_size=len(ms),
        max_size=len(ms),
    ).map(lambda ws: SharingKey(tuple(KeyPart(m, w) for m, w in zip(ms, ws, strict=True))))
)


@given(total=amounts, usage_rows=rows, key=keys)
def test_shares_add_up_to_the_cent(total, usage_rows, key):
    try:
        result = share_revenue(total, usage_rows, key)
    except ValueError:
        return  # a measure that nobody has cannot be used; covered above

    assert sum(result.shares.values(), D(0)) == total
    assert all(
        share == share.quantize(D("0.01")) and share >= 0 for share in result.shares.values()
    )
    assert set(result.shares) == {row.operator for row in usage_rows}


@given(total=amounts, usage_rows=rows)
def test_shares_never_differ_from_exact_share_by_a_cent_or_more(total, usage_rows):
    key = parse_key("passenger_km")
    pkm = sum((r.passenger_km for r in usage_rows), D(0))
    if pkm == 0:
        return
    result = share_revenue(total, usage_rows, key)

    for op, share in result.shares.items():
        exact = total * result.measures[Measure.PASSENGER_KM][op] / pkm
        assert abs(share - exact) < D("0.01")


def test_summarise_sales():
    lines = [
        "date,product,preisstufe,channel,quantity,amount",
        "2025-08-04,single,1,app,10,29.00",
        "2025-08-04,single,1,app,1,2.90",
        "2025-08-04,day,3,machine,2,13.40",
        "",
    ]

    summary = summarise_sales(lines)

    assert (summary.rows, summary.total) == (3, D("45.30"))
    assert summary.by_product == {"day": D("13.40"), "single": D("31.90")}
    assert summary.by_channel == {"app": D("31.90"), "machine": D("13.40")}
    assert summary.by_preisstufe == {"1": D("31.90"), "3": D("13.40")}


def test_summarise_sales_reports_bad_rows():
    lines = ["product,preisstufe,channel,amount", "single,1,app,x", "single,1,app"]

    with pytest.raises(RevenueInputError) as caught:
        summarise_sales(lines)

    assert caught.value.problems == (
        CsvProblem(2, "amount", "bad_decimal", "x"),
        CsvProblem(3, "amount", "bad_decimal", ""),
    )


def test_summarise_sales_needs_columns():
    with pytest.raises(RevenueInputError) as caught:
        summarise_sales(["product,amount"])

    assert [p.column for p in caught.value.problems] == ["preisstufe", "channel"]


def test_parse_usage():
    lines = [
        "operator,relation,passenger_km,seat_km,boardings",
        "evag,Erfurt,10.5,20,3",
        "jenah,,1,,",
    ]

    assert parse_usage(lines) == [
        Usage("evag", "Erfurt", D("10.5"), D(20), D(3)),
        Usage("jenah", "", D(1), D(0), D(0)),
    ]


def test_parse_usage_reports_every_problem():
    lines = ["operator,relation,passenger_km,seat_km,boardings", ",x,1,2,3", "evag,x,-1,zwei,3"]

    with pytest.raises(RevenueInputError) as caught:
        parse_usage(lines)

    assert caught.value.problems == (
        CsvProblem(2, "operator", "missing"),
        CsvProblem(3, "passenger_km", "negative", "-1"),
        CsvProblem(3, "seat_km", "bad_decimal", "zwei"),
    )
