"""``impulsregion backup``: the database and the media folder into two date-stamped files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from impulsregion.config import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc, or SQLite's online backup) and then the media "
        "folder (tar.gz) into a folder, both named impulsregion-<UTC time>; safe while the "
        "platform runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            type=Path,
            default=None,
            help="folder of the backups (default: <IMPULSREGION_VAR_DIR>/backups)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["to"] or Path(settings.VAR_DIR) / "backups"
        try:
            written = backup.backup(folder, now=timezone.now(), report=self.stdout.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup done: {written.database} {written.media}"))
