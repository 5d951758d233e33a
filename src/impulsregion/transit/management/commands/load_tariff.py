from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.common.progress import progress_bar
from impulsregion.transit.domain.datafiles import DATA_DIR
from impulsregion.transit.services import TariffDataError, load_tariff


class Command(BaseCommand):
    help = "Load the compiled VMT tariff data (zones, stops, products, price versions, operators) idempotently."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory", type=Path, default=DATA_DIR, help="folder with the tariff data files"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with progress_bar("Tariff", enabled=options["verbosity"] > 0) as progress:
                report = load_tariff(directory=options["directory"], progress=progress)
        except TariffDataError as error:
            raise CommandError("\n".join([str(error), *error.problems])) from error
        created = sum(report.created.values())
        updated = sum(report.updated.values())
        self.stdout.write(f"Tariff loaded: {created} records created, {updated} updated.")
