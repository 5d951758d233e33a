"""The ``impulsregion`` console command: Django's manage.py under our name.

``impulsregion load-region`` runs the management command ``load_region``; every command a
person or cron needs is reachable this way. Configuration errors (a wrong ``DATABASE_URL``,
a missing production secret) end the program with one clear sentence instead of a traceback.
"""

from __future__ import annotations

import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line
from django.db import OperationalError


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsregion.config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "impulsregion"

    try:
        django.setup()
        try:
            execute_from_command_line(argv)
        except OperationalError as error:
            print(
                f"impulsregion: the database cannot be reached or used: {error}".strip(),
                file=sys.stderr,
            )
            return 2
    except ImproperlyConfigured as error:
        print(f"impulsregion: configuration error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
