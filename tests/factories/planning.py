"""Factories for the planning app: plain builders, free of surprises."""

from __future__ import annotations

from datetime import date, time

from impulsregion.calendar.planning.domain.typography import Lang
from impulsregion.calendar.planning.domain.yearbook import Yearbook, YearbookEntry, YearbookVenue

LABELS_DE = {
    "contents": "Inhalt",
    "preface": "Vorwort",
    "index_city": "Register nach Orten",
    "index_category": "Register nach Sparten",
    "venues": "Spielstätten",
    "page": "Seite",
    "issued": "Stand:",
    "uncategorised": "Sonstiges",
}

VENUES = (
    YearbookVenue(
        "domplatz",
        "Domplatz",
        "Domplatz",
        "99084",
        "Erfurt",
        "stufenloser Zugang über die Seitenwege",
    ),
    YearbookVenue("dnt", "Deutsches Nationaltheater", "Theaterplatz 2", "99423", "Weimar"),
    YearbookVenue("theaterhaus", "Theaterhaus Jena", "Schillergäßchen 1", "07745", "Jena"),
    YearbookVenue("kraemerbruecke", "Krämerbrücke", "Krämerbrücke", "99084", "Erfurt"),
)


def make_yearbook_entry(key: str = "1", **kw: object) -> YearbookEntry:
    values: dict[str, object] = {
        "title": "Krämerbrückenfest",
        "start": date(2027, 6, 18),
        "end": date(2027, 6, 20),
        "city": "Erfurt",
        "venue_key": "kraemerbruecke",
        "categories": ("Fest",),
        "summary": 'Das "größte Altstadtfest" Thüringens rund um die Brücke.',
    }
    values.update(kw)
    return YearbookEntry(key=key, **values)  # type: ignore[arg-type]


def make_yearbook(entries: tuple[YearbookEntry, ...] | None = None, **kw: object) -> Yearbook:
    values: dict[str, object] = {
        "year": 2027,
        "lang": Lang.DE,
        "title": "Kulturjahr",
        "subtitle": "Erfurt · Weimar · Jena · Weimarer Land",
        "preface": ["Die Partner der Impulsregion stimmen ihre großen Termine seit 1999 ab."],
        "entries": entries
        if entries is not None
        else (
            make_yearbook_entry(),
            make_yearbook_entry(
                "2",
                title="DomStufen-Festspiele",
                start=date(2027, 7, 30),
                end=date(2027, 8, 22),
                venue_key="domplatz",
                categories=("Theater", "Musik"),
                start_time=time(20, 30),
                summary="Oper unter freiem Himmel auf den Stufen des Doms.",
            ),
            make_yearbook_entry(
                "3",
                title="Kulturarena",
                start=date(2027, 7, 8),
                end=date(2027, 8, 22),
                city="Jena",
                venue_key="theaterhaus",
                categories=("Musik",),
                summary="Sommerfestival vor dem Theaterhaus.",
            ),
        ),
        "venues": VENUES,
        "labels": LABELS_DE,
        "publisher": "Impulsregion Erfurt, Weimar, Jena, Weimarer Land",
        "issued": date(2026, 11, 24),
    }
    values.update(kw)
    return Yearbook(**values)  # type: ignore[arg-type]
