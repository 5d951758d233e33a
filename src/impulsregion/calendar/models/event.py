from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.domain.sanitize import web_link
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import EventStatus, PublicStatus, SourceFormat
from impulsregion.calendar.models.place import AccessibilityFields


class Event(AccessibilityFields):
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="calendar_events",
        verbose_name=_("publishing member organisation"),
    )
    title_de = models.CharField(_("title (German)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    short_de = models.CharField(_("short text (German)"), max_length=300, blank=True)
    short_en = models.CharField(_("short text (English)"), max_length=300, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    categories = models.ManyToManyField(
        "calendar.Category", blank=True, related_name="events", verbose_name=_("categories")
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    place = models.ForeignKey(
        "calendar.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_events",
        verbose_name=_("umbrella event"),
        help_text=_("The festival or museum night this event is part of."),
    )
    public_status = models.CharField(
        _("publication status"),
        max_length=12,
        choices=PublicStatus.choices,
        default=PublicStatus.DRAFT,
    )
    status = models.CharField(
        _("event status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Embargo: not shown before this time.")
    )
    public_from = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Set when published (the embargo time, if any); empty while not public."),
    )
    pending_changes = models.JSONField(
        _("changes awaiting review"), default=dict, blank=True, editable=False
    )
    is_free = models.BooleanField(_("free entry"), null=True, blank=True)
    price_min = models.DecimalField(
        _("price from"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("price to"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    price_text = models.CharField(_("price information"), max_length=500, blank=True)
    ticket_url = models.URLField(_("ticket link"), max_length=500, blank=True)
    for_families = models.BooleanField(_("for families"), default=False)
    for_children = models.BooleanField(_("for children"), default=False)
    for_youth = models.BooleanField(_("for young people"), default=False)
    for_seniors = models.BooleanField(_("for seniors"), default=False)
    images = models.JSONField(
        _("images"),
        default=list,
        blank=True,
        help_text=_("List of {url, credit, licence, alt}."),
    )
    licence = models.CharField(
        _("licence of this record"), max_length=200, blank=True, default="CC BY 4.0"
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    is_online = models.BooleanField(
        _("online event"),
        default=False,
        help_text=_("It takes place on the internet: the website is the link to join it."),
    )
    expected_visitors = models.PositiveIntegerField(_("expected visitors"), null=True, blank=True)
    is_major_event = models.BooleanField(
        _("major event"), default=False, help_text=_("Set by the regional office.")
    )
    open_programme = models.BooleanField(
        _("open to programme items of other members"),
        default=False,
        help_text=_(
            "Other members may make their events part of this one (a joint event such as a "
            "museum night). Set by the regional office."
        ),
    )
    # provenance
    source_format = models.CharField(
        _("source"), max_length=20, choices=SourceFormat.choices, default=SourceFormat.MANUAL
    )
    field_sources = models.JSONField(
        _("source of each field"), default=dict, blank=True, editable=False
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_duplicates",
        verbose_name=_("merged into"),
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["title_de"]
        indexes = [
            models.Index(fields=["organisation", "public_status"], name="calendar_event_org_idx"),
            # only the events that have an umbrella: the foreign key's own index holds every
            # event, most under NULL, so SQLite's statistics guess half the table per umbrella
            # and it scans (the foreign key's index stays: dropping it would rebuild the table
            # on SQLite, and with it the data version's triggers)
            models.Index(
                fields=["parent"],
                condition=models.Q(parent__isnull=False),
                name="calendar_event_parent_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title_de

    def get_absolute_url(self) -> str:
        return reverse("calendar:event", kwargs={"pk": self.pk})

    @property
    def website(self) -> str:
        """The event's link as pages may show it: http(s) only (rows stored before the rule)."""
        return web_link(self.url)

    @property
    def tickets(self) -> str:
        return web_link(self.ticket_url)


class LastsOverADay(models.Func):
    """SQL for "this date's end lies more than `LONG_DATE` after its start" (false without an
    end), deterministic so the database can keep it as a stored column."""

    arity = 2
    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def,override]
        end, start = (compiler.compile(e) for e in self.get_source_expressions())
        if connection.vendor == "sqlite":
            sql = f"COALESCE(julianday({end[0]}) - julianday({start[0]}) > 1, 0)"
        else:
            sql = f"COALESCE(({end[0]} - {start[0]}) > interval '1 day', false)"
        return sql, [*end[1], *start[1]]


LONG_DATE = timedelta(days=1)


class Occurrence(models.Model):
    """One date of an event, stored over the configured horizon so date queries are index lookups.

    `public_from` and `municipality` copy the event's values so the public list needs no join.
    `is_long` (kept by the database) marks dates lasting more than a day: the dates still
    running at an instant are then the long ones ending after it plus the short ones that began
    less than a day before it, two index ranges instead of a scan through all past dates.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("event")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    public_from = models.DateTimeField(null=True, blank=True, editable=False)
    municipality = models.ForeignKey(
        "region.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_long = models.GeneratedField(
        expression=LastsOverADay("end", "start"),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("lasts more than a day"),
    )

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["start", "event"], name="calendar_occ_start_idx"),
            models.Index(fields=["event", "start"], name="calendar_occ_event_idx"),
            models.Index(fields=["municipality", "start", "event"], name="calendar_occ_muni_idx"),
            models.Index(
                fields=["end"], condition=models.Q(is_long=True), name="calendar_occ_long_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.start:%Y-%m-%d %H:%M}"

    @property
    def first_day(self):  # type: ignore[no-untyped-def]

        return self.start.astimezone(BERLIN).date()

    @property
    def last_day(self):  # type: ignore[no-untyped-def]
        """The last local day an all-day date covers (its end is the following midnight)."""

        if self.end is None:
            return self.start.astimezone(BERLIN).date()
        return (self.end - timedelta(seconds=1)).astimezone(BERLIN).date()


auditlog.register(Event, exclude_fields=["search_vector", "content_hash", "updated_at"])
auditlog.register(Occurrence)
