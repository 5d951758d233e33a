import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from rich.console import Console
from rich.table import Table

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Agreement
from impulsregion.agreements.services.costs import compute_statement, statement_data


class Command(BaseCommand):
    help = (
        "Print the cost statement of an agreement for a year, with every step of the calculation."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "agreement", help="The agreement's slug, e.g. zweckvereinbarung-restabfall."
        )
        parser.add_argument("year", type=int)
        parser.add_argument("--json", action="store_true", help="Print the statement as JSON.")
        parser.add_argument(
            "--language",
            default="en",
            choices=["de", "en"],
            help="Language of labels and messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        agreement = Agreement.objects.filter(slug=options["agreement"]).first()
        if agreement is None:
            known = ", ".join(Agreement.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No agreement “{options['agreement']}”; known agreements: {known}.")
        try:
            statement, _orgs = compute_statement(agreement, options["year"])
        except AgreementsError as error:
            raise CommandError(error.message) from error
        data = statement_data(statement)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"agreement": agreement.slug, "year": options["year"], **data},
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        self._print(agreement, options["year"], data)

    def _print(self, agreement: Agreement, year: int, data: dict[str, Any]) -> None:
        console = Console(file=self.stdout, width=120)
        console.print(f"[bold]{agreement.title_de}[/bold] – {year}")
        console.print(
            f"Total {data['total']} €, key: {data['key']}, reference date {data['reference_date'] or '–'}"
        )
        for step in data["steps"]:
            table = Table(
                title=f"Step: {step['percent']} % {step['component_label']} = {step['amount']} €, total weight {step['total_weight']}"
            )
            for column in ("party", "weight", "fraction", "contribution %", "exact €"):
                table.add_column(column, justify="left" if column == "party" else "right")
            for line in step["lines"]:
                table.add_row(
                    line["party"],
                    line["weight"],
                    line["fraction"],
                    line["contribution_percent"],
                    line["exact_amount"],
                )
            console.print(table)
        table = Table(title="Statement (largest-remainder rounding to the cent)")
        for column in ("party", "share %", "exact €", "rounded down €", "+ cent", "amount €"):
            table.add_column(column, justify="left" if column == "party" else "right")
        for share in data["shares"]:
            table.add_row(
                share["party"],
                share["percent"],
                share["exact_amount"],
                share["rounded_down"],
                share["extra_cent"],
                share["amount"],
            )
        table.add_row(
            "[bold]sum[/bold]", "100", data["total"], "", "", f"[bold]{data['sum']}[/bold]"
        )
        console.print(table)
