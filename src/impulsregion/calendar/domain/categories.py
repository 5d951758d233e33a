"""The calendar's controlled vocabulary of categories and how source terms map onto it.

Sources name categories freely (ThüCAT `@type`s such as `schema:MusicEvent`, destination.one
German labels such as "Konzerte", iCalendar CATEGORIES). `categorise` maps them onto our
slugs by lower-cased keyword stems; unknown terms are never invented as new categories:
`unmapped` names them, so an import's dry run can show which terms of a file found no
category.
"""

from __future__ import annotations

from collections.abc import Iterable

# slug: (German label, English label, keyword stems matched against source terms)
VOCABULARY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "music": (
        "Musik & Konzert",
        "Music & concerts",
        ("music", "musik", "konzert", "concert", "orgel", "chor", "jazz", "oper", "opera"),
    ),
    "theatre": (
        "Theater & Bühne",
        "Theatre & stage",
        (
            "theat",
            "schauspiel",
            "bühne",
            "stage",
            "ballett",
            "tanz",
            "dance",
            "comedy",
            "kabarett",
            "lesung",
            "reading",
        ),
    ),
    "exhibition": (
        "Ausstellung & Museum",
        "Exhibitions & museums",
        ("ausstellung", "exhibition", "museum", "galerie", "gallery", "kunst", "art"),
    ),
    "festival": (
        "Fest & Festival",
        "Festivals & fairs",
        ("festival", "fest", "markt", "market", "fair", "kirmes"),
    ),
    "tour": (
        "Führung",
        "Guided tours",
        ("führung", "tour", "walkabout", "rundgang", "spaziergang", "guided"),
    ),
    "film": ("Film & Kino", "Film & cinema", ("film", "kino", "cinema", "screening")),
    "talk": (
        "Vortrag & Diskussion",
        "Talks & discussions",
        (
            "vortrag",
            "talk",
            "lecture",
            "diskussion",
            "discussion",
            "education",
            "bildung",
            "seminar",
        ),
    ),
    "children": (
        "Kinder & Familie",
        "Children & families",
        ("kinder", "child", "famil", "jugend", "youth", "entdecker"),
    ),
    "nature": (
        "Natur & Sport",
        "Nature & sport",
        ("natur", "nature", "sport", "wander", "hike", "outdoor"),
    ),
    "christmas": (
        "Advent & Weihnachten",
        "Advent & Christmas",
        ("weihnacht", "christmas", "advent"),
    ),
    "other": ("Sonstiges", "Other", ()),
}


def _slugs_of(term: str) -> set[str]:
    key = term.rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower()
    if key in VOCABULARY:
        return {key}
    return {slug for slug, (_de, _en, stems) in VOCABULARY.items() if any(s in key for s in stems)}


def categorise(terms: Iterable[str]) -> tuple[str, ...]:
    """Our category slugs for the source `terms`, in vocabulary order, without repeats."""
    found: set[str] = set()
    for term in terms:
        found |= _slugs_of(term)
    return tuple(slug for slug in VOCABULARY if slug in found)


def unmapped(terms: Iterable[str]) -> tuple[str, ...]:
    """The source `terms` that map onto no category, stripped, in their order, without
    repeats (compared without case)."""
    seen: set[str] = set()
    left = []
    for term in terms:
        name = term.strip()
        if name and name.lower() not in seen and not _slugs_of(name):
            seen.add(name.lower())
            left.append(name)
    return tuple(left)
