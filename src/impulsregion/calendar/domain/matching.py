"""Change detection and duplicate detection for imported events.

`content_hash` is a stable fingerprint of everything a source says about an event, so a
re-import of an unchanged record touches nothing. `duplicate_score` rates how likely two
events from different sources are the same: starts within `START_TOLERANCE`, same place or
municipality, and similar titles (normalised token overlap).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from impulsregion.calendar.domain.types import EventData

START_TOLERANCE = timedelta(minutes=30)
THRESHOLD = Decimal("0.600")
_STOPWORDS = {"der", "die", "das", "und", "mit", "im", "in", "am", "an", "the", "and", "of", "a"}


def content_hash(event: EventData) -> str:
    """SHA-256 over the `repr` of `event`: frozen dataclasses of str, Decimal, aware datetimes
    and tuples print deterministically, and far faster than a JSON round trip."""
    return hashlib.sha256(repr(event).encode()).hexdigest()


def title_tokens(title: str) -> frozenset[str]:
    """Lower-case, accent-free word stems (first 6 letters) without stop words."""
    text = unicodedata.normalize("NFKD", title.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", text.replace("ß", "ss"))
    return frozenset(w[:6] for w in words if w not in _STOPWORDS and len(w) > 1)


def title_similarity(a: str, b: str) -> Decimal:
    """Jaccard overlap of the title tokens, 0…1, three decimals."""
    left, right = title_tokens(a), title_tokens(b)
    if not left or not right:
        return Decimal("0.000")
    return (Decimal(len(left & right)) / Decimal(len(left | right))).quantize(Decimal("0.001"))


@dataclass(frozen=True)
class Candidate:
    """What duplicate detection needs to know about one event."""

    title: str
    starts: tuple[datetime, ...]
    place_key: str
    municipality: str


def duplicate_score(a: Candidate, b: Candidate) -> Decimal:
    """0 when the two cannot be the same event, else the title similarity (bonus for the venue)."""
    if not any(abs(x - y) <= START_TOLERANCE for x in a.starts[:50] for y in b.starts[:50]):
        return Decimal("0.000")
    same_place = bool(a.place_key) and a.place_key == b.place_key
    same_town = bool(a.municipality) and a.municipality == b.municipality
    if not (same_place or same_town):
        return Decimal("0.000")
    score = title_similarity(a.title, b.title)
    if same_place:
        score = min(Decimal("1.000"), score + Decimal("0.200"))
    return score.quantize(Decimal("0.001"))


def place_key(name: str, postal_code: str) -> str:
    """A normalised venue key: `title_tokens` of the name plus the postcode."""
    tokens = sorted(title_tokens(name))
    return f"{postal_code}:{' '.join(tokens)}" if tokens else ""
