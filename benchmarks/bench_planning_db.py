"""Clash radar and suggestions end to end through the database (SQLite, or DATABASE_URL).

Builds a throw-away database with 100,000 occurrences in 2027 (about 33,000 events in four
towns), then times ``services.check_clashes`` (query + domain + nothing cached) and
``services.suggest`` over the whole year. Targets: ≤ 50 ms and ≤ 300 ms.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection

from benchmarks.common import median_and_worst_ms, setup_django

OCCURRENCES = 100_000


def _populate() -> None:
    from impulsregion.calendar.models import Event, Occurrence, Place  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.region.models import Organisation  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    if Occurrence.objects.count() >= OCCURRENCES:
        return
    rng = random.Random(11)
    berlin = ZoneInfo("Europe/Berlin")
    towns = [
        Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": slug,
                "short_name": slug.title(),
                "kind": "kreisfreie_stadt",
                "ags": ags,
            },
        )[0]
        for slug, ags in (
            ("erfurt", "16051000"),
            ("weimar", "16055000"),
            ("jena", "16053000"),
            ("weimarer-land", "16071000"),
        )
    ]
    places = Place.objects.bulk_create(
        Place(name=f"Ort {i}", municipality=towns[i % 4]) for i in range(400)
    )
    now = datetime(2026, 1, 1, tzinfo=berlin)
    events = Event.objects.bulk_create(
        Event(
            organisation=places[i % 400].municipality,
            title_de=f"Veranstaltung {i}",
            place=places[i % 400],
            public_status="published",
            public_from=now,
            expected_visitors=rng.choice([80, 200, 500, 1500])
            if rng.random() < 0.995
            else rng.randrange(10_000, 150_000),
        )
        for i in range(OCCURRENCES // 3)
    )
    occurrences = []
    for index in range(OCCURRENCES):
        event = events[index % len(events)]
        start = datetime(2027, 1, 1, 19, 0, tzinfo=berlin) + timedelta(days=rng.randrange(365))
        occurrences.append(
            Occurrence(
                event=event,
                start=start,
                end=start + timedelta(hours=2),
                municipality=event.place.municipality,
                public_from=now,
            )
        )
    Occurrence.objects.bulk_create(occurrences, batch_size=5000)

    with connection.cursor() as cursor:  # as autovacuum would after a bulk import
        cursor.execute("ANALYZE")


def main() -> None:
    started = time.perf_counter()
    setup_django("planning")
    _populate()

    from impulsregion.planning import services  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    setup = time.perf_counter() - started
    today = date(2026, 11, 24)
    proposal = services.ProposalInput(
        date(2027, 6, 19), date(2027, 6, 20), "weimar", visitors=20_000
    )
    median, worst = median_and_worst_ms(
        lambda: services.check_clashes(proposal, user=None, today=today), 20
    )
    print(
        f"[{connection.vendor}] clash check via the database, 100,000 occurrences in 2027: median {median:.1f} ms, max {worst:.1f} ms (target ≤ 50 ms; setup {setup:.0f} s)"
    )
    window = services.ProposalInput(date(2027, 1, 1), date(2027, 1, 1), "weimar", visitors=20_000)
    median, worst = median_and_worst_ms(
        lambda: services.suggest(
            window,
            window_end=date(2027, 12, 31),
            days=2,
            count=5,
            weekdays=None,
            user=None,
            today=today,
        ),
        3,
    )
    print(
        f"[{connection.vendor}] suggestions over all of 2027 via the database: median {median:.0f} ms, max {worst:.0f} ms (target ≤ 300 ms)"
    )


if __name__ == "__main__":
    main()
