from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from impulsregion.calendar.services.demo import HIGHLIGHTS, DemoDataError, load_highlights


class Command(BaseCommand):
    help = "Load the region's recurring cultural highlights (2026, 2027) into the calendar, idempotently."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=HIGHLIGHTS, help="data file (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_highlights(path=options["file"], now=timezone.now())
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Calendar highlights: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
