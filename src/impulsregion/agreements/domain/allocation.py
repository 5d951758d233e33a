"""Cost allocation: split a yearly total among the parties of an agreement by its key.

A key is one or more components, each bearing a percentage of the total (together exactly
100 %): ``equal`` (every party weight 1), ``population`` (inhabitants at a reference date),
``usage`` (e.g. tonnes delivered) and ``fixed`` (agreed percentages, together 100 %).

The algorithm, in prose (every step is kept in the returned :class:`Statement`):

1. Check the key and the inputs; refuse anything missing, negative or not adding up.
2. For each component, a party's *fraction* is its weight divided by the component's total
   weight; its *contribution* is the component percentage times that fraction.
3. A party's *combined share* is the sum of its contributions (a percentage of the total).
4. The total is split once by the combined shares with the largest-remainder method
   (``common.domain.money.split_by_weights``): each party first gets its exact amount rounded
   down to the cent, the leftover cents go to the largest remainders. The amounts are exact
   to the cent and add up to the total; a party with at least as much weight in every
   component never pays less than another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from impulsregion.agreements.domain.messages import RuleError, gettext_noop
from impulsregion.common.domain.money import CENT, split_by_weights

HUNDRED = Decimal(100)


class KeyKind(StrEnum):
    EQUAL = "equal"
    POPULATION = "population"
    USAGE = "usage"
    FIXED = "fixed"


@dataclass(frozen=True)
class KeyComponent:
    kind: KeyKind
    percent: Decimal


@dataclass(frozen=True)
class CostKey:
    components: tuple[KeyComponent, ...]

    @classmethod
    def single(cls, kind: KeyKind) -> CostKey:
        return cls((KeyComponent(kind, HUNDRED),))

    def validate(self) -> None:
        """Refuse an empty key, a repeated or non-positive component, or shares not adding up."""
        if not self.components:
            raise RuleError(gettext_noop("A cost-sharing key needs at least one component."))
        kinds = [c.kind for c in self.components]
        for kind in kinds:
            if kinds.count(kind) > 1:
                raise RuleError(
                    gettext_noop("The component “%(kind)s” appears more than once in the key."),
                    kind=kind.value,
                )
        for component in self.components:
            if component.percent <= 0:
                raise RuleError(
                    gettext_noop("The share of the component “%(kind)s” must be positive."),
                    kind=component.kind.value,
                )
        total = sum((c.percent for c in self.components), Decimal(0))
        if total != HUNDRED:
            raise RuleError(
                gettext_noop("The key's component shares add up to %(sum)s %%, not 100 %%."),
                sum=str(total),
            )


@dataclass(frozen=True)
class PartyInput:
    party: str
    population: int | None = None
    usage: Decimal | None = None
    fixed_percent: Decimal | None = None


@dataclass(frozen=True)
class ComponentLine:
    party: str
    weight: Decimal
    fraction: Decimal  # weight / component total weight
    contribution: Decimal  # component percent * fraction: percentage points of the total
    exact_amount: Decimal  # the component's part of the total for this party, unrounded


@dataclass(frozen=True)
class ComponentStep:
    component: KeyComponent
    amount: Decimal  # the component's part of the total, unrounded
    total_weight: Decimal
    lines: tuple[ComponentLine, ...]


@dataclass(frozen=True)
class PartyShare:
    party: str
    percent: Decimal  # combined share of the total
    exact_amount: Decimal
    floor_amount: Decimal
    amount: Decimal

    @property
    def extra_cent(self) -> Decimal:
        """The cent the largest-remainder step added (0.00 or 0.01)."""
        return self.amount - self.floor_amount


@dataclass(frozen=True)
class Statement:
    total: Decimal
    key: CostKey
    steps: tuple[ComponentStep, ...]
    shares: tuple[PartyShare, ...]
    reference_date: date | None = None

    @property
    def allocated(self) -> Decimal:
        return sum((s.amount for s in self.shares), Decimal(0))

    def amount_for(self, party: str) -> Decimal:
        return next(s.amount for s in self.shares if s.party == party)


_MISSING = {
    KeyKind.POPULATION: gettext_noop("No population figure for %(party)s."),
    KeyKind.USAGE: gettext_noop("No usage figure for %(party)s."),
    KeyKind.FIXED: gettext_noop("No fixed percentage for %(party)s."),
}
_NEGATIVE = {
    KeyKind.POPULATION: gettext_noop("The population of %(party)s must not be negative."),
    KeyKind.USAGE: gettext_noop("The usage of %(party)s must not be negative."),
    KeyKind.FIXED: gettext_noop("The fixed percentage of %(party)s must not be negative."),
}
_ALL_ZERO = {
    KeyKind.POPULATION: gettext_noop(
        "The population figures add up to zero; nothing can be split by them."
    ),
    KeyKind.USAGE: gettext_noop("The usage figures add up to zero; nothing can be split by them."),
    KeyKind.FIXED: gettext_noop(
        "The fixed percentages add up to zero; nothing can be split by them."
    ),
}


def weight_of(party: PartyInput, kind: KeyKind) -> Decimal:
    """The party's weight in a component of ``kind``; refuses missing or negative inputs."""
    if kind is KeyKind.EQUAL:
        return Decimal(1)
    value = {
        KeyKind.POPULATION: party.population,
        KeyKind.USAGE: party.usage,
        KeyKind.FIXED: party.fixed_percent,
    }[kind]
    if value is None:
        raise RuleError(_MISSING[kind], party=party.party)
    if value < 0:
        raise RuleError(_NEGATIVE[kind], party=party.party)
    return Decimal(value)


