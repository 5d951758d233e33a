from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from impulsregion.transit.domain.revenue import SharingKeyError, parse_key
from impulsregion.transit.reports import (
    RevenueReportError,
    build_report,
    render_csv,
    render_html,
    render_pdf,
)


class Command(BaseCommand):
    help = (
        "Share the joint fare's revenue among the operators (Einnahmeaufteilung) and write the "
        "report. SALES.csv: date,product,preisstufe,channel,quantity,amount; COUNTS.csv: "
        "operator,relation,passenger_km,seat_km,boardings (docs/transit-revenue.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sales", type=Path)
        parser.add_argument("counts", type=Path)
        parser.add_argument(
            "--key", default="passenger_km",
            help="measures with weights: passenger_km, seat_km, boarding_km, e.g. passenger_km:0.7,seat_km:0.3",
        )  # fmt: skip
        parser.add_argument(
            "--fixed-per-boarding", default="1.00", help="€ per boarding for boarding_km"
        )
        parser.add_argument("--per-km", default="0.10", help="€ per passenger-km for boarding_km")
        parser.add_argument("--html", type=Path, help="write the report as HTML")
        parser.add_argument("--csv", type=Path, help="write the shares as CSV")
        parser.add_argument("--pdf", type=Path, help="write the report as tagged PDF")
        parser.add_argument("--language", default="de", choices=["de", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = parse_key(
                options["key"],
                fixed_per_boarding=Decimal(options["fixed_per_boarding"]),
                per_km=Decimal(options["per_km"]),
            )
        except (SharingKeyError, InvalidOperation) as error:
            raise CommandError(_("The key cannot be used: %(error)s") % {"error": error}) from error
        try:
            report = build_report(options["sales"], options["counts"], key)
        except RevenueReportError as error:
            raise CommandError("\n".join([str(error), *error.problems])) from error
        if options["html"]:
            options["html"].write_text(render_html(report, options["language"]), encoding="utf-8")
        if options["csv"]:
            options["csv"].write_text(render_csv(report), encoding="utf-8")
        if options["pdf"]:
            options["pdf"].write_bytes(render_pdf(report, options["language"]))
        self.stdout.write(render_csv(report))
