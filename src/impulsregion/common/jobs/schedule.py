"""The scheduler's one step: enqueue every periodic job whose current slot has not run yet."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from impulsregion.common.jobs import PERIODIC, Periodic
from impulsregion.common.models import PeriodicSlot

logger = logging.getLogger(__name__)


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue the periodic jobs due at ``now``; the names of those this call enqueued.

    The slot row and the job row are written in one transaction, under a unique constraint on
    (name, slot): when several schedulers tick at once, exactly one of them enqueues each slot.
    """
    now = now or timezone.now()
    return [periodic.name for periodic in PERIODIC.values() if _enqueue_once(periodic, now)]


def _enqueue_once(periodic: Periodic, now: datetime) -> bool:
    due_at = periodic.slot(now)
    if PeriodicSlot.objects.filter(name=periodic.name, due_at=due_at).exists():
        return False
    try:
        with transaction.atomic():
            slot = PeriodicSlot.objects.create(name=periodic.name, due_at=due_at)
            result = periodic.task.enqueue()
            slot.result_id = str(result.id)
            slot.save(update_fields=["result_id"])
    except IntegrityError:
        return False  # another scheduler enqueued this slot a moment ago
    logger.info("periodic job %s enqueued for %s", periodic.name, due_at.isoformat())
    return True
