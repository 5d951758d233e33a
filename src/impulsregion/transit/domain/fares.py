"""The fare engine: a trip, a moment and a group of passengers → every valid offer.

Steps (see docs/transit-fares.md):

1. Zones: the office's relation for the stop pair, else the fewest zones between
   the two stops, or the distinct zones along a given route.
2. Family and Preisstufe from those zones (``tariff.fare_level``).
3. The price version covering the day of travel.
4. For each product on sale that day: check family, zone limits, time window and
   group size; price every paying passenger (or every card of a group ticket);
   compute the end of validity; collect the reasons.

Explanations are ``Reason`` codes with parameters; the presentation layer turns
them into translated sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from impulsregion.common.domain.money import round_money
from impulsregion.transit.domain.holidays import is_thuringian_holiday
from impulsregion.transit.domain.network import Stop, Zone, ZoneNetwork, zones_of
from impulsregion.transit.domain.prices import PriceRow, PriceTable, PriceVersion, table_on
from impulsregion.transit.domain.products import (
    PassengerType,
    Product,
    RecognisedTicket,
    ValidityKind,
    paying_passengers,
)
from impulsregion.transit.domain.tariff import FareLevel, TariffRules, fare_level


@dataclass(frozen=True, slots=True)
class Reason:
    """One explanation step: a code the presentation layer translates, with parameters."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)


def reason(code: str, **params: object) -> Reason:
    return Reason(code, tuple((key, str(value)) for key, value in params.items()))


class PassengerError(ValueError):
    """The group is empty or names an unknown passenger type."""


@dataclass(frozen=True)
class Tariff:
    """Everything the engine needs, built once per tariff state and then reused."""

    network: ZoneNetwork
    products: tuple[Product, ...]
    passenger_types: Mapping[str, PassengerType]
    tables: tuple[PriceTable, ...]
    rules: TariffRules = field(default_factory=TariffRules)
    recognised: tuple[RecognisedTicket, ...] = ()
    is_holiday: Callable[[date], bool] = is_thuringian_holiday
    group_price_passenger: str = "adult"
    cache: dict[object, _Priced] = field(default_factory=dict, compare=False, repr=False)
    days: dict[date, tuple[PriceTable, tuple[bool, ...], bool, tuple[RecognisedTicket, ...]]] = (
        field(default_factory=dict, compare=False, repr=False)
    )
    levels: dict[tuple[object, ...], tuple[tuple[Zone, ...], FareLevel, str]] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass(frozen=True, slots=True)
class OfferLine:
    passenger: str
    count: int
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Offer:
    product: Product
    total: Decimal
    lines: tuple[OfferLine, ...]
    cards: int
    illustrative: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Unavailable:
    product: Product
    reason: Reason


@dataclass(frozen=True, slots=True)
class Quote:
    route: tuple[Stop, ...]
    zones: tuple[Zone, ...]
    level: FareLevel
    version: PriceVersion
    at: datetime
    passengers: Mapping[str, int]
    offers: tuple[Offer, ...]
    unavailable: tuple[Unavailable, ...]
    reasons: tuple[Reason, ...]
    recognised: tuple[RecognisedTicket, ...]

    @property
    def origin(self) -> Stop:
        return self.route[0]

    @property
    def destination(self) -> Stop:
        return self.route[-1]

    def offer(self, product_code: str) -> Offer | None:
        return next((o for o in self.offers if o.product.code == product_code), None)

    def valid_until(self, offer: Offer) -> datetime:
        """The first moment the offer's ticket, bought for this trip, is no longer valid."""
        return offer.product.validity.ends(self.at, self.level.preisstufe)


