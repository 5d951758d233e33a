"""``impulsregion upgrade``: what an installation needs after new code arrived."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "After an update: apply the database migrations, collect the static files with "
        "hashed names, then check the deployment settings. Run it on one node, then reload "
        "the servers and restart the workers."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        self.stdout.write(_("Applying database migrations …"))
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        self.stdout.write(_("Collecting static files …"))
        call_command("collectstatic", interactive=False, verbosity=max(0, verbosity - 1))
        call_command("check", deploy=True, fail_level="WARNING")
        self.stdout.write(self.style.SUCCESS(_("Upgrade done.")))
