"""Planning records: blocked dates, holds, highlights of the Jahresüberblick, joint events."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impulsregion.planning.enums import HoldStatus


class BlockedDate(models.Model):
    """A Sperrtermin set by the office: no major event should be planned on these days."""

    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    reason_de = models.CharField(_("reason (German)"), max_length=200)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Leave empty when the date is blocked for the whole region."),
    )

    class Meta:
        verbose_name = _("blocked date")
        verbose_name_plural = _("blocked dates")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="planning_blocked_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason_de} ({self.start:%d.%m.%Y})"


class Hold(models.Model):
    """A Vormerkung: a member reserves days for a planned event, visible only to members."""

    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="planning_holds",
        verbose_name=_("member organisation"),
    )
    title = models.CharField(_("planned event"), max_length=300)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    municipality = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    place = models.ForeignKey(
        "calendar.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("venue"),
    )
    categories = models.ManyToManyField(
        "calendar.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    expected_visitors = models.PositiveIntegerField(_("expected visitors"), default=0)
    deadline = models.DateField(
        _("confirm by"), help_text=_("The hold expires unless confirmed by this day.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoldStatus.choices, default=HoldStatus.HELD
    )
    note = models.TextField(_("note for the other members"), blank=True)
    event = models.OneToOneField(
        "calendar.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planning_hold",
        verbose_name=_("event draft"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(
        _("confirmed or ended"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        ordering = ["start", "title"]
        indexes = [models.Index(fields=["status", "start"], name="planning_hold_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="planning_hold_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%d.%m.%Y})"


class HoldNotice(models.Model):
    """Remembers that a member was told about a conflict, so each pair is notified once."""

    hold = models.ForeignKey(Hold, on_delete=models.CASCADE, related_name="notices")
    about = models.CharField(max_length=40)  # "event:12" or "hold:7"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict notice")
        verbose_name_plural = _("conflict notices")
        constraints = [
            models.UniqueConstraint(fields=["hold", "about"], name="planning_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.hold} ↔ {self.about}"


class Highlight(models.Model):
    """An event the office picked for the printed Jahresüberblick of a year."""

    event = models.ForeignKey(
        "calendar.Event",
        on_delete=models.CASCADE,
        related_name="planning_highlights",
        verbose_name=_("event"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Among events on the same day, lower comes first.")
    )

    class Meta:
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
        ordering = ["year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["event", "year"], name="planning_highlight_once")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.event}"


class JointEvent(models.Model):
    """A multi-venue event (e.g. a museum night): the umbrella event plus the shared ticket.

    Programme items are the umbrella's sub-events (``calendar.Event.parent``), each at its
    venue with its time slots (occurrences).
    """

    umbrella = models.OneToOneField(
        "calendar.Event",
        on_delete=models.CASCADE,
        related_name="joint_event",
        verbose_name=_("umbrella event"),
    )
    slug = models.SlugField(_("URL slug"), unique=True, max_length=80)
    ticket_price = models.DecimalField(_("ticket price"), max_digits=8, decimal_places=2)
    ticket_reduced_price = models.DecimalField(
        _("reduced price"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    ticket_includes_de = models.TextField(_("the ticket includes (German)"))
    ticket_includes_en = models.TextField(_("the ticket includes (English)"), blank=True)
    ticket_url = models.URLField(_("ticket link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("joint multi-venue event")
        verbose_name_plural = _("joint multi-venue events")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.umbrella)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The venues of a joint event are members of their own: its umbrella is open to
        their programme items."""
        super().save(*args, **kwargs)
        if not self.umbrella.open_programme:
            self.umbrella.open_programme = True
            self.umbrella.save(update_fields=["open_programme"])

    def get_absolute_url(self) -> str:
        return reverse("planning:joint-event", kwargs={"slug": self.slug})


class ShuttleRoute(models.Model):
    joint_event = models.ForeignKey(
        JointEvent, on_delete=models.CASCADE, related_name="routes", verbose_name=_("joint event")
    )
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    interval_minutes = models.PositiveSmallIntegerField(_("runs every (minutes)"), default=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shuttle route")
        verbose_name_plural = _("shuttle routes")
        ordering = ["joint_event", "position"]

    def __str__(self) -> str:
        return self.name_de


class ShuttleStop(models.Model):
    route = models.ForeignKey(
        ShuttleRoute, on_delete=models.CASCADE, related_name="stops", verbose_name=_("route")
    )
    place = models.ForeignKey(
        "calendar.Place", on_delete=models.CASCADE, related_name="+", verbose_name=_("venue")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    minutes_from_start = models.PositiveSmallIntegerField(_("minutes from the first stop"))

    class Meta:
        verbose_name = _("shuttle stop")
        verbose_name_plural = _("shuttle stops")
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="planning_stop_position")
        ]

    def __str__(self) -> str:
        return f"{self.route}: {self.place}"


for model in (BlockedDate, Hold, HoldNotice, Highlight, JointEvent, ShuttleRoute, ShuttleStop):
    auditlog.register(model)
