"""Data migrations of the calendar, run back and forth on the test database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.integration

START = dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)


def _migrate(target: tuple[str, str]):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def back_to_latest():  # type: ignore[no-untyped-def]
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_stored_dates_whose_end_repeats_the_start_lose_the_end() -> None:
    old = _migrate(("calendar", "0004_occurrence_long_dates"))
    Organisation = old.get_model("region", "Organisation")
    Event = old.get_model("calendar", "Event")
    Occurrence = old.get_model("calendar", "Occurrence")
    jena = Organisation.objects.create(slug="jena", name="Jena", ags="16053000")
    event = Event.objects.create(title_de="Orgelvesper", organisation=jena)
    Occurrence.objects.create(event=event, start=START, end=START)
    Occurrence.objects.create(event=event, start=START, end=START + dt.timedelta(hours=1))
    Occurrence.objects.create(
        event=event, start=START, end=START + dt.timedelta(days=1), all_day=True
    )

    new = _migrate(("calendar", "0005_dates_without_real_end"))

    ends = (
        new.get_model("calendar", "Occurrence").objects.order_by("pk").values_list("end", flat=True)
    )
    assert list(ends) == [None, START + dt.timedelta(hours=1), START + dt.timedelta(days=1)]


@pytest.mark.django_db
def test_the_event_tables_triggers_survive_every_migration() -> None:
    """A migration that rebuilds the event table on SQLite silently drops its triggers: search
    and the data version (and so every cache) would stop following the events."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'calendar_event'"
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'calendar_event'::regclass "
                "AND NOT tgisinternal"
            )
        names = {name for (name,) in cursor.fetchall()}

    expected = (
        {
            "calendar_event_fts_insert",
            "calendar_event_fts_update",
            "calendar_event_fts_delete",
            "calendar_event_revision_insert",
            "calendar_event_revision_update",
            "calendar_event_revision_delete",
        }
        if connection.vendor == "sqlite"
        else {"calendar_event_search", "calendar_event_revision"}
    )
    assert names == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_a_subscriptions_last_result_becomes_its_health() -> None:
    old = _migrate(("calendar", "0010_event_is_online"))
    Organisation = old.get_model("region", "Organisation")
    FeedSubscription = old.get_model("calendar", "FeedSubscription")
    jena = Organisation.objects.create(slug="jena", name="Jena", ags="16053000")
    for name, result in [
        ("gut", "3 neu, 1 geändert, 10 unverändert, 0 zurückgezogen, 2 abgelehnt"),
        ("kaputt", "fehlgeschlagen: Die Adresse konnte nicht abgerufen werden: 404."),
        ("nie", ""),
    ]:
        FeedSubscription.objects.create(
            organisation=jena,
            name=name,
            url=f"https://jena.example/{name}.ics",
            last_result=result,
            last_enqueued_at=START if result else None,
        )

    new = _migrate(("calendar", "0011_subscription_health"))

    rows = {
        s.name: (s.last_success_at, s.last_counts, s.failures, s.last_error_de, s.every_hours)
        for s in new.get_model("calendar", "FeedSubscription").objects.all()
    }
    assert rows == {
        "gut": (
            START,
            {"created": 3, "updated": 1, "unchanged": 10, "withdrawn": 0, "rejected": 2},
            0,
            "",
            24,  # the interval chosen before stays; only new subscriptions are hourly
        ),
        "kaputt": (None, {}, 1, "Die Adresse konnte nicht abgerufen werden: 404.", 24),
        "nie": (None, {}, 0, "", 24),
    }