def quote(
    tariff: Tariff,
    route: Sequence[Stop],
    at: datetime,
    passengers: Mapping[str, int] | None = None,
    *,
    along_route: bool = False,
) -> Quote:
    """Every valid offer for travelling ``route`` at ``at`` (aware) with ``passengers``.

    With ``along_route`` false only the first and last stop matter (fewest zones or
    the relation table); otherwise every stop of the route counts.
    """
    if at.tzinfo is None:
        raise ValueError("The moment of travel must be timezone-aware.")
    if len(route) < 2:
        raise ValueError("A trip needs at least an origin and a destination.")
    group = _check_passengers(tariff, passengers or {"adult": 1})
    zones, level, trip_key = _level(tariff, route, along_route)
    day = at.date()
    table, on_sale, all_day, recognised = _day(tariff, day)
    moment = at.time()
    flags = tuple(
        (sale, p.window is None or all_day or moment >= p.window.weekday_from)
        for p, sale in zip(tariff.products, on_sale, strict=True)
    )
    key = (table.version.valid_from, trip_key, tuple(sorted(group.items())), flags)
    priced = tariff.cache.get(key)
    if priced is None:
        priced = _price_all(tariff, table, level, group, flags, zones, along_route)
        if len(tariff.cache) > 10_000:
            tariff.cache.clear()
        tariff.cache[key] = priced
    return Quote(
        tuple(route), zones, level, table.version, at, group, priced.offers,
        priced.unavailable, priced.reasons, recognised,
    )  # fmt: skip


def _day(
    tariff: Tariff, day: date
) -> tuple[PriceTable, tuple[bool, ...], bool, tuple[RecognisedTicket, ...]]:
    """Per travel day: price table, products on sale, weekend/holiday, recognised tickets."""
    found = tariff.days.get(day)
    if found is None:
        table = table_on(tariff.tables, day)
        on_sale = tuple(p.on_sale(day) for p in tariff.products)
        all_day = day.weekday() >= 5 or tariff.is_holiday(day)
        recognised = tuple(t for t in tariff.recognised if t.on(day))
        found = (table, on_sale, all_day, recognised)
        if len(tariff.days) > 5_000:
            tariff.days.clear()
        tariff.days[day] = found
    return found


def _level(
    tariff: Tariff, route: Sequence[Stop], along_route: bool
) -> tuple[tuple[Zone, ...], FareLevel, str]:
    """Zones, fare level and a cache key of both, cached per stop sequence.

    The key is a string (Python caches a string's hash): zones, relation, counting mode.
    """
    key = (along_route, *(stop.key for stop in (route if along_route else (route[0], route[-1]))))
    found = tariff.levels.get(key)
    if found is None:
        network = tariff.network
        if along_route:
            counted = network.count_along(route)
        else:
            counted = network.count_between(route[0], route[-1])
        zones = zones_of(network, counted.zones)
        level = fare_level(zones, tariff.rules, counted.relation)
        relation = counted.relation
        relation_key = "" if relation is None else f"{relation.origin}>{relation.destination}"
        trip_key = f"{'|'.join(counted.zones)}#{relation_key}#{along_route}"
        found = (zones, level, trip_key)
        tariff.levels[key] = found
    return found


@dataclass(frozen=True, slots=True)
class _Priced:
    """The part of a quote that does not depend on the exact minute: cached per tariff."""

    offers: tuple[Offer, ...]
    unavailable: tuple[Unavailable, ...]
    reasons: tuple[Reason, ...]


def _price_all(
    tariff: Tariff,
    table: PriceTable,
    level: FareLevel,
    group: Mapping[str, int],
    flags: Sequence[tuple[bool, bool]],
    zones: Sequence[Zone],
    along_route: bool,
) -> _Priced:
    offers: list[Offer] = []
    unavailable: list[Unavailable] = []
    for product, (on_sale, window_open) in zip(tariff.products, flags, strict=True):
        if not on_sale:
            continue
        result = _offer(tariff, table, product, level, window_open, group)
        if isinstance(result, Offer):
            offers.append(result)
        else:
            unavailable.append(Unavailable(product, result))
    reasons = _trip_reasons(zones, level, table.version, along_route)
    return _Priced(tuple(offers), tuple(unavailable), reasons)


def _check_passengers(tariff: Tariff, passengers: Mapping[str, int]) -> dict[str, int]:
    unknown = [code for code in passengers if code not in tariff.passenger_types]
    if unknown:
        raise PassengerError(f"Unknown passenger type {unknown[0]!r}.")
    if any(n < 0 for n in passengers.values()) or sum(passengers.values()) < 1:
        raise PassengerError("At least one passenger must travel.")
    return {code: n for code, n in passengers.items() if n > 0}


