"""Factories for the planning app: plain builders, free of surprises."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from impulsregion.calendar.models import Category, Event, Occurrence, Place
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import Yearbook, YearbookEntry, YearbookVenue
from impulsregion.region.models import Organisation

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


# --- database factories ------------------------------------------------------------------


def make_municipality(slug: str, ags: str, **kw: object):  # type: ignore[no-untyped-def]

    org = Organisation.objects.filter(slug=slug).first()
    if org:
        return org
    values: dict[str, object] = {
        "name": f"Stadt {slug.title()}",
        "short_name": slug.title(),
        "kind": "kreisfreie_stadt",
        "ags": ags,
    }
    values.update(kw)
    return Organisation.objects.create(slug=slug, **values)


def make_region_towns() -> dict[str, object]:
    return {
        "erfurt": make_municipality("erfurt", "16051000"),
        "weimar": make_municipality("weimar", "16055000"),
        "jena": make_municipality("jena", "16053000"),
    }


def make_place(name: str = "Domplatz", municipality=None, **kw: object):  # type: ignore[no-untyped-def]

    municipality = municipality or make_municipality("erfurt", "16051000")
    values: dict[str, object] = {
        "street": name,
        "postal_code": "99084",
        "locality": municipality.short_name,
    }
    values.update(kw)
    return Place.objects.create(name=name, municipality=municipality, **values)


def make_event(  # type: ignore[no-untyped-def]
    title: str = "Krämerbrückenfest",
    *,
    start: date = date(2027, 6, 19),
    end: date | None = None,
    place=None,
    organisation=None,
    published: bool = True,
    categories: tuple[str, ...] = (),
    start_time: time | None = None,
    **kw: object,
):
    """An event with one occurrence (all-day over start…end, or at ``start_time``)."""

    place = place or make_place()
    values: dict[str, object] = {
        "organisation": organisation or place.municipality,
        "title_de": title,
        "place": place,
        "public_status": "published" if published else "draft",
        "public_from": timezone.now() - timedelta(days=1) if published else None,
    }
    values.update(kw)
    event = Event.objects.create(**values)
    for slug in categories:
        category, _ = Category.objects.get_or_create(
            slug=slug, defaults={"name_de": slug.title(), "name_en": slug.title()}
        )
        event.categories.add(category)
    berlin = ZoneInfo("Europe/Berlin")
    end = end or start
    if start_time:
        first = datetime.combine(start, start_time, tzinfo=berlin)
        Occurrence.objects.create(
            event=event,
            start=first,
            end=first + timedelta(hours=2),
            municipality=place.municipality,
            public_from=event.public_from,
        )
    else:
        Occurrence.objects.create(
            event=event,
            start=datetime.combine(start, time.min, tzinfo=berlin),
            end=datetime.combine(end + timedelta(days=1), time.min, tzinfo=berlin),
            all_day=True,
            municipality=place.municipality,
            public_from=event.public_from,
        )
    return event


def make_kraemerbrueckenfest(erfurt, **kw: object):  # type: ignore[no-untyped-def]
    """The planted major event: Krämerbrückenfest in Erfurt, 18–20 June 2027."""
    values: dict[str, object] = {
        "start": date(2027, 6, 18),
        "end": date(2027, 6, 20),
        "place": make_place("Krämerbrücke", erfurt),
        "expected_visitors": 150_000,
    }
    values.update(kw)
    return make_event("Krämerbrückenfest", **values)  # type: ignore[arg-type]
