"""Kulturkalender speed figures (issue 3, "Speed"): import, feed, search API, list page.

Run: .venv/bin/python benchmarks/bench_calendar.py   (IMPULSREGION_BENCH_EVENTS=100000 by default;
DATABASE_URL=postgres://… to measure PostgreSQL)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks.bench_calendar_data import NAMES, WORDS, generate_ics, populate
from benchmarks.common import report, setup_django, timings


def bench_import() -> None:
    from impulsregion.calendar.services.importing import import_events  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.region.models import Organisation  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    data = generate_ics(10_000)
    jena = Organisation.objects.get(slug="jena")

    def timed_import():  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = import_events(
            documents=[data],
            source_format="ics",
            organisation=jena,
            source_key="bench",
            now=datetime(2026, 12, 1, tzinfo=UTC),
        )
        return result, time.perf_counter() - started

    result, seconds = timed_import()
    print(
        f"import 10,000 events from .ics ({len(data) / 1e6:.1f} MB): {seconds:.2f} s = "
        f"{result.created / seconds:.0f} events/s  (target ≥ 1,000 events/s)",
        flush=True,
    )
    again, seconds = timed_import()
    print(f"re-import unchanged: {seconds:.2f} s ({again.unchanged} unchanged)", flush=True)


def bench_publish() -> None:
    """The office publishes the 10,000 events bench_import left submitted (an untrusted
    member's import) in one run of the bulk service."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    from impulsregion.calendar.models import Event  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.calendar.services.publishing import publish_events  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    office = get_user_model().objects.create_superuser("bench-office", password=None)
    ids = list(
        Event.objects.filter(source_records__source_key="bench").values_list("pk", flat=True)
    )
    started = time.perf_counter()
    report = publish_events(events=ids, user=office.pk, now=timezone.now())
    seconds = time.perf_counter() - started
    print(
        f"publish {report.published:,} imported events: {seconds:.1f} s "
        f"({len(report.skipped)} skipped)  (target ≤ 20 s)",
        flush=True,
    )


def bench_feed(client) -> None:  # type: ignore[no-untyped-def]

    from impulsregion.calendar.models import Event, Occurrence  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    url = "/feeds/events.ics?category=theatre"
    events = Event.objects.filter(categories__slug="theatre").count()
    client.get("/api/v1/categories")  # the process's first request loads URLs and the API
    cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - started
    size = len(response.content)
    vevents = response.content.count(b"BEGIN:VEVENT")
    print(
        f"iCalendar feed cold: {cold * 1000:.0f} ms for {events} events, {vevents} dates, {size / 1e6:.1f} MB "
        f"(target ≤ 1 s)",
        flush=True,
    )
    report("iCalendar feed warm (cached)", timings(lambda: client.get(url), 50), "≤ 12 ms")
    etag = response["ETag"]
    report(
        "iCalendar feed 304",
        timings(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), 50),
        "≤ 12 ms",
    )
    folder = Path(tempfile.mkdtemp())
    (folder / "feed.ics").write_bytes(response.content)
    report(
        "reference: reading the same bytes from a file",
        timings(lambda: (folder / "feed.ics").read_bytes(), 50),
    )
    print(f"({Occurrence.objects.count()} stored dates in total)", flush=True)


def bench_search(client) -> None:  # type: ignore[no-untyped-def]

    from impulsregion.calendar.models import Event  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    rng = random.Random(7)
    towns = ["erfurt", "weimar", "jena", "weimarer-land"]
    for url in ("/api/v1/events?q=Konzert", "/kalender/?q=Konzert", "/api/v1/events"):
        client.get(url)  # warm-up: connection, caches of the database and the templates
    report(
        "search API ?q=<name> (a name in ≈0.26 % of the events)",
        timings(lambda: client.get(f"/api/v1/events?q={rng.choice(NAMES)}"), 200),
        "p50 ≤ 10 ms, p95 ≤ 50 ms",
    )
    report(
        "search API ?q=<name>&municipality=…",
        timings(
            lambda: client.get(
                f"/api/v1/events?q={rng.choice(NAMES)}&municipality={rng.choice(towns)}"
            ),
            200,
        ),
        "p50 ≤ 10 ms, p95 ≤ 50 ms",
    )

    def frequent_cold() -> None:
        cache.clear()  # neither the count nor the size of the text's matches is kept
        client.get(f"/api/v1/events?q={rng.choice(WORDS)}")

    report(
        "search API ?q=<frequent word> (≈10 % of the events), nothing cached",
        timings(frequent_cold, 100),
        "p50 ≤ 10 ms, p95 ≤ 50 ms",
    )
    touched = Event.objects.order_by("pk").values_list("pk", flat=True)[0]

    def frequent_after_change() -> float:
        # an editor's save makes a new data version: every count and match list is stale
        Event.objects.filter(pk=touched).update(updated_at=timezone.now())
        started = time.perf_counter()
        client.get(f"/api/v1/events?q={rng.choice(WORDS)}")
        return time.perf_counter() - started

    report(
        "search API ?q=<frequent word> right after a change to the data",
        [frequent_after_change() for _ in range(100)],
        "p50 ≤ 10 ms, p95 ≤ 50 ms",
    )
    report(
        "search API ?q=<frequent word>, count cached for this minute",
        timings(lambda: client.get(f"/api/v1/events?q={rng.choice(WORDS)}"), 200),
        "p50 ≤ 10 ms, p95 ≤ 50 ms",
    )
    report(
        "events API without filters (every upcoming event)",
        timings(lambda: client.get("/api/v1/events"), 100),
    )
    report(
        "events API ?municipality=…&period=weekend",
        timings(
            lambda: client.get(f"/api/v1/events?municipality={rng.choice(towns)}&period=weekend"),
            100,
        ),
    )
    report(
        "list page /kalender/?municipality=…",
        timings(lambda: client.get(f"/kalender/?municipality={rng.choice(towns)}"), 100),
        "p95 ≤ 100 ms",
    )
    report(
        "list page /kalender/?q=<name>",
        timings(lambda: client.get(f"/kalender/?q={rng.choice(NAMES)}"), 100),
        "p95 ≤ 100 ms",
    )
    report(
        "list page /kalender/?q=<frequent word>",
        timings(lambda: client.get(f"/kalender/?q={rng.choice(WORDS)}"), 100),
        "p95 ≤ 100 ms",
    )
    month = datetime.now(tz=UTC)
    busiest = f"/kalender/monat/{month.year}/{month.month}/"
    report(
        f"month view {busiest} (every date of the month in the grid's counts)",
        timings(lambda: client.get(busiest), 20),
    )
    report(
        "month view ?municipality=…",
        timings(lambda: client.get(f"{busiest}?municipality={rng.choice(towns)}"), 20),
    )


def main() -> None:
    os.environ.setdefault("IMPULSREGION_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    setup_django("calendar")

    from impulsregion.region.services import load_region  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_region()
    print(f"database: {connection.vendor}", flush=True)
    bench_import()
    bench_publish()
    size = int(os.environ.get("IMPULSREGION_BENCH_EVENTS", "100000"))
    started = time.perf_counter()
    dates = populate(size - 10_000)
    print(
        f"populated {size - 10_000} more events ({dates} dates) in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        # what autovacuum does to a live database (PostgreSQL also flushes the GIN index's
        # pending list of the bulk-inserted texts)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    client = Client()
    bench_feed(client)
    bench_search(client)


if __name__ == "__main__":
    main()
