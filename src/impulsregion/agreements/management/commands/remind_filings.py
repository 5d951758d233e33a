from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from impulsregion.agreements.services.admissions import remind_filings


class Command(BaseCommand):
    help = "E-mail the office about register filings that are due, overdue or unregistered (run daily by cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = remind_filings(today=timezone.localdate())
        self.stdout.write(f"{count} filing(s) to act on.")
