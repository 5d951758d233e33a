from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from impulsregion.transit.domain.gtfs import export_fares_v2, write_zip
from impulsregion.transit.domain.prices import NoPriceVersionError, table_on
from impulsregion.transit.queries import current_tariff, parse_moment


class Command(BaseCommand):
    help = "Write the tariff's single-ticket zone-pair fares as GTFS Fares v2 files in a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", type=Path, help="zip file to write")
        parser.add_argument(
            "--on", default="", help="date of the price version (YYYY-MM-DD); default today"
        )
        parser.add_argument("--product", default="single")

    def handle(self, *args: Any, **options: Any) -> None:
        tariff = current_tariff()
        day = (
            parse_moment(options["on"] + "T12:00").date() if options["on"] else timezone.localdate()
        )
        try:
            table = table_on(tariff.tables, day)
        except NoPriceVersionError as error:
            raise CommandError(f"No price version covers {day}.") from error
        files = export_fares_v2(tariff, table, product=options["product"])
        write_zip(files, options["target"])
        rules = files["fare_leg_rules.txt"].count("\n") - 1
        self.stdout.write(
            f"Fares v2 written to {options['target']}: {rules} zone-pair rules ({table.version.label})."
        )
