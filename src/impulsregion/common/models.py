"""The common app's one table: which periodic job slots were enqueued."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class PeriodicSlot(models.Model):
    """One row per periodic job and period: the unique pair makes each run happen once, however
    many schedulers on however many nodes try to enqueue it at the same moment."""

    name = models.CharField(_("job"), max_length=100)
    due_at = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    result_id = models.CharField(_("job result"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        constraints = [
            models.UniqueConstraint(fields=["name", "due_at"], name="periodic_slot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.due_at:%Y-%m-%d %H:%M}"


class Job(DBTaskResult):
    """A background job as the office sees it (django-tasks-db's row under our names)."""

    class Meta:
        proxy = True
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")


class FailedLogin(AccessAttempt):
    """Failed back-office logins per user name and address, as the office sees them (the
    rows django-axes counts to lock a login; see AXES_* in the settings)."""

    class Meta:
        proxy = True
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins and locks")
