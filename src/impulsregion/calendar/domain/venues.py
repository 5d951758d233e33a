"""Venues named in one line of text, and when two names mean the same venue.

An iCalendar LOCATION is one line: "Theaterhaus Jena" in one event, "Theaterhaus Jena,
Schillergäßchen 1, 07745 Jena" in the next. `place_from_location` splits the second into
name, street, postcode and town (only when a German postcode is there to anchor it; anything
else stays the name), so both arrive as the venue "Theaterhaus Jena". `venue_name_key` is what
two names must share to be one venue: the same words, without case and extra spaces.
"""

from __future__ import annotations

import re
from decimal import Decimal

from impulsregion.calendar.domain.types import PlaceData

_POSTCODE_TOWN = re.compile(r"^(?:D-)?(\d{5})\s+(\S.*)$")


def venue_name_key(name: str) -> str:
    """The form of a venue's name that two spellings of one venue share."""
    return " ".join(name.casefold().split())


def place_from_location(
    location: str, *, latitude: Decimal | None = None, longitude: Decimal | None = None
) -> PlaceData:
    """The venue of a one-line `location`: "Name, Street 1, 07745 Town[, Country]" gives its
    parts; "Street 1, 07745 Town" is a venue named by its street; without a postcode the whole
    line is the name."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    matches = [(i, _POSTCODE_TOWN.match(part)) for i, part in enumerate(parts)]
    anchor, found = next(((i, m) for i, m in matches if m is not None), (0, None))
    if found is None or anchor == 0:
        return PlaceData(name=location.strip(), latitude=latitude, longitude=longitude)
    before = parts[:anchor]
    street = before.pop() if len(before) > 1 or _has_number(before[0]) else ""
    return PlaceData(
        name=", ".join(before) or street,
        street=street,
        postal_code=found.group(1),
        locality=found.group(2).strip(),
        latitude=latitude,
        longitude=longitude,
    )


def _has_number(text: str) -> bool:
    return any(character.isdigit() for character in text)
