"""Planning's periodic job: holds past their deadline expire, clashes are reported."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils.translation import gettext_lazy as _

from impulsregion.common.jobs import job, periodic
from impulsregion.planning import services


@periodic("expire-holds", every=timedelta(days=1), at=time(6, 0))
@job(label=_("Expire holds and report clashes"))
def expire_holds() -> dict[str, int]:
    today = services.today_local()
    expired = services.expire_holds(today=today)
    notified = services.notify_hold_conflicts(today=today)
    return {"expired": expired, "notified": notified}
