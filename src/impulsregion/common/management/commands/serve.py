"""``impulsregion serve``: the development server, or with ``--production`` gunicorn."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

GUNICORN_CONFIG = "python:impulsregion.config.gunicorn"
PR_SET_PDEATHSIG = 1  # prctl(2)


class Command(BaseCommand):
    help = _(
        "Serve the platform: Django's development server, or with --production gunicorn "
        "(workers, timeouts and address from IMPULSREGION_WEB_*)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="")
        parser.add_argument(
            "--production",
            action="store_true",
            help=_(
                "gunicorn with hashed, compressed static files instead of the development server"
            ),
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help=_("start one job worker (with the scheduler) beside the server, stop it with it"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["production"] and not options["with_worker"]:
            self._production(options["addrport"])  # does not return
        worker = _start_worker() if options["with_worker"] else None
        try:
            if options["production"]:
                _run_forwarding_signals(self._production_argv(options["addrport"]))
            else:
                call_command(
                    "runserver", options["addrport"] or "127.0.0.1:8000", use_reloader=False
                )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _production_argv(self, addrport: str) -> list[str]:
        # hashed names need the manifest: a first start collects the static files (about 7 s);
        # an upgrade collects them again with `impulsregion upgrade`
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        if addrport:
            os.environ["IMPULSREGION_WEB_BIND"] = addrport
        if settings.DEBUG:
            self.stderr.write(_("IMPULSREGION_DEBUG is on: do not serve the public like this."))
        return [sys.executable, "-m", "gunicorn", "--config", GUNICORN_CONFIG]

    def _production(self, addrport: str) -> None:
        argv = self._production_argv(addrport)
        # the server replaces this process: signals (HUP, TERM) reach gunicorn's master directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, argv)


def _run_forwarding_signals(argv: list[str]) -> None:
    server = subprocess.Popen(argv)

    def forward(signum: int, _frame: object) -> None:
        server.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)
    server.wait()


def _die_with_parent() -> None:
    """In the worker child: end when the server ends, however it ends (runserver leaves with
    os._exit on a taken port, which skips every clean-up of ours)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "impulsregion.cli", "worker", "--schedule"],
        env=dict(os.environ),
        preexec_fn=_die_with_parent,
    )
