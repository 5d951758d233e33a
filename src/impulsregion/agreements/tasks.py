"""The association's periodic job: reminders of register filings."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsregion.agreements.services.admissions import remind_filings as remind
from impulsregion.common.jobs import job, periodic


@periodic("remind-filings", every=timedelta(days=1), at=time(7, 0))
@job(label=_("Remind the office of register filings"))
def remind_filings() -> dict[str, int]:
    return {"filings": remind(today=timezone.localdate())}
