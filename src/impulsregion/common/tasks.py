"""The platform's own housekeeping job."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.common.jobs import job, periodic
from impulsregion.common.models import PeriodicSlot

KEEP_FINISHED = timedelta(days=30)


@periodic("prune-jobs", every=timedelta(days=1), at=time(3, 30))
@job(label=_("Remove finished jobs older than 30 days"))
def prune_jobs() -> dict[str, int]:
    """Successful jobs go after 30 days; failed ones stay until the office has seen them
    (they are removed 30 days later too, so the list does not grow for ever)."""
    old = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=timezone.now() - KEEP_FINISHED,
    )
    deleted, _by_model = old.delete()
    # the scheduler's record of enqueued periods (it only asks for the current one)
    PeriodicSlot.objects.filter(due_at__lt=timezone.now() - KEEP_FINISHED).delete()
    return {"deleted": deleted}
