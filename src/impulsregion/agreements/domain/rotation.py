"""Chair rotation: propose next year's board chair from the office's rotation order.

The chair is elected yearly; by custom the chair passes along a fixed order of member
organisations. The proposal is the organisation after the most recent chair (before the
given year) in that order, skipping those no longer eligible (e.g. left the association);
with no history, the first eligible organisation in the order. It is only a proposal: the
general assembly elects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from impulsregion.agreements.domain.messages import Message, RuleError, gettext_noop


@dataclass(frozen=True)
class ChairProposal:
    year: int
    organisation: str
    reason: Message


def propose_next_chair(
    order: Sequence[str],
    chairs_by_year: Mapping[int, str],
    year: int,
    eligible: Set[str],
) -> ChairProposal:
    candidates = [name for name in order if name in eligible]
    if not candidates:
        raise RuleError(
            gettext_noop("The rotation order names no organisation that is currently a member.")
        )
    earlier = [y for y in chairs_by_year if y < year]
    if not earlier:
        return ChairProposal(
            year,
            candidates[0],
            Message(gettext_noop("first in the rotation order; no earlier chair recorded")),
        )
    last_year = max(earlier)
    last = chairs_by_year[last_year]
    if last not in order:
        return ChairProposal(
            year,
            candidates[0],
            Message(
                gettext_noop(
                    "first in the rotation order; the chair of %(year)d (%(chair)s) is not in the order"
                ),
                {"year": last_year, "chair": last},
            ),
        )
    start = order.index(last)
    for step in range(1, len(order) + 1):
        name = order[(start + step) % len(order)]
        if name in eligible:
            return ChairProposal(
                year,
                name,
                Message(
                    gettext_noop("next in the rotation order after %(chair)s, chair in %(year)d"),
                    {"year": last_year, "chair": last},
                ),
            )
    raise AssertionError("unreachable: candidates is not empty")  # pragma: no cover
