"""Imports on the embedded database write in batches: each batch whole, withdrawals only at the
end of a complete run, an interrupted run completed by the next one, a dry run writing
nothing. (Inside an enclosing transaction, as in most tests, an import is one batch.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from impulsregion.calendar.models import Event, ImportRun, Occurrence, SourceRecord
from impulsregion.calendar.services import importing
from impulsregion.calendar.services.importing import import_events
from impulsregion.region.models import Organisation
from impulsregion.region.services import load_region

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="batches are the embedded database's (SQLite)"
    ),
]

NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


class Interrupted(Exception):
    pass


def _sheet(rows: list[int]) -> bytes:
    lines = ["id;title_de;start_date;start_time;venue;postal_code;town"]
    lines += [f"r{n};Reihe {n};2026-07-{1 + n % 28:02d};19:30;Volkshaus;07743;Jena" for n in rows]
    return "\n".join(lines).encode()


def _run(rows: list[int], **kw):  # type: ignore[no-untyped-def]
    return import_events(
        documents=[_sheet(rows)],
        source_format="csv",
        organisation=Organisation.objects.get(slug="jena"),
        source_key="tabelle",
        now=NOW,
        **kw,
    )


def _stop_at(count: int):  # type: ignore[no-untyped-def]
    def progress(done: int, _total: int) -> None:
        if done >= count:
            raise Interrupted

    return progress


@pytest.fixture
def small_batches(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    load_region()
    monkeypatch.setattr(importing, "BATCH_SIZE", 100)
    monkeypatch.setattr(importing, "PAUSE_BETWEEN_BATCHES", 0)


def test_an_interrupted_import_leaves_whole_events_and_the_next_run_completes_it(
    small_batches: None,
) -> None:
    _run([*range(300)])
    second = [*range(300, 600), *range(100, 300)]  # 300 new first; 0–99 vanished
    with pytest.raises(Interrupted):  # stops in its second batch
        _run(second, progress=_stop_at(200))

    kept = set(SourceRecord.objects.values_list("external_id", flat=True))
    assert len(kept) == 400  # the first run's 300 and the second run's first batch
    assert not SourceRecord.objects.filter(withdrawn_at__isnull=False).exists()
    assert Occurrence.objects.count() == Event.objects.count() == 400  # each with its date
    assert ImportRun.objects.count() == 1

    report = _run(second)

    assert (report.created, report.unchanged, report.withdrawn) == (200, 300, 100)
    assert Event.objects.count() == SourceRecord.objects.count() == 600
    assert SourceRecord.objects.filter(withdrawn_at__isnull=False).count() == 100
    assert ImportRun.objects.count() == 2


def test_a_dry_run_in_batches_counts_everything_and_writes_nothing(small_batches: None) -> None:
    report = _run([*range(250)], dry_run=True)

    assert (report.created, report.dry_run) == (250, True)
    assert not Event.objects.exists()
    assert not ImportRun.objects.exists()
