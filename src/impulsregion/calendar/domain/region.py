"""Which municipality (Amtlicher Gemeindeschlüssel, AGS) a place lies in, and whether
that is inside the region.

Town names are not decisive ("Weimar" is also a town in Hesse, "Erfurt" appears in street
names everywhere), so the decision uses the AGS: either the key the source states
(ThüCAT `thuecat:regionalKey`) or the key derived from the German postal code by the table
in `POSTAL_CODES`. Where one postal code covers several municipalities, the locality name
may only choose between those candidates, never add a new one.

`POSTAL_CODES` was compiled for this project from the Deutsche Post postal-code areas and
the Destatis Gemeindeverzeichnis (reference date 2025-12-31). Keys ending in 000 inside a
district (Landkreis Weimarer Land 16071000, Saale-Holzland-Kreis 16074000) stand for "some
municipality of that district": we did not resolve the individual municipalities, the
district is enough to decide "in the region". Unconfirmed: the exact extent of the shared
postcodes 07751 and 99428.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from impulsregion.calendar.domain.types import PlaceData

ERFURT = "16051000"
JENA = "16053000"
WEIMAR = "16055000"
WEIMARER_LAND = "16071000"
SAALE_HOLZLAND = "16074000"

_NAMES = {ERFURT: "erfurt", JENA: "jena", WEIMAR: "weimar"}

POSTAL_CODES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        [
            "99084",
            "99085",
            "99086",
            "99087",
            "99089",
            "99090",
            "99091",
            "99092",
            "99094",
            "99095",
            "99096",
            "99097",
            "99098",
            "99099",
        ],
        (ERFURT,),
    ),
    **dict.fromkeys(["07743", "07745", "07747", "07749"], (JENA,)),
    "07751": (JENA, SAALE_HOLZLAND),
    **dict.fromkeys(["99423", "99425", "99427"], (WEIMAR,)),
    "99428": (WEIMAR, WEIMARER_LAND),
    **dict.fromkeys(
        ["99438", "99439", "99441", "99444", "99448", "99510", "99518"], (WEIMARER_LAND,)
    ),
}


@dataclass(frozen=True)
class Municipality:
    ags: str
    problem: str = ""
    detail: str = ""


def municipality_of(place: PlaceData | None) -> Municipality:
    """The AGS of `place`, or a problem code saying why it cannot be determined."""
    if place is None:
        return Municipality("", "no-place")
    if place.ags.strip():
        return Municipality(place.ags.strip())
    code = place.postal_code.strip()
    if not code:
        return Municipality("", "no-postal-code", place.locality)
    candidates = POSTAL_CODES.get(code)
    if candidates is None:
        return Municipality("", "outside-region", f"{code} {place.locality}".strip())
    if len(candidates) == 1:
        return Municipality(candidates[0])
    locality = place.locality.strip().lower()
    chosen = [key for key in candidates if _NAMES.get(key, "") and locality.startswith(_NAMES[key])]
    if len(chosen) == 1:
        return Municipality(chosen[0])
    return Municipality("", "ambiguous-postal-code", f"{code} {place.locality}".strip())


def in_region(ags: str, region_keys: Iterable[str]) -> bool:
    """True when `ags` starts with one of the region's keys (8 digits for a municipality,
    5 for a whole district)."""
    return bool(ags) and any(key and ags.startswith(key) for key in region_keys)


def municipality_of_address(postal_code: str, locality: str) -> Municipality:
    """The AGS of an address typed into the venue form.

    The postcode decides, as for imports; where it is shared by a city and a district
    (99428 Weimar and the Weimarer Land, 07751 Jena and the Saale-Holzland-Kreis), a town
    that is not the city lies in the district. Without a postcode only the name of one of
    the region's cities decides ("Weimar" is also a town in Hesse, but an editor of the
    region typing it means this one); any other town needs its postcode."""
    code, town = postal_code.strip(), locality.strip()
    if not code:
        named = [key for key, name in _NAMES.items() if town.casefold() == name]
        return Municipality(named[0]) if named else Municipality("", "no-postal-code", town)
    if len(code) != 5 or not code.isdigit():
        return Municipality("", "bad-postal-code", code)
    return municipality_by_postcode(code, town)


def municipality_by_postcode(postal_code: str, locality: str) -> Municipality:
    """The AGS of a postcode and town (`municipality_of`); a postcode shared by a city and a
    district, with a town that is not the city, lies in the district."""
    found = municipality_of(PlaceData(name="", postal_code=postal_code, locality=locality))
    if found.problem != "ambiguous-postal-code":
        return found
    districts = [key for key in POSTAL_CODES[postal_code.strip()] if key not in _NAMES]
    return Municipality(districts[0]) if len(districts) == 1 else found


# The Free State of Thuringia's extent, rounded outwards (a venue of the region lies well inside).
THURINGIA_LATITUDES = (50.20, 51.65)
THURINGIA_LONGITUDES = (9.87, 12.66)


def in_thuringia(latitude: float, longitude: float) -> bool:
    """Whether a position lies in Thuringia's bounding box (swapped or mistyped coordinates,
    0/0 or a place in Hesse's Weimar do not)."""
    south, north = THURINGIA_LATITUDES
    west, east = THURINGIA_LONGITUDES
    return south <= latitude <= north and west <= longitude <= east
