"""Reusable reads: the current tariff as a domain object (cached per tariff revision)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from impulsregion.transit import models
from impulsregion.transit.domain.fares import PassengerError, Quote, Tariff, quote
from impulsregion.transit.domain.network import (
    Family,
    OutsideNetworkError,
    Relation,
    Stop,
    UnknownStopError,
    Zone,
    ZoneKind,
    ZoneNetwork,
)
from impulsregion.transit.domain.prices import NoPriceVersionError, PriceRow, PriceTable
from impulsregion.transit.domain.products import (
    PassengerType,
    Product,
    RecognisedTicket,
    TimeWindow,
    Validity,
    ValidityKind,
)
from impulsregion.transit.explain import no_version_text
from impulsregion.transit.validators import as_domain_version

_lock = threading.Lock()
_cache: dict[str, object] = {}


def tariff_revision() -> int:
    number = models.TariffRevision.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def current_tariff() -> Tariff:
    """The tariff as the engine needs it; rebuilt only when the data changed (one query)."""
    revision = tariff_revision()
    with _lock:
        if _cache.get("revision") == revision and "tariff" in _cache:
            return _cache["tariff"]  # type: ignore[return-value]
    tariff = build_tariff()
    with _lock:
        _cache.update(revision=revision, tariff=tariff)
    return tariff


def build_tariff() -> Tariff:
    zones = [Zone(z.code, z.name, ZoneKind(z.kind)) for z in models.Zone.objects.all()]
    adjacency = [
        (a, b) for a, b in models.ZoneAdjacency.objects.values_list("zone_a__code", "zone_b__code")
    ]
    stop_zones: dict[int, list[str]] = {}
    for stop_id, code in models.Stop.zones.through.objects.values_list(
        "stop_id", "zone__code"
    ).order_by("zone__code"):
        stop_zones.setdefault(stop_id, []).append(code)
    stops = [
        Stop(s.key, s.name, tuple(stop_zones.get(s.pk, ())), s.lat, s.lon)
        for s in models.Stop.objects.all()
    ]
    relations = [
        Relation(
            r.origin.key,
            r.destination.key,
            r.preisstufe,
            Family(r.family) if r.family else None,
            r.note,
        )
        for r in models.Relation.objects.select_related("origin", "destination")
    ]
    network = ZoneNetwork(zones, adjacency, stops, relations)
    passenger_types = {
        p.code: PassengerType(p.code, p.name_de, p.name_en, p.min_age, p.max_age, p.free)
        for p in models.PassengerType.objects.all()
    }
    products = tuple(product_from_row(p) for p in models.Product.objects.all())
    recognised = tuple(
        RecognisedTicket(
            t.code, t.name_de, t.name_en, t.note_de, t.note_en, t.valid_from, t.valid_until
        )
        for t in models.RecognisedTicket.objects.all()
    )
    rows: dict[int, list[PriceRow]] = {}
    for price in models.Price.objects.select_related("product", "passenger"):
        rows.setdefault(price.version_id, []).append(
            PriceRow(
                price.product.code,
                price.passenger.code,
                Family(price.family) if price.family else None,
                price.preisstufe or None,
                price.amount,
                price.illustrative,
                price.source,
            )
        )
    tables = tuple(
        PriceTable.of(as_domain_version(v), rows.get(v.pk, ()))
        for v in models.PriceVersion.objects.all()
    )
    return Tariff(network, products, passenger_types, tables, recognised=recognised)


def product_from_row(row: models.Product) -> Product:
    minutes = tuple((int(a), int(b)) for a, b in row.validity_minutes or [])
    until = (
        row.validity_until
        if isinstance(row.validity_until, time)
        else time.fromisoformat(str(row.validity_until))
    )
    families = frozenset(Family(f) for f in row.families) if row.families else frozenset(Family)
    return Product(
        code=row.code,
        name_de=row.name_de,
        name_en=row.name_en,
        validity=Validity(ValidityKind(row.validity_kind), minutes, row.validity_days, until),
        rides=row.rides,
        min_zones=row.min_zones,
        max_zones=row.max_zones,
        max_persons=row.max_persons,
        families=families,
        window=TimeWindow(row.weekday_from) if row.weekday_from else None,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        sort=row.sort,
    )


def forget_tariff() -> None:
    """Drop this process's cached tariff (tests; the revision check covers normal use)."""
    with _lock:
        _cache.clear()


