from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.common.progress import progress_bar
from impulsregion.region.services import REGION_DATA, RegionDataError, load_region, read_region_data


class Command(BaseCommand):
    help = "Load the region's facts (members, board, history) idempotently from the data file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=REGION_DATA, help="data file (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_region_data(options["file"])
            with progress_bar("Region", enabled=options["verbosity"] > 0) as progress:
                report = load_region(data=data, progress=progress)
        except RegionDataError as error:
            raise CommandError(str(error)) from error
        created = sum(report.created.values())
        updated = sum(report.updated.values())
        self.stdout.write(f"Region loaded: {created} records created, {updated} updated.")
