from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsregion.common.domain.money import AllocationError, round_money, split_by_weights

pytestmark = pytest.mark.domain


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param("2.345", "2.35", id="half-up"),
        pytest.param("2.344", "2.34", id="down"),
        pytest.param("-2.345", "-2.35", id="negative-half-away-from-zero"),
    ],
)
def test_round_money_rounds_half_up_to_cents(amount: str, expected: str) -> None:
    assert round_money(Decimal(amount)) == Decimal(expected)


def test_split_by_weights_gives_leftover_cent_to_largest_remainder() -> None:
    shares = split_by_weights(
        Decimal("100.00"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}
    )
    assert shares == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}


def test_split_by_weights_keeps_negative_totals_exact() -> None:
    shares = split_by_weights(Decimal("-0.05"), {"a": Decimal(1), "b": Decimal(1)})
    assert shares == {"a": Decimal("-0.03"), "b": Decimal("-0.02")}


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        pytest.param("1.00", {"a": Decimal(0)}, "At least one weight", id="all-zero"),
        pytest.param(
            "1.00", {"a": Decimal(-1), "b": Decimal(2)}, "must not be negative", id="negative"
        ),
        pytest.param("1.001", {"a": Decimal(1)}, "whole number of cents", id="sub-cent-total"),
    ],
)
def test_split_by_weights_refuses_bad_input(
    total: str, weights: dict[str, Decimal], message: str
) -> None:
    with pytest.raises(AllocationError, match=message):
        split_by_weights(Decimal(total), weights)


@given(
    cents=st.integers(min_value=0, max_value=10**11),
    weights=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=12).filter(
        any
    ),
)
def test_split_by_weights_is_exact_and_never_negative(cents: int, weights: list[int]) -> None:
    total = Decimal(cents) / 100
    shares = split_by_weights(total, {i: Decimal(w) for i, w in enumerate(weights)})
    assert sum(shares.values()) == total
    assert all(share >= 0 for share in shares.values())
    # more weight never means a smaller share
    ordered = sorted(range(len(weights)), key=lambda i: weights[i])
    for low, high in pairwise(ordered):
        if weights[high] > weights[low]:
            assert shares[high] >= shares[low]
