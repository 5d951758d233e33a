"""Failed jobs go back into the queue with a growing pause (connected in CommonConfig.ready)."""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.common.jobs import JobRefused, backoff, retries_of

logger = logging.getLogger(__name__)


def _refused(result: TaskResult[Any]) -> bool:
    if not result.errors:
        return False
    try:
        return issubclass(result.errors[-1].exception_class, JobRefused)
    except (ImportError, ValueError):
        return False


def retry_failed(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    """On ``task_finished``: a failed job with tries left runs again after its back-off.

    The row keeps the last error (the office sees it beside the time of the next try)."""
    if task_result.status != TaskResultStatus.FAILED or _refused(task_result):
        return
    attempts = task_result.attempts
    if attempts > retries_of(task_result.task.module_path):
        return
    run_after = timezone.now() + backoff(attempts)
    again = DBTaskResult.objects.filter(id=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if again:
        logger.warning(
            "job %s (%s) failed on attempt %d; next try at %s",
            task_result.id,
            task_result.task.module_path,
            attempts,
            run_after.isoformat(timespec="seconds"),
        )
