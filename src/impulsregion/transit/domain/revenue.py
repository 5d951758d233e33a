"""Einnahmeaufteilung: share the joint fare's revenue among the operators.

1. Sum the ticket sales (by product, Preisstufe and sales channel) to one total.
2. For every measure of the key, sum each operator's usage (passenger-km, seat-km,
   or a fixed amount per boarding plus an amount per passenger-km) and turn it
   into the operator's fraction of that measure.
3. Weight the fractions by the key's weights (they need not add up to 1).
4. Split the total by those weights with the largest-remainder method
   (``common.domain.money.split_by_weights``): every share is a whole number of
   cents and the shares add up exactly to the total.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from impulsregion.common.domain.money import CENT, split_by_weights
from impulsregion.transit.domain.prices import CsvProblem


class Measure(StrEnum):
    PASSENGER_KM = "passenger_km"
    SEAT_KM = "seat_km"
    BOARDING_KM = "boarding_km"  # fixed part per boarding + variable part per passenger-km


@dataclass(frozen=True, slots=True)
class KeyPart:
    measure: Measure
    weight: Decimal


@dataclass(frozen=True, slots=True)
class SharingKey:
    """A weighted combination of measures; rates apply to ``BOARDING_KM``."""

    parts: tuple[KeyPart, ...]
    fixed_per_boarding: Decimal = Decimal("1.00")
    per_km: Decimal = Decimal("0.10")

    def describe(self) -> str:
        return " + ".join(f"{part.weight} × {part.measure}" for part in self.parts)


class SharingKeyError(ValueError):
    """The key text cannot be read."""


def parse_key(
    text: str, *, fixed_per_boarding: Decimal = Decimal("1.00"), per_km: Decimal = Decimal("0.10")
) -> SharingKey:
    """Read ``passenger_km`` or ``passenger_km:0.7,seat_km:0.3`` (weights default to 1)."""
    parts = []
    for item in (piece.strip() for piece in text.split(",")):
        name, _, weight_text = item.partition(":")
        try:
            measure = Measure(name.strip())
        except ValueError:
            known = ", ".join(m.value for m in Measure)
            raise SharingKeyError(
                f"Unknown measure {name.strip()!r}; use one of {known}."
            ) from None
        try:
            weight = Decimal(weight_text.strip() or "1")
        except InvalidOperation:
            raise SharingKeyError(f"The weight {weight_text!r} is not a number.") from None
        if not weight.is_finite() or weight <= 0:
            raise SharingKeyError(f"The weight of {measure} must be positive.")
        parts.append(KeyPart(measure, weight))
    if len({part.measure for part in parts}) != len(parts):
        raise SharingKeyError("Each measure may appear only once in a key.")
    if fixed_per_boarding < 0 or per_km < 0:
        raise SharingKeyError("Rates must not be negative.")
    return SharingKey(tuple(parts), fixed_per_boarding, per_km)


@dataclass(frozen=True, slots=True)
class Usage:
    """Count or survey data: one operator on one relation."""

    operator: str
    relation: str
    passenger_km: Decimal
    seat_km: Decimal
    boardings: Decimal


@dataclass(frozen=True)
class SalesSummary:
    rows: int
    total: Decimal
    by_product: Mapping[str, Decimal]
    by_channel: Mapping[str, Decimal]
    by_preisstufe: Mapping[str, Decimal]


@dataclass(frozen=True)
class SharingResult:
    total: Decimal
    key: SharingKey
    operators: tuple[str, ...]
    measures: Mapping[Measure, Mapping[str, Decimal]]
    fractions: Mapping[Measure, Mapping[str, Decimal]]
    weights: Mapping[str, Decimal]
    shares: Mapping[str, Decimal]


class RevenueInputError(ValueError):
    def __init__(self, source: str, problems: Sequence[CsvProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in {source}.")
        self.source = source
        self.problems = tuple(problems)


SALES_COLUMNS = ("date", "product", "preisstufe", "channel", "quantity", "amount")
USAGE_COLUMNS = ("operator", "relation", "passenger_km", "seat_km", "boardings")
MAX_PROBLEMS = 50


def summarise_sales(lines: Iterable[str]) -> SalesSummary:
    """Sum a sales CSV (columns ``SALES_COLUMNS``; ``amount`` = revenue of the row in €)."""
    reader = csv.reader(lines)
    index = _header(next(reader, []), SALES_COLUMNS, "sales")
    product_i, level_i, channel_i, amount_i = (
        index[c] for c in ("product", "preisstufe", "channel", "amount")
    )
    by_key: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    problems: list[CsvProblem] = []
    rows = 0
    for line, record in enumerate(reader, start=2):
        if not record:
            continue
        rows += 1
        try:
            amount = Decimal(record[amount_i])
        except (InvalidOperation, IndexError):
            value = record[amount_i] if len(record) > amount_i else ""
            problems.append(CsvProblem(line, "amount", "bad_decimal", value))
            if len(problems) >= MAX_PROBLEMS:
                break
            continue
        by_key[(record[product_i], record[channel_i], record[level_i])] += amount
    if problems:
        raise RevenueInputError("sales", problems)
    return _summary(rows, by_key)


def _summary(rows: int, by_key: Mapping[tuple[str, str, str], Decimal]) -> SalesSummary:
    by_product: dict[str, Decimal] = defaultdict(Decimal)
    by_channel: dict[str, Decimal] = defaultdict(Decimal)
    by_level: dict[str, Decimal] = defaultdict(Decimal)
    for (product, channel, level), amount in by_key.items():
        by_product[product] += amount
        by_channel[channel] += amount
        by_level[level] += amount
    total = sum(by_key.values(), Decimal(0))
    return SalesSummary(
        rows, total.quantize(CENT), dict(sorted(by_product.items())),
        dict(sorted(by_channel.items())), dict(sorted(by_level.items())),
    )  # fmt: skip


def parse_usage(lines: Iterable[str]) -> list[Usage]:
    """Read a count/survey CSV (columns ``USAGE_COLUMNS``); every problem is reported."""
    reader = csv.reader(lines)
    index = _header(next(reader, []), USAGE_COLUMNS, "counts")
    usage: list[Usage] = []
    problems: list[CsvProblem] = []
    for line, record in enumerate(reader, start=2):
        if not record:
            continue
        values: dict[str, Decimal] = {}
        for column in ("passenger_km", "seat_km", "boardings"):
            raw = record[index[column]].strip() if len(record) > index[column] else ""
            try:
                values[column] = Decimal(raw or "0")
            except InvalidOperation:
                problems.append(CsvProblem(line, column, "bad_decimal", raw))
                continue
            if not values[column].is_finite() or values[column] < 0:
                problems.append(CsvProblem(line, column, "negative", raw))
        operator = record[index["operator"]].strip() if len(record) > index["operator"] else ""
        if not operator:
            problems.append(CsvProblem(line, "operator", "missing"))
        if len(values) == 3 and operator:
            relation = record[index["relation"]].strip() if len(record) > index["relation"] else ""
            usage.append(
                Usage(
                    operator,
                    relation,
                    values["passenger_km"],
                    values["seat_km"],
                    values["boardings"],
                )
            )
    if problems:
        raise RevenueInputError("counts", problems)
    return usage


def _header(header: Sequence[str], columns: Sequence[str], source: str) -> dict[str, int]:
    names = [name.strip().lstrip("\ufeff") for name in header]
    missing = [c for c in columns if c not in names and c not in ("date", "quantity", "relation")]
    if missing:
        raise RevenueInputError(source, [CsvProblem(1, c, "missing_column") for c in missing])
    return {c: names.index(c) if c in names else len(names) + 99 for c in columns}


def operator_measures(usage: Iterable[Usage], key: SharingKey) -> dict[Measure, dict[str, Decimal]]:
    """Each operator's total of every measure the key uses."""
    measures: dict[Measure, dict[str, Decimal]] = {
        part.measure: defaultdict(Decimal) for part in key.parts
    }
    for row in usage:
        for measure, totals in measures.items():
            totals[row.operator] += _value(row, measure, key)
    return {m: dict(totals) for m, totals in measures.items()}


