"""Money helpers shared by every domain: one rounding rule, one way to split a sum.

Amounts are ``Decimal`` euros. ``round_money`` rounds half up to the cent (the
commercial rounding of German public finance). ``split_by_weights`` distributes a
total over weighted parties with the largest-remainder method, so the shares are
exact to the cent and always add up to the total.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TypeVar

CENT = Decimal("0.01")
K = TypeVar("K")


class AllocationError(ValueError):
    """The weights cannot split a total (no positive weight, or a negative one)."""


def round_money(amount: Decimal) -> Decimal:
    """Round a euro amount half up to whole cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split_by_weights(total: Decimal, weights: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """Split ``total`` (a cent amount) in proportion to ``weights``.

    Every party first gets its exact share rounded down to the cent; the cents
    left over go one by one to the parties with the largest remainders (ties:
    larger weight first, then the order of ``weights``). The result keeps the
    order of ``weights`` and sums exactly to ``total``.
    """
    if total != total.quantize(CENT):
        raise AllocationError(f"The total {total} is not a whole number of cents.")
    negative = [key for key, weight in weights.items() if weight < 0]
    if negative:
        raise AllocationError(
            f"Weights must not be negative: {negative[0]!r} has {weights[negative[0]]}."
        )
    weight_sum = sum(weights.values(), Decimal(0))
    if weight_sum == 0:
        raise AllocationError("At least one weight must be positive to split an amount.")
    sign = Decimal(-1) if total < 0 else Decimal(1)
    cents = int((abs(total) / CENT).to_integral_value())
    exact = {key: Decimal(cents) * weight / weight_sum for key, weight in weights.items()}
    floors = {
        key: int(value.to_integral_value(rounding=ROUND_DOWN)) for key, value in exact.items()
    }
    left = cents - sum(floors.values())
    order = list(weights)
    position = {key: index for index, key in enumerate(order)}
    ranked = sorted(
        order, key=lambda key: (-(exact[key] - floors[key]), -weights[key], position[key])
    )
    for key in ranked[:left]:
        floors[key] += 1
    return {key: sign * Decimal(floors[key]) * CENT for key in order}
