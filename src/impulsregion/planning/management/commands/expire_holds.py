from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from impulsregion.planning import services
from impulsregion.planning.management.commands._common import iso_date


class Command(BaseCommand):
    help = (
        "Expire holds not confirmed by their deadline and e-mail members whose holds meet a new "
        "event or hold (run daily from cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=iso_date, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or services.today_local()
        expired = services.expire_holds(today=today)
        notified = services.notify_hold_conflicts(today=today)
        self.stdout.write(f"{expired} holds expired, {notified} members notified of clashes.")
