"""``impulsregion worker``: run background jobs (django-tasks-db's worker, plus housekeeping).

Beside the engine's own loop, a thread beats the worker's heart into the shared cache, hands
the jobs of dead workers to the living and, with ``--schedule``, enqueues periodic jobs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django_tasks_db.management.commands import db_worker

from impulsregion.common.jobs import loop, workers


class Command(db_worker.Command):
    help = _(
        "Run background jobs (imports, PDFs, e-mail, reminders) until stopped; any number of "
        "workers on any number of machines share the queue in the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=workers.new_worker_id(), reload=False)
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=_("also enqueue the periodic jobs (like `impulsregion scheduler`)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = loop.start_in_background(
            worker_id=options["worker_id"], schedule_jobs=options.pop("schedule")
        )
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
