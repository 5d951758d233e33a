import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.table import Table

from impulsregion.common.i18n import pick
from impulsregion.transit.explain import family_name, reason_text
from impulsregion.transit.presenters import quote_as_dict
from impulsregion.transit.queries import FareInputError, current_tariff, quote_trip


class Command(BaseCommand):
    help = 'Show every valid VMT ticket for a trip, e.g. impulsregion fare "Erfurt, Anger" "Erfurt, Hauptbahnhof" --at 2025-09-01T10:00'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("origin", help="stop name (or key)")
        parser.add_argument("destination", help="stop name (or key)")
        parser.add_argument(
            "--via", action="append", default=[], help="a stop travelled through (repeat in order)"
        )
        parser.add_argument(
            "--at", default="", help="time of travel, ISO (YYYY-MM-DDTHH:MM); default now"
        )
        parser.add_argument(
            "--passenger", action="append", default=[],
            help="passenger type, optionally with a count: adult, child:2, infant (repeatable; default one adult)",
        )  # fmt: skip
        parser.add_argument(
            "--json", action="store_true", help="machine-readable output, prices as decimal strings"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quote = quote_trip(
                origin=options["origin"], destination=options["destination"], via=options["via"],
                at=options["at"] or None, passengers=",".join(options["passenger"]) or "adult",
            )  # fmt: skip
        except FareInputError as error:
            raise CommandError(error.message) from error
        if options["json"]:
            self.stdout.write(json.dumps(quote_as_dict(quote), ensure_ascii=False, indent=2))
            return
        self._print(quote)

    def _print(self, quote: Any) -> None:
        types = current_tariff().passenger_types
        console = Console(file=self.stdout, width=110, highlight=False)
        level = quote.level
        when = formats.date_format(quote.at, "SHORT_DATETIME_FORMAT")
        console.print(f"[bold]{quote.origin.name} → {quote.destination.name}[/bold], {when}")
        heading = ngettext(
            "Preisstufe %(level)s (%(family)s), %(zones)s zone",
            "Preisstufe %(level)s (%(family)s), %(zones)s zones",
            level.counted,
        )
        family = family_name(level.family.value)
        console.print(
            heading % {"level": level.preisstufe, "family": family, "zones": level.counted}
        )
        for reason in quote.reasons:
            console.print(f"  · {reason_text(reason)}")
        table = Table(show_lines=False)
        for title in (_("Ticket"), _("Price"), _("Per passenger"), _("Valid until"), _("Note")):
            table.add_column(title)
        for offer in quote.offers:
            lines = ", ".join(
                f"{line.count} × {pick(types[line.passenger], 'name')} {euros(line.unit_price)}"
                for line in offer.lines
            )
            note = _("illustrative") if offer.illustrative else ""
            until = formats.date_format(quote.valid_until(offer), "SHORT_DATETIME_FORMAT")
            table.add_row(pick(offer.product, "name"), euros(offer.total), lines, until, note)
        console.print(table)
        for item in quote.unavailable:
            text = _("  not offered: %(product)s – %(reason)s")
            console.print(
                text % {"product": pick(item.product, "name"), "reason": reason_text(item.reason)}
            )
        for ticket in quote.recognised:
            text = _("  also valid: %(ticket)s – %(note)s")
            console.print(text % {"ticket": pick(ticket, "name"), "note": pick(ticket, "note")})


def euros(amount: Any) -> str:
    return f"{formats.number_format(amount, 2)} €"
