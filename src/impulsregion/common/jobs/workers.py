"""Which job workers are alive, and handing the jobs of dead ones to the living.

A worker's id names its machine and process (``host:pid:random``). It is alive when

- it runs on this machine and its process exists, or
- it runs on another machine and has beaten its heart into the shared cache (Redis) within
  :data:`BEAT_TIMEOUT` seconds. With a cache of this process only (no ``IMPULSREGION_CACHE_URL``)
  other machines cannot be seen, and their jobs are never taken over.

A job left ``RUNNING`` by a dead worker is set ``READY`` again, so the next free worker runs it
from the start. Jobs write in one transaction, so the dead worker's part was rolled back: nothing
is half-written. A job whose workers died more often than its retries allow is marked failed.
"""

from __future__ import annotations

import os
import secrets
import socket
import traceback
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.common.jobs import retries_of

BEAT_SECONDS = 5
BEAT_TIMEOUT = 30
# a job just claimed gets this long before its worker may be called lost
CLAIM_GRACE = timedelta(seconds=10)


class WorkerLost(Exception):
    """The worker running the job ended before the job did."""


def new_worker_id() -> str:
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{secrets.token_hex(4)}"


def _beat_key(worker_id: str) -> str:
    return f"jobs:beat:{worker_id}"


def beat(worker_id: str) -> None:
    cache.set(_beat_key(worker_id), timezone.now().timestamp(), timeout=BEAT_TIMEOUT)


def _shared_cache() -> bool:
    return "locmem" not in str(settings.CACHES["default"]["BACKEND"]).lower()


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def alive(worker_id: str) -> bool | None:
    """True or False when it can be told; None when it cannot (another machine, no shared cache)."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host == socket.gethostname()[:40] and pid_text.isdigit():
        return _process_exists(int(pid_text))
    if _shared_cache():
        return cache.get(_beat_key(worker_id)) is not None
    return None


def recover_lost(now: datetime | None = None) -> list[str]:
    """Hand the jobs of dead workers to the living (or fail them after too many); their ids."""
    now = now or timezone.now()
    recovered = []
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - CLAIM_GRACE
    )
    for row in stale:
        last = row.worker_ids[-1] if row.worker_ids else ""
        if alive(last) is not False:
            continue
        if _release(row, last, now):
            recovered.append(str(row.id))
    return recovered


def _release(row: DBTaskResult, worker_id: str, now: datetime) -> bool:
    """Put the job back (or fail it), only if it is still the dead worker's: one statement."""
    unchanged = DBTaskResult.objects.filter(
        id=row.id, status=TaskResultStatus.RUNNING, started_at=row.started_at
    )
    if len(row.worker_ids) > retries_of(row.task_path):
        error = WorkerLost(f"worker {worker_id} ended {len(row.worker_ids)} times during the job")
        return bool(
            unchanged.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback="".join(traceback.format_exception_only(error)),
            )
        )
    return bool(unchanged.update(status=TaskResultStatus.READY, run_after=now))