def _trip_reasons(
    zones: Sequence[Zone], level: FareLevel, version: PriceVersion, along_route: bool
) -> tuple[Reason, ...]:
    codes = ", ".join(f"{zone.code} {zone.name}" for zone in zones)
    steps = [
        reason("zones_route" if along_route else "zones_fewest", count=len(zones), zones=codes)
    ]
    if level.relation is not None:
        steps.append(reason("relation", preisstufe=level.preisstufe, note=level.relation.note))
    elif level.capped:
        steps.append(
            reason(f"capped_{level.family}", counted=level.counted, preisstufe=level.preisstufe)
        )
    steps.append(reason(f"family_{level.family}", preisstufe=level.preisstufe))
    steps.append(reason("version", label=version.label, valid_from=version.valid_from))
    return tuple(steps)


def _offer(
    tariff: Tariff,
    table: PriceTable,
    product: Product,
    level: FareLevel,
    window_open: bool,
    group: Mapping[str, int],
) -> Offer | Reason:
    if level.family not in product.families:
        return reason("not_family", family=level.family)
    if level.counted < product.min_zones:
        return reason("too_few_zones", min_zones=product.min_zones)
    if product.max_zones is not None and level.counted > product.max_zones:
        return reason("too_many_zones", max_zones=product.max_zones)
    if product.window is not None and not window_open:
        return reason("time_window", weekday_from=product.window.weekday_from.strftime("%H:%M"))
    paying = paying_passengers(group, tariff.passenger_types)
    if product.is_group:
        return _group_offer(tariff, table, product, level, group, paying)
    lines: list[OfferLine] = []
    rows: list[PriceRow] = []
    for code, count in paying.items():
        row = table.price(product.code, code, level.family, level.preisstufe)
        if row is None:
            return reason("no_price", passenger=code)
        rows.append(row)
        lines.append(OfferLine(code, count, row.amount, round_money(row.amount * count)))
    return _finish(tariff, product, level, group, lines, rows, cards=1)


def _group_offer(
    tariff: Tariff,
    table: PriceTable,
    product: Product,
    level: FareLevel,
    group: Mapping[str, int],
    paying: Mapping[str, int],
) -> Offer | Reason:
    persons = sum(paying.values())
    if persons < 2:
        return reason("group_too_small")
    code = tariff.group_price_passenger
    row = table.price(product.code, code, level.family, level.preisstufe)
    if row is None:
        return reason("no_price", passenger=code)
    cards = math.ceil(persons / product.max_persons)
    line = OfferLine(code, cards, row.amount, round_money(row.amount * cards))
    return _finish(tariff, product, level, group, [line], [row], cards=cards)


def _finish(
    tariff: Tariff,
    product: Product,
    level: FareLevel,
    group: Mapping[str, int],
    lines: list[OfferLine],
    rows: list[PriceRow],
    *,
    cards: int,
) -> Offer:
    total = round_money(sum((line.amount for line in lines), Decimal(0)))
    steps: list[Reason] = []
    if product.validity.kind is ValidityKind.MINUTES:
        minutes = product.validity.minutes_for(level.preisstufe)
        steps.append(reason("valid_minutes", minutes=minutes, preisstufe=level.preisstufe))
    else:
        steps.append(reason(f"valid_{product.validity.kind}", days=product.validity.days))
    if product.rides > 1:
        steps.append(reason("rides", rides=product.rides))
    if product.is_group:
        steps.append(reason("group_cards", cards=cards, max_persons=product.max_persons))
    if product.window is not None:
        steps.append(
            reason("window_ok", weekday_from=product.window.weekday_from.strftime("%H:%M"))
        )
    free = sum(n for code, n in group.items() if tariff.passenger_types[code].free)
    if free:
        steps.append(reason("free_passengers", count=free))
    illustrative = any(row.illustrative for row in rows)
    if illustrative:
        steps.append(reason("illustrative"))
    return Offer(product, total, tuple(lines), cards, illustrative, tuple(steps))
