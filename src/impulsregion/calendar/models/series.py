"""A recurring rule entered in the event form, kept so it can be edited, and the dates it
made (so a new version of the rule replaces them and leaves the dates entered by hand)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import SeriesKind, WeekOfMonth
from impulsregion.calendar.models.event import Event, Occurrence


class EventSeries(models.Model):
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="series", verbose_name=_("event")
    )
    kind = models.CharField(
        _("repeats"), max_length=20, choices=SeriesKind.choices, default=SeriesKind.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        help_text=_("1 = every week or month, 2 = every other, …"),
    )
    weekdays = models.JSONField(_("on these weekdays"), default=list, blank=True)
    week_of_month = models.SmallIntegerField(
        _("week of the month"), choices=WeekOfMonth.choices, null=True, blank=True
    )
    month_day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    first_date = models.DateField(_("starting on"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of dates"), null=True, blank=True)
    exceptions = models.JSONField(_("left out"), default=list, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("recurring dates")
        verbose_name_plural = _("recurring dates")

    def __str__(self) -> str:
        return f"{self.event} – {self.get_kind_display()}"


class SeriesDate(models.Model):
    """One date the rule made (deleted with it when an import replaces the event's dates)."""

    series = models.ForeignKey(EventSeries, on_delete=models.CASCADE, related_name="dates")
    occurrence = models.OneToOneField(
        Occurrence, on_delete=models.CASCADE, related_name="series_link"
    )

    class Meta:
        verbose_name = _("date of a rule")
        verbose_name_plural = _("dates of a rule")

    def __str__(self) -> str:
        return str(self.occurrence)


auditlog.register(EventSeries)
