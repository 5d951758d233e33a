"""Background jobs: Django's tasks API (django-tasks) on the database backend (django-tasks-db).

An app declares its jobs in its ``tasks.py`` with :func:`job` (and :func:`periodic` for
recurring ones); ``impulsregion worker`` runs them on any node, ``impulsregion scheduler``
(or a worker started with ``--schedule``) enqueues the periodic ones, each slot once across all
schedulers. What this module adds to the engine, and nothing else:

- **retries with back-off**: a job that fails is run again after 1, 2, 4 … minutes, up to
  ``IMPULSREGION_JOB_RETRIES`` times (or the job's own ``retries``), on any worker; a job that
  raises :class:`JobRefused` (bad input: another try cannot help) is not retried;
- **labels** in German and English for the office's list of jobs;
- **lost workers**: a job whose worker died (killed, machine lost) is handed to another worker
  (see :mod:`impulsregion.common.jobs.workers`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django_tasks import task
from django_tasks.base import Task

DEFAULT_QUEUE = "default"
MAX_BACKOFF = timedelta(hours=1)


class JobRefused(Exception):
    """The job's input is wrong (a bad file, a missing record): retrying cannot help.

    Its message is shown to the office as it is, so write it for a person, in their language.
    """


@dataclass(frozen=True)
class JobSpec:
    label: str | Promise
    retries: int | None


@dataclass(frozen=True)
class Periodic:
    """A job enqueued by the scheduler every ``every``; with ``at``, daily at that local time."""

    name: str
    task: Task[Any, Any]
    every: timedelta
    at: time | None = None

    def slot(self, now: datetime) -> datetime:
        """The start of the period ``now`` falls in: each slot runs once."""
        if self.at is not None:
            local = timezone.localtime(now)
            today = timezone.make_aware(datetime.combine(local.date(), self.at))
            return today if local >= today else today - timedelta(days=1)
        seconds = int(self.every.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo or timezone.utc)


JOBS: dict[str, JobSpec] = {}
PERIODIC: dict[str, Periodic] = {}


def job(
    *, label: str | Promise, retries: int | None = None, priority: int = 0
) -> Callable[[Callable[..., Any]], Task[Any, Any]]:
    """Declare a background job (a django-tasks task) with its label for the office.

    Its arguments must be JSON values (ids, not model instances): a job may run on another
    machine, after the request that enqueued it has ended.
    """

    def wrap(function: Callable[..., Any]) -> Task[Any, Any]:
        declared = task(priority=priority, queue_name=DEFAULT_QUEUE)(function)
        JOBS[declared.module_path] = JobSpec(label=label, retries=retries)
        return declared

    return wrap


def periodic(
    name: str, *, every: timedelta, at: time | None = None
) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Have the scheduler enqueue this job (taking no arguments) once per period."""

    def wrap(declared: Task[Any, Any]) -> Task[Any, Any]:
        if name in PERIODIC:
            raise ValueError(f"a periodic job named {name!r} exists already")
        PERIODIC[name] = Periodic(name=name, task=declared, every=every, at=at)
        return declared

    return wrap


def spec_of(module_path: str) -> JobSpec | None:
    return JOBS.get(module_path)


def retries_of(module_path: str) -> int:
    spec = JOBS.get(module_path)
    if spec is not None and spec.retries is not None:
        return spec.retries
    return int(settings.IMPULSREGION_JOB_RETRIES)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4 … minutes after the first, second, third failure."""
    return min(timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


REFUSED_PATH = f"{JobRefused.__module__}.{JobRefused.__qualname__}"

__all__ = [
    "JOBS",
    "PERIODIC",
    "REFUSED_PATH",
    "JobRefused",
    "JobSpec",
    "Periodic",
    "backoff",
    "job",
    "periodic",
    "retries_of",
    "spec_of",
]
