from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from impulsregion.agreements.enums import Subject
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Resolution
from impulsregion.agreements.services.resolutions import evaluate, evaluate_counts
from impulsregion.agreements.texts import render


class Command(BaseCommand):
    help = (
        "Evaluate a vote: either a recorded resolution (--resolution NUMBER) or counts "
        "(--subject statute_change --yes 6 --no 1 --abstain 1 --members 8)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--resolution", help="Number of a recorded resolution.")
        parser.add_argument("--subject", default="ordinary", choices=Subject.values)
        parser.add_argument("--yes", type=int, default=0)
        parser.add_argument("--no", type=int, default=0)
        parser.add_argument("--abstain", type=int, default=0)
        parser.add_argument(
            "--members", type=int, help="Members entitled to vote (default: yes+no+abstain)."
        )
        parser.add_argument(
            "--present", type=int, help="Members present or represented (default: all)."
        )
        parser.add_argument("--language", default="en", choices=["de", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            try:
                outcome = self._outcome(options)
            except AgreementsError as error:
                raise CommandError(error.message) from error
            self.stdout.write(render(outcome.reason))

    def _outcome(self, options: dict[str, Any]) -> Any:
        if options["resolution"]:
            resolution = Resolution.objects.filter(number=options["resolution"]).first()
            if resolution is None:
                raise CommandError(f"No resolution numbered {options['resolution']}.")
            return evaluate(resolution)
        counts = [options["yes"], options["no"], options["abstain"]]
        if min(counts) < 0:
            raise CommandError("Vote counts cannot be negative.")
        members = options["members"] if options["members"] is not None else sum(counts)
        if members <= 0:
            raise CommandError("Give the number of members with --members or some votes.")
        return evaluate_counts(
            subject=options["subject"],
            yes=counts[0],
            no=counts[1],
            abstain=counts[2],
            members=members,
            present=options["present"],
        )
