"""Background jobs as the office meets them: retries, refusals, lost workers, periodic slots."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.calendar.models import Event
from impulsregion.common.jobs import PERIODIC, backoff, schedule, workers
from impulsregion.common.models import PeriodicSlot
from impulsregion.region.models import Organisation
from tests.common import jobs_for_tests
from tests.jobs import run_jobs

pytestmark = pytest.mark.django_db

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//DE\r
BEGIN:VEVENT\r
UID:job-1@example.org\r
DTSTAMP:20261201T100000Z\r
SUMMARY:Orgelnacht im Dom\r
LOCATION:Erfurt\r
DTSTART;TZID=Europe/Berlin:20270314T200000\r
DTEND;TZID=Europe/Berlin:20270314T220000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def row(result) -> DBTaskResult:  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.get(id=result.id)


def test_failed_job_waits_then_succeeds_on_retry(tmp_path: Path) -> None:
    result = jobs_for_tests.fails_once.enqueue(str(tmp_path / "marker"))
    before = timezone.now()

    run_jobs()

    waiting = row(result)
    assert waiting.status == TaskResultStatus.READY
    assert "the feed server did not answer" in waiting.traceback
    assert (
        before + timedelta(minutes=1) <= waiting.run_after <= timezone.now() + timedelta(minutes=1)
    )
    run_jobs()  # not yet due: nothing runs
    assert row(result).status == TaskResultStatus.READY

    DBTaskResult.objects.filter(id=result.id).update(run_after=timezone.now())  # a minute later
    run_jobs()

    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "done"
    assert len(done.worker_ids) == 2


def test_job_fails_for_good_after_its_retries() -> None:
    result = jobs_for_tests.always_fails.enqueue()
    for _attempt in range(3):
        DBTaskResult.objects.filter(id=result.id).update(run_after=timezone.now())
        run_jobs()

    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == 2  # the first try and one retry


def test_refused_job_is_not_retried() -> None:
    result = jobs_for_tests.refuses.enqueue()

    run_jobs()

    assert row(result).status == TaskResultStatus.FAILED
    assert len(row(result).worker_ids) == 1


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(20) == timedelta(hours=1)


def test_each_periodic_slot_is_enqueued_once() -> None:
    now = datetime(2026, 12, 3, 9, 15, tzinfo=UTC)

    first = schedule.tick(now)
    second = schedule.tick(now + timedelta(minutes=5))

    assert sorted(first) == sorted(PERIODIC)
    assert second == []
    assert DBTaskResult.objects.count() == len(PERIODIC)
    # the next day's slot is a new run
    assert sorted(schedule.tick(now + timedelta(days=1))) == sorted(PERIODIC)
    assert PeriodicSlot.objects.filter(name="expire-holds").count() == 2


def test_daily_job_slot_is_its_local_time() -> None:
    expire = PERIODIC["expire-holds"]
    before_six = datetime(2026, 12, 3, 4, 59, tzinfo=UTC)  # 05:59 in Erfurt
    after_six = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)

    assert timezone.localtime(expire.slot(before_six)).date().isoformat() == "2026-12-02"
    assert timezone.localtime(expire.slot(after_six)).isoformat() == "2026-12-03T06:00:00+01:00"


def _dead_worker_id() -> str:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(finished.stdout)
    return f"{workers.new_worker_id().split(':')[0]}:{pid}:deadbeef"


def test_job_of_a_dead_worker_runs_on_another(tmp_path: Path) -> None:
    result = jobs_for_tests.fails_once.enqueue(str(tmp_path / "marker"))
    (tmp_path / "marker").write_text("tried")  # it will succeed at once
    dead = _dead_worker_id()
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[dead],
        started_at=timezone.now() - timedelta(minutes=1),
    )
    assert workers.alive(dead) is False
    assert workers.alive(workers.new_worker_id()) is True  # this process

    assert workers.recover_lost() == [str(result.id)]
    run_jobs()

    assert row(result).status == TaskResultStatus.SUCCESSFUL
    assert row(result).worker_ids[0] == dead


def _import_in_background(source: Path, content: bytes) -> str:
    """`impulsregion import-events FILE --background` for Erfurt; what the command said."""
    source.write_bytes(content)
    out = StringIO()
    call_command(
        "import_events",
        str(source),
        "--format",
        "ics",
        "--organisation",
        "erfurt",
        "--background",
        stdout=out,
    )
    return out.getvalue()


def test_background_import_from_the_command_line(region_data: None, tmp_path: Path) -> None:
    said = _import_in_background(tmp_path / "orgel.ics", ICS)

    assert "job" in said
    assert not Event.objects.filter(title_de="Orgelnacht im Dom").exists()
    run_jobs()
    event = Event.objects.get(title_de="Orgelnacht im Dom")
    assert event.organisation == Organisation.objects.get(slug="erfurt")
    assert DBTaskResult.objects.get().return_value["created"] == 1


def test_office_sees_a_refused_import_with_its_reason(
    region_data: None, tmp_path: Path, client, office_user, make_user
) -> None:  # type: ignore[no-untyped-def]
    _import_in_background(tmp_path / "kaputt.ics", b"das ist kein Kalender")
    run_jobs()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED

    client.force_login(office_user)
    page = client.get("/admin/common/job/").content.decode()
    assert "Kalender importieren" in page
    assert "fehlgeschlagen" in page
    assert "Die Datei enthält keine iCalendar-Daten" in page

    editor = make_user(
        "redakteur", role="editor", organisation=Organisation.objects.get(slug="erfurt")
    )
    client.force_login(editor)
    assert client.get("/admin/common/job/").status_code == 403