# --- fare queries -----------------------------------------------------------------------


class FareInputError(ValueError):
    """Bad input to a fare query: ``field`` names the input at fault, the message is translated."""

    def __init__(self, message: str, *, field: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.suggestions = tuple(suggestions)


def parse_passengers(text: str, tariff: Tariff) -> dict[str, int]:
    """``adult:2,child:1`` (or ``adult=2``; a bare type counts 1) → counts per passenger type."""
    counts: dict[str, int] = {}
    for item in filter(None, (piece.strip() for piece in (text or "adult").split(","))):
        code, _sep, number = item.replace("=", ":").partition(":")
        code = code.strip()
        if code not in tariff.passenger_types:
            known = ", ".join(tariff.passenger_types)
            raise FareInputError(
                _("Unknown passenger type %(code)r; use one of %(known)s.")
                % {"code": code, "known": known},
                field="passengers",
            )
        if number.strip() and not number.strip().isdigit():
            raise FareInputError(
                _("%(number)r is not a number of passengers.") % {"number": number.strip()},
                field="passengers",
            )
        counts[code] = counts.get(code, 0) + (int(number) if number.strip() else 1)
    if sum(counts.values()) < 1:
        raise FareInputError(_("At least one passenger must travel."), field="passengers")
    if sum(counts.values()) > 99:
        raise FareInputError(_("At most 99 passengers per query."), field="passengers")
    return counts


def parse_moment(value: str | datetime | None) -> datetime:
    """An aware moment from ISO text (local Europe/Berlin time if no offset); now if empty."""
    if value is None or value == "":
        return timezone.localtime()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FareInputError(
                _("Enter the time of travel as YYYY-MM-DDTHH:MM."), field="at"
            ) from None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return timezone.localtime(value)
    except OverflowError:  # e.g. 9999-12-31T23:59-23:59 has no local time in the calendar
        raise FareInputError(
            _("This time of travel lies outside the calendar."), field="at"
        ) from None


def find_stop(tariff: Tariff, name: str, field: str) -> Stop:
    if not name or not name.strip():
        raise FareInputError(_("Enter a stop."), field=field)
    try:
        return tariff.network.find_stop(name.strip())
    except UnknownStopError as error:
        if error.suggestions:
            message = _("Unknown stop %(name)r. Did you mean: %(suggestions)s?") % {
                "name": name, "suggestions": "; ".join(error.suggestions),
            }  # fmt: skip
        else:
            message = _("Unknown stop %(name)r.") % {"name": name}
        raise FareInputError(message, field=field, suggestions=error.suggestions) from error


def quote_trip(
    *,
    origin: str,
    destination: str,
    via: Sequence[str] = (),
    at: str | datetime | None = None,
    passengers: str | Mapping[str, int] = "adult",
    tariff: Tariff | None = None,
) -> Quote:
    """Resolve names and inputs and ask the engine; every failure is a ``FareInputError``."""
    tariff = tariff or current_tariff()
    moment = parse_moment(at)
    group = (
        parse_passengers(passengers, tariff) if isinstance(passengers, str) else dict(passengers)
    )
    route = [
        find_stop(tariff, origin, "from"),
        *(find_stop(tariff, name, "via") for name in via),
        find_stop(tariff, destination, "to"),
    ]
    try:
        return quote(tariff, route, moment, group, along_route=bool(via))
    except OutsideNetworkError as error:
        message = _("The trip leaves the VMT network (%(stops)s): the VMT fare does not apply.") % {
            "stops": ", ".join(error.stops)
        }
        raise FareInputError(message, field="to") from error
    except NoPriceVersionError as error:
        raise FareInputError(no_version_text(error), field="at") from error
    except PassengerError as error:
        raise FareInputError(
            _("At least one passenger must travel."), field="passengers"
        ) from error


def search_stops(query: str, limit: int = 10) -> list[Stop]:
    return current_tariff().network.search(query, limit)
