"""Run the queued background jobs in the test's process, as a worker would."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from impulsregion.common.jobs import workers


def run_jobs() -> None:
    """Claim and run every ready job with the engine's own worker (its `run_task`: signals,
    results, failures), until none is ready. The worker's loop itself is not used: it closes
    the database connection between jobs, which is the test's open transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=workers.new_worker_id(),
        excluded_queue_names=[],
    )
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().get_locked()
            if result is None:
                return
            result.claim(worker.worker_id)
        worker.run_task(result)
