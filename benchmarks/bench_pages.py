"""Public pages at scale (issue 13): home, calendar list and event pages, in-process timings.

Run: .venv/bin/python benchmarks/bench_pages.py   (IMPULSREGION_BENCH_EVENTS=100000 by default;
DATABASE_URL=postgres://… to measure PostgreSQL, on an empty database)

Each figure is the median and p95 of 50 requests through Django's test client (no HTTP
server), every one rendered in full (no validator sent), after one request to warm up.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection
from django.test import Client

from benchmarks.bench_calendar_data import populate
from benchmarks.common import report, setup_django, timings

REQUESTS = 50
PROGRAMME_ITEMS = 40


def umbrella_event() -> tuple[int, int]:
    """A museum night with `PROGRAMME_ITEMS` programme items (one date each) and a plain event."""
    from impulsregion.calendar.models import Event, Occurrence  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    plain = Event.objects.filter(parent__isnull=True).order_by("pk").last()
    assert plain is not None
    published = datetime.now(tz=UTC) - timedelta(days=1)
    night = datetime.now(tz=UTC).replace(hour=18, minute=0, second=0) + timedelta(days=20)
    common = {"organisation_id": plain.organisation_id, "public_status": "published"}
    umbrella = Event.objects.create(
        title_de="Lange Nacht der Museen", public_from=published, **common
    )
    Occurrence.objects.create(
        event=umbrella, start=night, end=night + timedelta(hours=6), public_from=published
    )
    for number in range(PROGRAMME_ITEMS):
        item = Event.objects.create(
            title_de=f"Programmpunkt {number}",
            place_id=plain.place_id,
            parent=umbrella,
            public_from=published,
            **common,
        )
        start = night + timedelta(minutes=10 * number)
        Occurrence.objects.create(
            event=item, start=start, end=start + timedelta(hours=1), public_from=published
        )
    return plain.pk, umbrella.pk


def main() -> None:
    setup_django("pages")

    from impulsregion.region.services import load_region  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_region()
    print(f"database: {connection.vendor}", flush=True)
    size = int(os.environ.get("IMPULSREGION_BENCH_EVENTS", "100000"))
    started = time.perf_counter()
    dates = populate(size)
    print(
        f"populated {size} events ({dates} dates) in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    plain, umbrella = umbrella_event()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    client = Client()
    pages = {
        "home /": "/",
        "calendar list /kalender/": "/kalender/",
        "calendar list, English /en/kalender/": "/en/kalender/",
        "event page, plain": f"/kalender/veranstaltung/{plain}/",
        "event page, umbrella (40 items)": f"/kalender/veranstaltung/{umbrella}/",
    }
    for label, url in pages.items():
        first = client.get(url)
        assert first.status_code == 200, (url, first.status_code)
        report(label, timings(lambda url=url: client.get(url), REQUESTS), "p95 ≤ 100 ms")


if __name__ == "__main__":
    main()
