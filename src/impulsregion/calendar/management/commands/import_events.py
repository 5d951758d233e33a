from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from impulsregion.calendar.services.fetching import read_source, recognised_format
from impulsregion.calendar.services.importing import (
    FORMATS,
    ImportRejected,
    default_source_key,
    import_events,
)
from impulsregion.calendar.tasks import import_calendar, keep_upload
from impulsregion.common.progress import progress_bar
from impulsregion.region.models import Organisation


class Command(BaseCommand):
    help = "Import events from an iCalendar, ThüCAT, destination.one or CSV source for a member."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", help="file, folder, http(s) URL or calendar subscription link (webcal://)"
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            dest="source_format",
            default="",
            help="the source's format (default: recognised from its content)",
        )
        parser.add_argument("--organisation", required=True, help="slug of the publishing member")
        parser.add_argument(
            "--source-key", default="", help="stable name of the feed (default: file name or URL)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, change nothing"
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="hand the import to a job worker (impulsregion worker) and return at once",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"There is no organisation with the slug {options['organisation']!r}."
            )
        source_format = options["source_format"]
        if options["background"]:
            source_format = source_format or self._recognise_file(options["source"])
            key = options["source_key"] or default_source_key(
                source_format, organisation, options["source"]
            )
            self._enqueue(options["source"], source_format, organisation, key)
            return
        try:
            documents = read_source(options["source"], source_format)
            source_format = source_format or recognised_format(documents)
            key = options["source_key"] or default_source_key(
                source_format, organisation, options["source"]
            )
            with progress_bar("Import", enabled=options["verbosity"] > 0) as progress:
                report = import_events(
                    documents=documents,
                    source_format=source_format,
                    organisation=organisation,
                    source_key=key,
                    now=timezone.now(),
                    dry_run=options["dry_run"],
                    progress=progress,
                )
        except ImportRejected as error:
            raise CommandError(error.message) from error
        self._summary(report, key)

    def _recognise_file(self, source: str) -> str:
        """The format of a file handed to a worker (a URL's is given with --format)."""
        if source.lower().startswith(("http://", "https://", "webcal://", "webcals://")):
            raise CommandError("Give --format for an address imported in the background.")
        if not Path(source).is_file():
            raise CommandError(
                f"The file {source} does not exist (--background takes one file or a URL)."
            )
        try:
            return recognised_format([Path(source).read_bytes()])
        except ImportRejected as error:
            raise CommandError(error.message) from error

    def _enqueue(self, source: str, source_format: str, organisation: Any, key: str) -> None:
        remote = source.lower().startswith(("http://", "https://", "webcal://", "webcals://"))
        if not remote and not Path(source).is_file():
            raise CommandError(
                f"The file {source} does not exist (--background takes one file or a URL)."
            )
        result = import_calendar.enqueue(
            organisation_id=organisation.pk,
            source_format=source_format,
            source_key=key,
            source=source if remote else "",
            upload="" if remote else keep_upload(Path(source)),
        )
        self.stdout.write(f"Import queued as job {result.id}; a worker runs it.")

    def _summary(self, report: Any, key: str) -> None:
        console = Console(file=self.stdout, width=120)
        table = Table(title=f"{key}{' (dry run: nothing saved)' if report.dry_run else ''}")
        counts = report.counts()
        for column in counts:
            table.add_column(
                "duplicates proposed" if column == "duplicates" else column, justify="right"
            )
        table.add_row(*(str(n) for n in counts.values()))
        console.print(table)
        for external_id, message in report.rejected[:50]:
            console.print(f"  rejected {external_id}: {message}", markup=False, highlight=False)
        if len(report.rejected) > 50:
            console.print(f"  … and {len(report.rejected) - 50} more")
