"""Generator of benchmark data for the calendar: an .ics of N events and bulk database rows.

Run on its own to write a sample file: .venv/bin/python benchmarks/bench_calendar_data.py
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    "Konzert",
    "Orgel",
    "Sommer",
    "Nacht",
    "Theater",
    "Lesung",
    "Jazz",
    "Kammermusik",
    "Ausstellung",
    "Führung",
    "Markt",
    "Fest",
    "Kino",
    "Tanz",
    "Oper",
    "Chor",
    "Vortrag",
    "Kinder",
    "Familie",
    "Museum",
    "Garten",
    "Schloss",
    "Bauhaus",
    "Goethe",
    "Schiller",
    "Bach",
    "Romantik",
    "Moderne",
    "Klassik",
    "Galerie",
    "Literatur",
    "Poesie",
    "Improvisation",
    "Ensemble",
    "Trio",
    "Quartett",
]
_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "da",
    "de",
    "di",
    "do",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
]
# 3,000 made-up names (ensembles, artists, works): a title has one frequent word and two names,
# so a frequent word matches about 2.7 % of the events and a name about 0.07 %, as real searches
# for "Konzert" and for "Kreuzchor" would.
NAMES = sorted(
    {a.capitalize() + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES[:3]}
)[:3000]
TOWNS = (("Erfurt", "99084"), ("Weimar", "99423"), ("Jena", "07743"), ("Apolda", "99510"))


def title(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(NAMES)} {rng.choice(NAMES)}"


def generate_ics(events: int, *, seed: int = 1999, start: datetime | None = None) -> bytes:
    """`events` VEVENTs over two years; every third one a weekly series of five dates."""
    rng = random.Random(seed)
    start = start or datetime(2027, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//DE", "X-WR-TIMEZONE:Europe/Berlin"]
    for number in range(events):
        begin = start + timedelta(days=rng.randint(0, 700), hours=rng.randint(9, 21))
        town, _code = rng.choice(TOWNS)
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{number}@impulsregion.de",
            f"DTSTAMP:{begin:%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{title(rng)}",
            f"DESCRIPTION:Beschreibung {number}: {title(rng)} in {town}.",
            f"LOCATION:{town}",
            f"DTSTART;TZID=Europe/Berlin:{begin:%Y%m%dT%H%M00}",
            f"DTEND;TZID=Europe/Berlin:{begin + timedelta(hours=2):%Y%m%dT%H%M00}",
        ]
        if number % 3 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=5")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def populate(events: int, *, seed: int = 2026, batch: int = 5000) -> int:
    """Bulk rows: `events` published events with 1–9 dates each (about five on average)."""
    from impulsregion.calendar.models import Category, Event, Occurrence, Place  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.region.models import Organisation  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    rng = random.Random(seed)
    organisations = list(Organisation.objects.exclude(ags=""))
    places = [
        Place.objects.create(
            name=f"Spielstätte {i}",
            postal_code=TOWNS[i % 4][1],
            locality=TOWNS[i % 4][0],
            municipality=organisations[i % len(organisations)],
        )
        for i in range(40)
    ]
    categories = list(Category.objects.all())
    through = Event.categories.through
    now = datetime.now(tz=UTC)
    published = now - timedelta(days=1)
    occurrences = 0
    for offset in range(0, events, batch):
        chunk = [
            Event(
                organisation=rng.choice(organisations),
                title_de=title(rng),
                short_de=title(rng),
                description_de=f"<p>{title(rng)} {title(rng)}</p>",
                place=rng.choice(places),
                public_status="published",
                public_from=published,
                is_free=rng.random() < 0.2,
            )
            for _ in range(min(batch, events - offset))
        ]
        Event.objects.bulk_create(chunk)
        rows = []
        links = []
        for event in chunk:
            begin = now + timedelta(days=rng.randint(-30, 700), hours=rng.randint(0, 12))
            for week in range(rng.randint(1, 9)):
                start = begin + timedelta(days=7 * week)
                rows.append(
                    Occurrence(
                        event_id=event.pk,
                        start=start,
                        end=start + timedelta(hours=2),
                        public_from=published,
                        municipality_id=event.place.municipality_id,
                    )
                )
            links.append(through(event_id=event.pk, category_id=categories[event.pk % 10].pk))
        Occurrence.objects.bulk_create(rows, batch_size=10000)
        through.objects.bulk_create(links, batch_size=10000)
        occurrences += len(rows)
    return occurrences


def main() -> None:
    started = time.perf_counter()
    data = generate_ics(10_000)
    target = Path("/tmp/impulsregion-bench-10000.ics")
    target.write_bytes(data)
    print(
        f"generated {target} ({len(data) / 1e6:.1f} MB, 10,000 events) in {time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main()
