"""``impulsregion restore``: a backup into an empty database and an empty media folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.config import backup


class Command(BaseCommand):
    help = (
        "Restore a backup of `impulsregion backup` into the configured database, which must be "
        "empty, and the media folder, which must be empty or missing. Stop the platform first; "
        "run `impulsregion upgrade` afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "database", type=Path, help="the .pgdump or .sqlite3 file of the backup"
        )
        parser.add_argument(
            "media",
            type=Path,
            nargs="?",
            default=None,
            help="the .media.tar.gz file (default: the one beside the database file)",
        )
        parser.add_argument("--no-media", action="store_true", help="restore the database only")

    def handle(self, *args: Any, **options: Any) -> None:
        database: Path = options["database"]
        media: Path | None = None
        if not options["no_media"]:
            media = options["media"] or backup.media_beside(database)
        try:
            backup.restore(database, media=media, report=self.stdout.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Restore done."))