def _validate_parties(parties: Sequence[PartyInput]) -> None:
    if not parties:
        raise RuleError(gettext_noop("A statement needs at least one party."))
    seen: set[str] = set()
    for party in parties:
        if party.party in seen:
            raise RuleError(gettext_noop("%(party)s appears more than once."), party=party.party)
        seen.add(party.party)


def _component_step(
    total: Decimal, component: KeyComponent, parties: Sequence[PartyInput]
) -> ComponentStep:
    weights = [weight_of(p, component.kind) for p in parties]
    total_weight = sum(weights, Decimal(0))
    if total_weight == 0:
        raise RuleError(_ALL_ZERO[component.kind])
    if component.kind is KeyKind.FIXED and total_weight != HUNDRED:
        raise RuleError(
            gettext_noop("The fixed percentages add up to %(sum)s %%, not 100 %%."),
            sum=str(total_weight),
        )
    amount = total * component.percent / HUNDRED
    lines = tuple(
        ComponentLine(
            party=p.party,
            weight=w,
            fraction=w / total_weight,
            contribution=component.percent * w / total_weight,
            exact_amount=amount * w / total_weight,
        )
        for p, w in zip(parties, weights, strict=True)
    )
    return ComponentStep(component, amount, total_weight, lines)


def allocate(
    total: Decimal,
    key: CostKey,
    parties: Sequence[PartyInput],
    reference_date: date | None = None,
) -> Statement:
    """Split ``total`` (whole cents) among ``parties`` by ``key``, showing every step."""
    if total != total.quantize(CENT):
        raise RuleError(
            gettext_noop("The total %(total)s is not a whole number of cents."), total=str(total)
        )
    key.validate()
    _validate_parties(parties)
    steps = tuple(_component_step(total, c, parties) for c in key.components)
    combined = {p.party: Decimal(0) for p in parties}
    for step in steps:
        for line in step.lines:
            combined[line.party] += line.contribution
    amounts = split_by_weights(total, combined)
    shares = []
    for party, percent in combined.items():
        exact = total * percent / HUNDRED
        shares.append(
            PartyShare(
                party=party,
                percent=percent,
                exact_amount=exact,
                floor_amount=exact.quantize(CENT, rounding=ROUND_DOWN),
                amount=amounts[party],
            )
        )
    return Statement(total, key, steps, tuple(shares), reference_date)
