"""Price versions and price tables: which amount applies on a given day.

A *price version* is valid from a first day to a last day (open-ended for the
current one); versions must not overlap. Its table maps (product, passenger type,
family, Preisstufe) to an amount. A row may leave family and/or Preisstufe open
(``None``): such a flat price (e.g. the Hopper ticket) applies to every family or
Preisstufe for which no more specific row exists.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from impulsregion.transit.domain.network import Family


@dataclass(frozen=True, slots=True)
class PriceVersion:
    label: str
    valid_from: date
    valid_until: date | None = None
    source: str = ""

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True, slots=True)
class PriceRow:
    product: str
    passenger: str
    family: Family | None
    preisstufe: int | None
    amount: Decimal
    illustrative: bool = False
    source: str = ""


PriceKey = tuple[str, str, Family | None, int | None]


@dataclass(frozen=True)
class PriceTable:
    version: PriceVersion
    rows: Mapping[PriceKey, PriceRow] = field(default_factory=dict)

    @classmethod
    def of(cls, version: PriceVersion, rows: Iterable[PriceRow]) -> PriceTable:
        return cls(version, {(r.product, r.passenger, r.family, r.preisstufe): r for r in rows})

    def price(
        self, product: str, passenger: str, family: Family, preisstufe: int
    ) -> PriceRow | None:
        """The most specific row: exact, then any Preisstufe, then any family."""
        rows = self.rows
        return (
            rows.get((product, passenger, family, preisstufe))
            or rows.get((product, passenger, family, None))
            or rows.get((product, passenger, None, preisstufe))
            or rows.get((product, passenger, None, None))
        )


class NoPriceVersionError(LookupError):
    """No price version covers the day; ``versions`` lists those that exist."""

    def __init__(self, day: date, versions: Sequence[PriceVersion]) -> None:
        super().__init__(f"No price version covers {day.isoformat()}.")
        self.day = day
        self.versions = tuple(versions)


def table_on(tables: Sequence[PriceTable], day: date) -> PriceTable:
    for table in tables:
        if table.version.covers(day):
            return table
    raise NoPriceVersionError(day, sorted((t.version for t in tables), key=lambda v: v.valid_from))


def overlapping_versions(
    versions: Iterable[PriceVersion],
) -> list[tuple[PriceVersion, PriceVersion]]:
    """Every pair of versions whose validity periods share at least one day."""
    clashes = []
    for a, b in itertools.combinations(versions, 2):
        a_end = a.valid_until or date.max
        b_end = b.valid_until or date.max
        if a.valid_from <= b_end and b.valid_from <= a_end:
            clashes.append((a, b))
    return clashes


# --- the price CSV ---------------------------------------------------------

PRICE_COLUMNS = (
    "valid_from",
    "valid_until",
    "product",
    "passenger",
    "family",
    "preisstufe",
    "amount",
    "illustrative",
    "source",
)
REQUIRED_COLUMNS = ("valid_from", "product", "passenger", "amount")
FLAGS = {
    "yes": True,
    "ja": True,
    "true": True,
    "1": True,
    "no": False,
    "nein": False,
    "false": False,
    "0": False,
    "": False,
}


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """One error in a price CSV: line number (header = 1), column, kind, offending value."""

    row: int
    column: str
    code: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class ParsedPrice:
    valid_from: date
    valid_until: date | None
    row: PriceRow


class PriceCsvError(ValueError):
    def __init__(self, problems: Sequence[CsvProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the price file.")
        self.problems = tuple(problems)


def parse_price_csv(
    text: str, *, products: Iterable[str], passengers: Iterable[str]
) -> list[ParsedPrice]:
    """Parse a price table; raise ``PriceCsvError`` listing every problem, or return all rows."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise PriceCsvError([CsvProblem(1, name, "missing_column") for name in missing])
    known = _Known(frozenset(products), frozenset(passengers))
    problems: list[CsvProblem] = []
    parsed: list[ParsedPrice] = []
    seen: dict[tuple[object, ...], int] = {}
    for line, raw in enumerate(reader, start=2):
        record = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        before = len(problems)
        price = _parse_row(line, record, known, problems)
        if price is None or len(problems) > before:
            continue
        key = (price.valid_from, *_key(price.row))
        if key in seen:
            problems.append(CsvProblem(line, "product", "duplicate", str(seen[key])))
            continue
        seen[key] = line
        parsed.append(price)
    if problems:
        raise PriceCsvError(problems)
    if not parsed:
        raise PriceCsvError([CsvProblem(1, "", "empty")])
    return parsed


def _key(row: PriceRow) -> PriceKey:
    return (row.product, row.passenger, row.family, row.preisstufe)


@dataclass(frozen=True, slots=True)
class _Known:
    products: frozenset[str]
    passengers: frozenset[str]


def _parse_row(
    line: int, record: dict[str, str], known: _Known, problems: list[CsvProblem]
) -> ParsedPrice | None:
    def problem(column: str, code: str) -> None:
        problems.append(CsvProblem(line, column, code, record.get(column, "")))

    valid_from, valid_until = _period(record, problem)
    _check_names(record, known, problem)
    family = _family(record.get("family", ""))
    if family is False:
        problem("family", "bad_family")
    preisstufe = _preisstufe(record.get("preisstufe", ""))
    if preisstufe is False:
        problem("preisstufe", "bad_preisstufe")
    amount = _amount(record.get("amount", ""), problem)
    flag = FLAGS.get(record.get("illustrative", "").lower())
    if flag is None:
        problem("illustrative", "bad_flag")
    if valid_from is None or amount is None or isinstance(family, bool):
        return None
    if isinstance(preisstufe, bool):
        return None
    row = PriceRow(
        record["product"], record["passenger"], family, preisstufe, amount, bool(flag),
        record.get("source", ""),
    )  # fmt: skip
    return ParsedPrice(valid_from, valid_until, row)


def _period(
    record: dict[str, str], problem: Callable[[str, str], None]
) -> tuple[date | None, date | None]:
    """The row's first and (optional) last day; a bad date or an inverted period is a problem."""
    valid_from = _date(record.get("valid_from", ""))
    if valid_from is None:
        problem("valid_from", "bad_date")
    valid_until = None
    if record.get("valid_until"):
        valid_until = _date(record["valid_until"])
        if valid_until is None:
            problem("valid_until", "bad_date")
        elif valid_from is not None and valid_until < valid_from:
            problem("valid_until", "period_inverted")
    return valid_from, valid_until


def _check_names(
    record: dict[str, str], known: _Known, problem: Callable[[str, str], None]
) -> None:
    """Product and passenger type must be given and known."""
    for column, allowed in (("product", known.products), ("passenger", known.passengers)):
        if not record.get(column):
            problem(column, "missing")
        elif record[column] not in allowed:
            problem(column, f"unknown_{column}")


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _family(value: str) -> Family | bool | None:
    if value in ("", "*"):
        return None
    try:
        return Family(value.lower())
    except ValueError:
        return False


def _preisstufe(value: str) -> int | bool | None:
    if value in ("", "*"):
        return None
    if not value.isdigit() or int(value) < 1:
        return False
    return int(value)


def _amount(value: str, problem: Callable[[str, str], None]) -> Decimal | None:
    if not value:
        problem("amount", "missing")
        return None
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:
        problem("amount", "bad_decimal")
        return None
    if not amount.is_finite():
        problem("amount", "bad_decimal")
        return None
    if amount < 0:
        problem("amount", "negative")
        return None
    if amount != amount.quantize(Decimal("0.01")):
        problem("amount", "too_precise")
        return None
    return amount.quantize(Decimal("0.01"))
