"""``impulsregion scheduler``: enqueue periodic jobs on time (one per node is fine)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from impulsregion.common.jobs import PERIODIC, loop


class Command(BaseCommand):
    help = _(
        "Enqueue the periodic jobs (hold expiry, filing reminders, feed subscriptions …) when "
        "due. Several schedulers may run: each period's job is enqueued once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=_("one round, then exit (for a systemd timer)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            loop.housekeeping(worker_id=None, schedule_jobs=True)
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        self.stdout.write(
            _("Scheduler started: %(jobs)s") % {"jobs": ", ".join(sorted(PERIODIC)) or "—"}
        )
        loop.run_until(stop, worker_id=None, schedule_jobs=True)
