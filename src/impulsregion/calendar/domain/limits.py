"""How long each stored text of an imported event may be, checked before anything is written.

The limits are the columns' lengths (a test keeps them equal to the models). Texts a person
reads as prose (titles, teasers, price notes) are shortened visibly by the readers, with "…"
at a word. Names, links and postcodes are never cut: a cut web address is a broken link, a
cut organiser or venue a wrong name. An event with such a value that is too long is rejected
with its reason, the same on PostgreSQL (which would refuse the row and abort the import) and
on SQLite (which would store it). External ids that are too long are shortened with a digest
of the whole id (`sanitize.stable_id`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from impulsregion.calendar.domain.types import EventData

EVENT_LIMITS = {
    "title_de": 300,
    "title_en": 300,
    "organiser": 200,
    "url": 500,
    "licence": 200,
}
PRICE_LIMITS = {"text": 500, "ticket_url": 500, "currency": 3}
PLACE_LIMITS = {
    "name": 200,
    "street": 200,
    "postal_code": 10,
    "locality": 100,
    "external_id": 255,
    "url": 500,
}


@dataclass(frozen=True)
class Overlong:
    field: str  # "organiser", "price.ticket_url", "place.name"
    length: int
    limit: int


def overlong(event: EventData) -> Overlong | None:
    """The first text of `event` longer than its column, or None."""
    parts: list[tuple[str, object, dict[str, int]]] = [
        ("", event, EVENT_LIMITS),
        ("price.", event.price, PRICE_LIMITS),
    ]
    if event.place is not None:
        parts.append(("place.", event.place, PLACE_LIMITS))
    for prefix, value, limits in parts:
        for name, limit in limits.items():
            length = len(getattr(value, name))
            if length > limit:
                return Overlong(prefix + name, length, limit)
    return None


def teaser(text: str, limit: int = 300) -> str:
    """A short text that fits its column: whole words and "…" where it had to be shortened."""
    if len(text) <= limit:
        return text
    return textwrap.shorten(text, width=limit, placeholder=" …")
