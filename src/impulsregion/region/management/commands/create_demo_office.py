from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from impulsregion.region.enums import StaffRoleKind
from impulsregion.region.models import ASSOCIATION_SLUG, Organisation, StaffRole

DEMO_USERNAME = "geschaeftsstelle"
DEMO_PASSWORD = "demo-impulsregion-2026"


class Command(BaseCommand):
    help = "DEMO ONLY: create the regional office's demo login (refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "The demo office account is for development only and is refused in production."
            )
        association = Organisation.objects.filter(slug=ASSOCIATION_SLUG).first()
        if association is None:
            raise CommandError("Load the region first (impulsregion load-region).")
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "first_name": "Demo", "last_name": "Geschäftsstelle"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        StaffRole.objects.get_or_create(
            user=user, organisation=association, role=StaffRoleKind.OFFICE
        )
        self.stdout.write(
            self.style.WARNING(
                f"DEMO ONLY – back office: http://127.0.0.1:8000/admin/  user {DEMO_USERNAME}  "
                f"password {DEMO_PASSWORD}"
            )
        )
