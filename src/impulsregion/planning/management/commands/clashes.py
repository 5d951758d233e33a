from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.planning import services
from impulsregion.planning.management.commands._common import (
    add_proposal_arguments,
    iso_date,
    proposal_input,
    write_assessment,
)


class Command(BaseCommand):
    help = "Clash radar: list the conflicts of a proposed date range, with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", type=iso_date, required=True, help="first day (YYYY-MM-DD)")
        parser.add_argument("--end", type=iso_date, default=None, help="last day (default: start)")
        add_proposal_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        data = proposal_input(options, options["start"], options["end"] or options["start"])
        try:
            result = services.check_clashes(
                data, user=None, today=options["today"] or services.today_local()
            )
        except services.PlanningError as error:
            raise CommandError(error.message) from error
        write_assessment(
            self.stdout,
            result,
            heading=f"{data.start:%d.%m.%Y}–{data.end:%d.%m.%Y} {data.municipality}",
        )
