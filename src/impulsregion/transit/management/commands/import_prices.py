from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from impulsregion.transit.services import TariffDataError, import_prices


class Command(BaseCommand):
    help = (
        "Import a price table CSV (format: docs/transit-prices-csv.md). The whole file is "
        "imported or, if any row is wrong, nothing; every error is listed with row and column."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = options["file"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": options["file"], "error": error}
            ) from error
        try:
            report = import_prices(text)
        except TariffDataError as error:
            raise CommandError("\n".join([str(error), *error.problems])) from error
        self.stdout.write(
            f"Prices imported: {report.created} created, {report.updated} updated "
            f"(versions: {', '.join(report.versions)})."
        )
