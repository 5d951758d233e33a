from typing import Any

from django.core.management.base import BaseCommand, CommandError

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.services.loading import load_agreements
from impulsregion.common.progress import progress_bar


class Command(BaseCommand):
    help = "Load the agreements, the illustrative statute, bodies and demo cost years (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with progress_bar("Agreements", enabled=not options["no_progress"]) as progress:
                report = load_agreements(progress=progress)
        except AgreementsError as error:
            raise CommandError(error.message) from error
        created = ", ".join(f"{n} {k}" for k, n in sorted(report.created.items())) or "nothing"
        updated = ", ".join(f"{n} {k}" for k, n in sorted(report.updated.items())) or "nothing"
        self.stdout.write(f"Created: {created}. Updated: {updated}.")
