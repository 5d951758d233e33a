"""From the zones of a trip to its Preisstufe and tariff family.

The Preisstufe is the number of distinct zones travelled. The family follows from
the kinds of those zones: one City zone alone is *City*; Regio zones only are
*Regio* (from ``regio_area_from`` zones on the whole Regio area, so the Preisstufe
stops growing); anything else is *CityRegio* (from ``network_from`` zones on the
whole network). A relation from the office's table overrides the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from impulsregion.transit.domain.network import Family, Relation, Zone, ZoneKind


@dataclass(frozen=True, slots=True)
class TariffRules:
    """Caps of the Preisstufe per family (None: no cap, the count is the Preisstufe)."""

    regio_area_from: int | None = 6
    network_from: int | None = 12


@dataclass(frozen=True, slots=True)
class FareLevel:
    """Family and Preisstufe of a trip; ``counted`` is the raw number of zones."""

    family: Family
    preisstufe: int
    counted: int
    capped: bool = False
    relation: Relation | None = None


def family_of(zones: Sequence[Zone]) -> Family:
    """City for a single City zone, Regio for Regio zones only, otherwise CityRegio."""
    kinds = {zone.kind for zone in zones}
    if len(zones) == 1 and kinds == {ZoneKind.CITY}:
        return Family.CITY
    if kinds == {ZoneKind.REGIO}:
        return Family.REGIO
    return Family.CITYREGIO


def fare_level(
    zones: Sequence[Zone], rules: TariffRules, relation: Relation | None = None
) -> FareLevel:
    """The family and Preisstufe for these distinct zones (or for the relation)."""
    if not zones:
        raise ValueError("A trip touches at least one zone.")
    counted = len(zones)
    if relation is not None:
        family = relation.family or family_of(zones)
        return FareLevel(family, relation.preisstufe, counted, relation=relation)
    family = family_of(zones)
    cap = {
        Family.CITY: None,
        Family.REGIO: rules.regio_area_from,
        Family.CITYREGIO: rules.network_from,
    }[family]
    if cap is not None and counted > cap:
        return FareLevel(family, cap, counted, capped=True)
    return FareLevel(family, counted, counted)
