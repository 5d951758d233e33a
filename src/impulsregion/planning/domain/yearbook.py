"""The Jahresüberblick as plain data: what goes on which page, in which order, in which words.

:func:`yearbook_document` turns a :class:`Yearbook` (highlights, venues, translated labels)
into one JSON-serialisable mapping that the Typst template ``data/yearbook.typ`` lays out and
the HTML page renders: months with their entries, an index by city and one by category, and
the list of venues. All typography (quotes, non-breaking spaces in dates) happens here, so the
template only places text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from impulsregion.planning.domain.typography import (
    Lang,
    format_date,
    format_date_range,
    format_time,
    month_name,
    typographic_quotes,
)


class EmptyYearbookError(ValueError):
    """A year without highlights: there is nothing to print."""

    def __init__(self, year: int) -> None:
        super().__init__(f"No highlights selected for {year}.")
        self.year = year


@dataclass(frozen=True, slots=True)
class YearbookVenue:
    key: str
    name: str
    street: str
    postcode: str
    city: str
    accessibility: str = ""


@dataclass(frozen=True, slots=True)
class YearbookEntry:
    key: str
    title: str
    start: date
    end: date
    city: str
    venue_key: str | None = None
    start_time: time | None = None
    categories: tuple[str, ...] = ()
    summary: str = ""
    organiser: str = ""
    order: int = 0
    towns: tuple[str, ...] = ()  # an umbrella event in several towns: listed under each


@dataclass(frozen=True)
class Yearbook:
    year: int
    lang: Lang
    title: str
    subtitle: str
    preface: Sequence[str]
    entries: Sequence[YearbookEntry]
    venues: Sequence[YearbookVenue]
    labels: Mapping[str, str] = field(default_factory=dict)
    publisher: str = ""
    issued: date | None = None


LABEL_KEYS = (
    "contents",
    "preface",
    "index_city",
    "index_category",
    "venues",
    "page",
    "issued",
    "uncategorised",
    "region",
)


def yearbook_document(book: Yearbook) -> dict[str, Any]:
    """The overview as nested dicts/lists of strings; raises :class:`EmptyYearbookError`."""
    entries = sorted(
        (e for e in book.entries if e.start.year == book.year or e.end.year == book.year),
        key=lambda e: (e.start, e.order, e.title),
    )
    if not entries:
        raise EmptyYearbookError(book.year)
    venues = {v.key: v for v in book.venues}
    lang = book.lang
    return {
        "year": book.year,
        "lang": lang.value,
        "title": _text(book.title, lang),
        "subtitle": _text(book.subtitle, lang),
        "publisher": _text(book.publisher, lang),
        "issued": format_date(book.issued, lang) if book.issued else "",
        "preface": [_text(p, lang) for p in book.preface],
        "labels": {key: _text(book.labels.get(key, key), lang) for key in LABEL_KEYS},
        "months": _months(entries, venues, lang, book.labels.get("region", "")),
        "index_city": _index(
            entries, lambda e: list(e.towns) or [e.city or book.labels.get("region", "—")], lang
        ),
        "index_category": _index(
            entries,
            lambda e: list(e.categories) or [book.labels.get("uncategorised", "—")],
            lang,
        ),
        "venues": _venues(venues, lang),
    }


def _text(value: str, lang: Lang) -> str:
    return typographic_quotes(value.strip(), lang)


def _months(
    entries: Sequence[YearbookEntry],
    venues: Mapping[str, YearbookVenue],
    lang: Lang,
    region: str,
) -> list[dict[str, Any]]:
    by_month: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        venue = venues.get(entry.venue_key or "")
        when = format_date_range(entry.start, entry.end, lang)
        if entry.start_time is not None:
            when = f"{when}, {format_time(entry.start_time, lang)}"
        by_month[entry.start.month].append(
            {
                "key": entry.key,
                "title": _text(entry.title, lang),
                "when": when,
                "venue": _text(venue.name, lang) if venue else "",
                "city": entry.city or region,
                "categories": ", ".join(entry.categories),
                "summary": _text(entry.summary, lang),
                "organiser": _text(entry.organiser, lang),
            }
        )
    return [
        {"month": month, "name": month_name(month, lang), "entries": by_month[month]}
        for month in sorted(by_month)
    ]


def _index(
    entries: Sequence[YearbookEntry], keys_of: Callable[[YearbookEntry], list[str]], lang: Lang
) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for entry in entries:
        for key in keys_of(entry):
            groups[key].append(
                {
                    "key": entry.key,
                    "title": _text(entry.title, lang),
                    "when": format_date_range(entry.start, entry.end, lang),
                }
            )
    return [{"name": name, "entries": groups[name]} for name in sorted(groups, key=_sort_key)]


def _venues(venues: Mapping[str, YearbookVenue], lang: Lang) -> list[dict[str, Any]]:
    """Venues grouped by town; the same name and address listed once."""
    by_town: dict[str, dict[tuple[str, str], dict[str, str]]] = defaultdict(dict)
    for v in venues.values():
        address = ", ".join(p for p in (v.street, f"{v.postcode} {v.city}".strip()) if p)
        by_town[v.city].setdefault(
            (_sort_key(v.name), address),
            {
                "name": _text(v.name, lang),
                "address": address,
                "city": v.city,
                "accessibility": _text(v.accessibility, lang),
            },
        )
    return [
        {"city": town, "venues": [by_town[town][key] for key in sorted(by_town[town])]}
        for town in sorted(by_town, key=_sort_key)
    ]


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "A", "Ö": "O", "Ü": "U"})


def _sort_key(text: str) -> str:
    """German dictionary order (DIN 5007-1: ä sorts as a), case-insensitive."""
    return text.translate(_UMLAUTS).casefold()
