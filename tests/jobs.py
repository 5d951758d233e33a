"""Run the queued background jobs in the test's process, with the engine's own worker loop."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker

from impulsregion.common.jobs import workers


def run_jobs() -> None:
    """One worker, until no job is ready (as `impulsregion worker --batch` would)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=workers.new_worker_id(),
        excluded_queue_names=[],
    ).run()
