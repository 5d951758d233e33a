from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.common.progress import progress_bar
from impulsregion.planning.demo import DEMO_FILE, DemoDataError, load_planning


class Command(BaseCommand):
    help = "Load demo planning data: blocked dates, the Museumsnacht and the 2027 highlights."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="data file (TOML)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with progress_bar("Planning", enabled=options["verbosity"] > 0) as progress:
                report = load_planning(path=options["file"], progress=progress)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Planning loaded: {report.blocked} blocked dates, "
            f"{report.programme_items} Museumsnacht programme items, "
            f"{report.highlights} highlights for 2027."
        )
