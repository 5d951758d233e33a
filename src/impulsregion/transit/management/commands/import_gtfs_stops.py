from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.common.progress import progress_bar
from impulsregion.transit.services import TariffDataError, import_gtfs_stops


class Command(BaseCommand):
    help = (
        "Import stops from a GTFS zip and assign tariff zones, from a mapping CSV "
        "(columns stop_id or zone_id, and zone) or from the zones' polygons (--polygons)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("feed", type=Path, help="GTFS zip")
        parser.add_argument(
            "--mapping", type=Path, help="CSV: stop_id (or the feed's zone_id), zone"
        )
        parser.add_argument(
            "--polygons", action="store_true", help="assign zones by the zones' polygons"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with progress_bar("Stops", enabled=options["verbosity"] > 0) as progress:
                report = import_gtfs_stops(
                    options["feed"],
                    mapping=options["mapping"],
                    use_polygons=options["polygons"],
                    progress=progress,
                )
        except TariffDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Stops imported: {report.created} created, {report.updated} updated, {report.outside} without a zone."
        )
