import pytest

from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.domain.rotation import propose_next_chair

pytestmark = pytest.mark.domain

ORDER = ("Erfurt", "Weimar", "Jena", "Weimarer Land")
ALL = frozenset(ORDER)


@pytest.mark.parametrize(
    ("history", "year", "eligible", "expected", "reason"),
    [
        pytest.param(
            {},
            2025,
            ALL,
            "Erfurt",
            "first in the rotation order; no earlier chair recorded",
            id="no-history",
        ),
        pytest.param(
            {2023: "Erfurt", 2024: "Weimar"},
            2025,
            ALL,
            "Jena",
            "next in the rotation order after Weimar, chair in 2024",
            id="next-after-last",
        ),
        pytest.param(
            {2024: "Weimarer Land"},
            2025,
            ALL,
            "Erfurt",
            "next in the rotation order after Weimarer Land, chair in 2024",
            id="wraps-around",
        ),
        pytest.param(
            {2024: "Weimar"},
            2025,
            ALL - {"Jena"},
            "Weimarer Land",
            "next in the rotation order after Weimar, chair in 2024",
            id="skips-former-member",
        ),
        pytest.param(
            {2022: "Weimar", 2026: "Erfurt"},
            2025,
            ALL,
            "Jena",
            "next in the rotation order after Weimar, chair in 2022",
            id="ignores-later-years",
        ),
        pytest.param(
            {2024: "Gotha"},
            2025,
            ALL,
            "Erfurt",
            "first in the rotation order; the chair of 2024 (Gotha) is not in the order",
            id="last-chair-not-in-order",
        ),
    ],
)
def test_propose_next_chair(history, year, eligible, expected, reason):
    proposal = propose_next_chair(ORDER, history, year, eligible)

    assert (proposal.organisation, proposal.reason.text) == (expected, reason)


def test_propose_next_chair_refuses_order_without_members():
    with pytest.raises(RuleError, match="names no organisation"):
        propose_next_chair(ORDER, {}, 2025, frozenset({"Gotha"}))