def _value(row: Usage, measure: Measure, key: SharingKey) -> Decimal:
    if measure is Measure.PASSENGER_KM:
        return row.passenger_km
    if measure is Measure.SEAT_KM:
        return row.seat_km
    return row.boardings * key.fixed_per_boarding + row.passenger_km * key.per_km


def share_revenue(total: Decimal, usage: Sequence[Usage], key: SharingKey) -> SharingResult:
    """Split ``total`` among the operators in ``usage`` by ``key``, exact to the cent."""
    operators = tuple(sorted({row.operator for row in usage}))
    if not operators:
        raise ValueError("The count data names no operator.")
    measures = operator_measures(usage, key)
    fractions: dict[Measure, dict[str, Decimal]] = {}
    weights = dict.fromkeys(operators, Decimal(0))
    for part in key.parts:
        totals = measures[part.measure]
        measure_sum = sum(totals.values(), Decimal(0))
        if measure_sum == 0:
            raise ValueError(f"No operator has any {part.measure}; the key cannot use it.")
        fractions[part.measure] = {op: totals.get(op, Decimal(0)) / measure_sum for op in operators}
        for op in operators:
            weights[op] += part.weight * fractions[part.measure][op]
    shares = split_by_weights(total, weights)
    return SharingResult(total, key, operators, measures, fractions, weights, shares)
