from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from impulsregion.planning import services
from impulsregion.planning.management.commands._common import (
    add_proposal_arguments,
    iso_date,
    proposal_input,
    write_assessment,
)

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class Command(BaseCommand):
    help = "Suggest the best free date ranges in a window, each with its reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="window_start", type=iso_date, required=True)
        parser.add_argument("--to", dest="window_end", type=iso_date, required=True)
        parser.add_argument("--days", type=int, default=1, help="length of the event in days")
        parser.add_argument("--count", type=int, default=5, help="how many suggestions")
        parser.add_argument(
            "--weekday",
            action="append",
            default=[],
            choices=sorted(WEEKDAYS, key=WEEKDAYS.__getitem__),
            help="allowed start weekday (repeatable), e.g. --weekday sat",
        )
        add_proposal_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        data = proposal_input(options, options["window_start"], options["window_start"])
        weekdays = frozenset(WEEKDAYS[w] for w in options["weekday"]) or None
        try:
            results = services.suggest(
                data,
                window_end=options["window_end"],
                days=options["days"],
                count=options["count"],
                weekdays=weekdays,
                user=None,
                today=options["today"] or services.today_local(),
            )
        except services.PlanningError as error:
            raise CommandError(error.message) from error
        for rank, result in enumerate(results, start=1):
            proposal = result.proposal
            heading = f"{rank}. {proposal.start:%a %d.%m.%Y}–{proposal.end:%a %d.%m.%Y}"
            write_assessment(self.stdout, result, heading=heading)
