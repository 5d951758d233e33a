"""Planning benchmarks: clash radar, free-date suggestions, Jahresüberblick PDF.

Targets (issue 4): one clash check against a year with 100,000 occurrences ≤ 50 ms;
suggestions over a whole year ≤ 300 ms; a Jahresüberblick of 2,000 events ≤ 30 s.
The clash figures use the pure domain with synthetic bookings (the database narrows the
occurrences to the proposed days in production, so the domain sees far fewer); both the
one-off index build and the check itself are reported.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import median_and_worst_ms
from impulsregion.common.domain.holidays import load_holidays
from impulsregion.planning.domain.clashes import (
    Booking,
    BookingKind,
    ClashContext,
    Proposal,
    assess,
)
from impulsregion.planning.domain.suggestions import SearchWindow, suggest_dates
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import (
    Yearbook,
    YearbookEntry,
    YearbookVenue,
    yearbook_document,
)
from impulsregion.planning.pdf import render_yearbook_pdf

TOWNS = ["erfurt", "weimar", "jena", "weimarer-land"]
CATEGORIES = ["theatre", "concert", "exhibition", "festival", "reading", "family"]
TODAY = date(2026, 11, 24)


def synthetic_year(count: int = 100_000, seed: int = 7) -> list[Booking]:
    rng = random.Random(seed)
    first = date(2027, 1, 1)
    bookings = []
    for index in range(count):
        start = first + timedelta(days=rng.randrange(365))
        length = 1 if rng.random() < 0.9 else rng.randrange(2, 5)
        visitors = (
            rng.choice([50, 120, 300, 800, 2_000])
            if rng.random() < 0.995
            else rng.randrange(10_000, 150_000)
        )
        bookings.append(
            Booking(
                ref=f"event:{index // 3}",
                kind=BookingKind.EVENT,
                title=f"Event {index}",
                start=start,
                end=start + timedelta(days=length - 1),
                municipality=rng.choice(TOWNS),
                venue=str(rng.randrange(800)),
                categories=frozenset(rng.sample(CATEGORIES, 2)),
                expected_visitors=visitors,
            )
        )
    return bookings


def bench_clashes(bookings: list[Booking]) -> None:
    started = time.perf_counter()
    context = ClashContext(
        bookings=bookings, holidays=load_holidays(), municipalities=frozenset(TOWNS)
    )
    build = (time.perf_counter() - started) * 1000
    proposal = Proposal(
        date(2027, 6, 19),
        date(2027, 6, 20),
        "weimar",
        venue="17",
        categories=frozenset({"festival"}),
        expected_visitors=20_000,
    )
    median, worst = median_and_worst_ms(lambda: assess(proposal, context, today=TODAY), 20)
    print(
        f"clash check, 1 proposal vs {len(bookings):,} occurrences: median {median:.2f} ms, max {worst:.2f} ms (target ≤ 50 ms); index build {build:.0f} ms once"
    )
    narrowed = [b for b in bookings if b.start <= proposal.end and b.end >= proposal.start]
    median2, _ = median_and_worst_ms(
        lambda: assess(
            proposal,
            ClashContext(
                bookings=narrowed, holidays=load_holidays(), municipalities=frozenset(TOWNS)
            ),
            today=TODAY,
        ),
        20,
    )
    print(
        f"clash check incl. context build from the {len(narrowed)} occurrences of those days (the DB path): median {median2:.2f} ms"
    )


def bench_suggestions(bookings: list[Booking]) -> None:
    context = ClashContext(
        bookings=bookings, holidays=load_holidays(), municipalities=frozenset(TOWNS)
    )
    template = Proposal(
        TODAY, TODAY, "weimar", categories=frozenset({"festival"}), expected_visitors=20_000
    )
    window = SearchWindow(date(2027, 1, 1), date(2027, 12, 31), days=2)
    median, worst = median_and_worst_ms(
        lambda: suggest_dates(template, window, context, today=TODAY, count=5), repeat=5
    )
    print(
        f"suggestions, 2-day ranges over all of 2027 ({len(bookings):,} occurrences): median {median:.0f} ms, max {worst:.0f} ms (target ≤ 300 ms)"
    )


def bench_yearbook(count: int = 2_000) -> None:
    rng = random.Random(3)
    venues = [
        YearbookVenue(
            str(i),
            f"Spielstätte {i}",
            f"Straße {i}",
            "99084",
            rng.choice(["Erfurt", "Weimar", "Jena", "Apolda"]),
        )
        for i in range(150)
    ]
    entries = []
    for index in range(count):
        start = date(2027, 1, 1) + timedelta(days=rng.randrange(365))
        venue = rng.choice(venues)
        entries.append(
            YearbookEntry(
                key=str(index),
                title=f"Veranstaltung Nummer {index} mit einem längeren Titel",
                start=start,
                end=start + timedelta(days=rng.choice([0, 0, 0, 2])),
                city=venue.city,
                venue_key=venue.key,
                start_time=clock(19, 30),
                categories=tuple(rng.sample(["Theater", "Musik", "Ausstellung", "Fest"], 1)),
                summary='Ein "Höhepunkt" des Jahres in der Impulsregion mit Musik, Theater und mehr.',
            )
        )
    book = Yearbook(
        2027,
        Lang.DE,
        "Kulturjahr",
        "Erfurt · Weimar · Jena · Weimarer Land",
        ["Vorwort."],
        entries,
        venues,
        {},
    )
    started = time.perf_counter()
    pdf = render_yearbook_pdf(yearbook_document(book))
    seconds = time.perf_counter() - started
    print(
        f"Jahresüberblick PDF/UA of {count:,} events: {seconds:.1f} s, {len(pdf) / 1e6:.1f} MB (target ≤ 30 s)"
    )


def main() -> None:
    bookings = synthetic_year()
    bench_clashes(bookings)
    bench_suggestions(bookings)
    bench_yearbook()


if __name__ == "__main__":
    main()
