"""The calendar's data version: one row whose number grows with every write of calendar data.

Cached answers (feed bodies, counts, the dates still running) are keyed by it, so every
process of every node sees a change at the same moment: when the writing transaction commits.
Database triggers (migration 0006) bump it for every row written to the tables the public
reads, whatever writes it (the ORM, `.update()`, bulk inserts, PostgreSQL's COPY, SQL), so no
write path can forget it. On PostgreSQL the trigger fires at commit and once per transaction:
a long import holds the row only while it commits, not for its whole run.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarRevision(models.Model):
    """A single row (id 1). Derived state, so it is not in the audit log."""

    number = models.PositiveBigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar data revision")
        verbose_name_plural = _("calendar data revisions")

    def __str__(self) -> str:
        return str(self.number)
