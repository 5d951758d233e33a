from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

LOADERS = ["load_region", "load_events", "load_planning", "load_tariff", "load_agreements"]
"""Each app's idempotent loader of its compiled data, in dependency order."""


class Command(BaseCommand):
    help = "Load the region's data for every part of the platform (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for name in LOADERS:
            self.stdout.write(self.style.MIGRATE_HEADING(f"» {name.replace('_', '-')}"))
            call_command(name, verbosity=options["verbosity"])
