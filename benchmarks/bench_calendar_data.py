"""Generator of benchmark data for the calendar: an .ics of N events and bulk database rows.

Run on its own to write a sample file: .venv/bin/python benchmarks/bench_calendar_data.py
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from impulsregion.calendar.domain.ical_export import VTIMEZONE_BERLIN

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


# The header and time-zone block of a Google Calendar export (Outlook writes the same
# VTIMEZONE with other names); the TZIDs of the events name it.
_HEADER = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Veranstaltungen",
    "X-WR-TIMEZONE:Europe/Berlin",
    *VTIMEZONE_BERLIN,  # the rules libical, Google and our own feed write alike
]
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STREETS = ("Theaterplatz 1", "Markt 7", "Domplatz 3", "Goetheplatz 11", "Schillerstraße 4")


def _fold(line: str) -> list[str]:
    """A content line folded as calendar programs write it (75 octets; ASCII-safe here by
    counting characters, at most 74 of them per line)."""
    parts = [line[:74]]
    parts += [" " + line[i : i + 73] for i in range(74, len(line), 73)]
    return parts


def _wall(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M00}"


def _dates(rng: random.Random, number: int, begin: datetime) -> list[str]:
    """DTSTART/DTEND and the recurrence lines of one event: a plain evening (55 %), an
    all-day event (12 %, some over several days) or a weekly series (33 %: COUNT or UNTIL,
    four in ten with EXDATEs: one value, a list, or several lines)."""
    kind = rng.random()
    if kind < 0.12:
        days = rng.choice((1, 1, 1, 2, 3))
        return [
            f"DTSTART;VALUE=DATE:{begin:%Y%m%d}",
            f"DTEND;VALUE=DATE:{begin + timedelta(days=days):%Y%m%d}",
        ]
    lines = [
        f"DTSTART;TZID=Europe/Berlin:{_wall(begin)}",
        f"DTEND;TZID=Europe/Berlin:{_wall(begin + timedelta(minutes=rng.choice((90, 120, 150))))}",
    ]
    if kind < 0.67:
        return lines
    weeks = rng.randint(4, 12)
    day = _BYDAY[begin.weekday()]
    if rng.random() < 0.5:
        lines.append(f"RRULE:FREQ=WEEKLY;WKST=MO;COUNT={weeks};BYDAY={day}")
    else:
        # Google writes UNTIL in UTC, late on the last day
        last = (begin + timedelta(weeks=weeks - 1)).replace(hour=23, minute=59, second=59)
        lines.append(
            f"RRULE:FREQ=WEEKLY;WKST=MO;UNTIL={last - timedelta(hours=2):%Y%m%dT%H%M%SZ};BYDAY={day}"
        )
    if rng.random() < 0.4:
        skipped = sorted(rng.sample(range(1, weeks), rng.choice((1, 1, 2, 3))))
        values = [_wall(begin + timedelta(weeks=w)) for w in skipped]
        if len(values) > 1 and number % 2:
            lines += [f"EXDATE;TZID=Europe/Berlin:{v}" for v in values]
        else:
            lines.append(f"EXDATE;TZID=Europe/Berlin:{','.join(values)}")
    return lines


def generate_ics(events: int, *, seed: int = 1999, start: datetime | None = None) -> bytes:
    """`events` VEVENTs over two years, shaped like the Google/Outlook exports of our
    members: a VTIMEZONE block for Europe/Berlin, local times with TZID, single evenings,
    all-day events and weekly series (COUNT or UNTIL) with EXDATEs, escaped commas, folded
    long descriptions and a few reminders (VALARM)."""
    rng = random.Random(seed)
    start = start or datetime(2027, 1, 1)  # wall-clock time in Europe/Berlin
    stamp = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    lines = list(_HEADER)
    for number in range(events):
        begin = start + timedelta(days=rng.randint(0, 700), hours=rng.randint(9, 21))
        town, code = rng.choice(TOWNS)
        lines += [
            "BEGIN:VEVENT",
            *_dates(rng, number, begin),
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"UID:{number:06d}{rng.getrandbits(64):016x}@google.com",
            f"CREATED:{stamp - timedelta(days=rng.randint(1, 300)):%Y%m%dT%H%M%SZ}",
            *_fold(
                f"DESCRIPTION:Beschreibung {number}: {title(rng)} in {town}. "
                f"Karten an der Abendkasse\\, Einlass eine halbe Stunde vorher.\\n"
                f"{title(rng)}\\, {title(rng)}."
            ),
            f"LAST-MODIFIED:{stamp:%Y%m%dT%H%M%SZ}",
            f"LOCATION:{rng.choice(_STREETS)}\\, {code} {town}\\, Deutschland",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            f"SUMMARY:{title(rng)}",
            "TRANSP:OPAQUE",
        ]
        if number % 25 == 0:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:This is an event reminder",
                "TRIGGER:-P0DT0H30M0S",
                "END:VALARM",
            ]
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
