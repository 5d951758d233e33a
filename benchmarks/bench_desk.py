"""The office's desk and review page with 10,000 events waiting (issue 15), in-process timings.

Run: .venv/bin/python benchmarks/bench_desk.py   (IMPULSREGION_BENCH_EVENTS=100000 events in
all, IMPULSREGION_BENCH_WAITING=10000 of them waiting: nine in ten submitted, one in ten a
published event with an edit waiting; DATABASE_URL=postgres://… to measure PostgreSQL, on an
empty database)

Each figure is the median and p95 of 50 requests through Django's test client (no HTTP
server) as a user with the office's role (not a superuser; the editor's desk as a member
editor), after one request to warm up, in a fresh process (as a server's) on the data built.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks.bench_calendar_data import populate
from benchmarks.common import report, setup_django, timings

REQUESTS = 50
TARGET = "p95 ≤ 150 ms"
MEASURE_ONLY = "IMPULSREGION_BENCH_DESK_MEASURE"  # set for the measuring process


def make_waiting(count: int) -> None:
    """Turn `count` events into waiting ones: nine in ten submitted, the others published
    with an edit waiting (one made through the service, its payload copied)."""
    from impulsregion.calendar.domain.types import Span  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.calendar.models import Event, Occurrence  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.calendar.services.moderation import EventInput, update_event  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    every = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    ids = every[:: max(1, len(every) // count)][:count]  # spread over the table
    edited, submitted = ids[: count // 10], ids[count // 10 :]
    Event.objects.filter(pk__in=submitted).update(public_status="submitted", public_from=None)
    Occurrence.objects.filter(event_id__in=submitted).update(public_from=None)
    # one real edit through the service, its payload copied onto the other edited events
    sample = Event.objects.get(pk=edited[0])
    spans = [
        Span(o.start + dt.timedelta(days=1), o.end and o.end + dt.timedelta(days=1), o.all_day)
        for o in sample.occurrences.all()
    ]
    data = EventInput(
        title_de=f"{sample.title_de} (geändert)", spans=spans, place_id=sample.place_id
    )
    editor = user("bench-editor", "editor", sample.organisation)
    update_event(event=sample, data=data, user=editor, now=timezone.now())
    sample.refresh_from_db()
    Event.objects.filter(pk__in=edited).update(pending_changes=sample.pending_changes)


def user(username: str, role: str, organisation: object) -> object:
    """A back-office user with one role (never a superuser: the roles decide)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    from impulsregion.region.models import StaffRole  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    person = get_user_model().objects.create_user(username, password=None, is_staff=True)
    StaffRole.objects.create(user=person, organisation=organisation, role=role)
    return get_user_model().objects.get(pk=person.pk)


def other_work() -> None:
    """What else waits on a busy day: open duplicates, holds, feeds, filings."""
    from impulsregion.agreements.models import RegisterFiling  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.calendar.models import DuplicateProposal, Event, FeedSubscription  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.planning.models import Hold, HoldNotice  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    events = list(
        Event.objects.filter(public_status="published").values_list("pk", "organisation_id")[:1000]
    )
    DuplicateProposal.objects.bulk_create(
        DuplicateProposal(original_id=a[0], duplicate_id=b[0], score="0.900")
        for a, b in zip(events[::2], events[1::2], strict=False)
    )
    today = timezone.localdate()
    holds = Hold.objects.bulk_create(
        Hold(
            organisation_id=org,
            title=f"Vormerkung {number}",
            start=today + dt.timedelta(days=30 + number % 300),
            end=today + dt.timedelta(days=31 + number % 300),
            municipality_id=org,
            deadline=today + dt.timedelta(days=number % 40),
        )
        for number, (_pk, org) in enumerate(events[:400])
    )
    HoldNotice.objects.bulk_create(HoldNotice(hold=h, about=f"event:{h.pk}") for h in holds[::5])
    FeedSubscription.objects.bulk_create(
        FeedSubscription(
            organisation_id=org,
            name=f"Feed {number}",
            url=f"https://example.org/{number}.ics",
            last_result="fehlgeschlagen: HTTP 404" if number % 4 == 0 else "3 neu",
        )
        for number, (_pk, org) in enumerate(events[:80])
    )
    RegisterFiling.objects.bulk_create(
        RegisterFiling(
            kind="board_change", description=f"Anmeldung {n}", due_on=today + dt.timedelta(n * 7)
        )
        for n in range(-5, 20)
    )


def main() -> None:
    setup_django("desk")
    if os.environ.get(MEASURE_ONLY):
        measure()
        return

    from impulsregion.region.models import Organisation  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.region.services import load_region  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_region()
    print(f"database: {connection.vendor}", flush=True)
    size = int(os.environ.get("IMPULSREGION_BENCH_EVENTS", "100000"))
    waiting = int(os.environ.get("IMPULSREGION_BENCH_WAITING", "10000"))
    started = time.perf_counter()
    dates = populate(size)
    make_waiting(waiting)
    other_work()
    user("bench-office", "office", Organisation.objects.get(slug="impulsregion"))
    user("bench-jena", "editor", Organisation.objects.get(slug="jena"))
    print(
        f"populated {size} events ({dates} dates), {waiting} waiting, in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    connection.close()
    # measured in a process of its own, like a server's, which never held the builder's
    # hundreds of thousands of objects (they slow each later garbage collection by tens of ms)
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve())],
        env={**os.environ, MEASURE_ONLY: "1"},
        check=True,
    )


def measure() -> None:
    """Time the pages as the office and as a member editor, on the data built before."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    from impulsregion.calendar.models import Event  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    waiting = Event.objects.order_by("pk")
    submitted = waiting.filter(public_status="submitted").first()
    edited = waiting.filter(public_status="published").exclude(pending_changes={}).first()
    assert submitted is not None
    assert edited is not None
    users = get_user_model().objects
    pages = {
        "bench-office": {
            "office's desk /admin/": "/admin/",
            "review page, a submission": f"/admin/calendar/event/{submitted.pk}/review/",
            "review page, an edit (old → new)": f"/admin/calendar/event/{edited.pk}/review/",
            "event list, waiting for review": "/admin/calendar/event/?todo=review",
        },
        "bench-jena": {"an editor's desk /admin/": "/admin/"},
    }
    for username, shown in pages.items():
        client = Client()
        client.force_login(users.get(username=username))
        for label, url in shown.items():
            first = client.get(url)
            assert first.status_code == 200, (url, first.status_code)
            report(label, timings(lambda c=client, u=url: c.get(u), REQUESTS), TARGET)


if __name__ == "__main__":
    main()
