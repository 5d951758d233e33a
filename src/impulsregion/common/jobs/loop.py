"""The housekeeping loop of workers and schedulers: heartbeat, lost jobs, periodic slots."""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, close_old_connections, connection

from impulsregion.common.jobs import schedule, workers

logger = logging.getLogger(__name__)


def housekeeping(*, worker_id: str | None, schedule_jobs: bool) -> None:
    """One round: beat (for a worker), hand over lost jobs, enqueue due periodic jobs.

    A busy database (SQLite locked by a long import) only postpones the round."""
    if worker_id:
        workers.beat(worker_id)
    try:
        close_old_connections()
        recovered = workers.recover_lost()
        if recovered:
            logger.warning("jobs of lost workers queued again: %s", ", ".join(recovered))
        if schedule_jobs:
            schedule.tick()
    except DatabaseError as error:
        logger.warning("housekeeping postponed: %s", error)


def run_until(stop: threading.Event, *, worker_id: str | None, schedule_jobs: bool) -> None:
    """:func:`housekeeping` every few seconds until `stop` is set."""
    while not stop.is_set():
        housekeeping(worker_id=worker_id, schedule_jobs=schedule_jobs)
        connection.close()
        stop.wait(workers.BEAT_SECONDS)


def start_in_background(*, worker_id: str | None, schedule_jobs: bool) -> threading.Event:
    """Run :func:`run_until` in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(
        target=run_until,
        args=(stop,),
        kwargs={"worker_id": worker_id, "schedule_jobs": schedule_jobs},
        name="jobs-housekeeping",
        daemon=True,
    ).start()
    return stop
