from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.common.progress import progress_bar
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import EmptyYearbookError
from impulsregion.planning.services import today_local
from impulsregion.planning.yearbook import render_yearbook


class Command(BaseCommand):
    help = "Generate the printed Jahresüberblick (PDF/UA) of a year from the office's highlights."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--lang", choices=[lang.value for lang in Lang], default="de")
        parser.add_argument("--output", type=Path, required=True, help="PDF file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        year, lang, output = options["year"], Lang(options["lang"]), options["output"]
        if not 1999 <= year <= 2100:
            raise CommandError(f"{year} is not a plausible year for a Jahresüberblick.")
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        try:
            with progress_bar("Jahresüberblick", enabled=options["verbosity"] > 0) as progress:
                pdf = render_yearbook(year, lang, issued=today_local(), progress=progress)
        except EmptyYearbookError as error:
            raise CommandError(
                f"No highlights are selected for {year}; mark events as highlights first."
            ) from error
        output.write_bytes(pdf)
        self.stdout.write(
            f"Jahresüberblick {year} ({lang.value}) written to {output} ({len(pdf):,} bytes)."
        )
