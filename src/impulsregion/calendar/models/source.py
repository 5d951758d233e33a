from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import SourceFormat


class SourceRecord(models.Model):
    """Provenance: one record of one source (feed, file, API) and the event it became."""

    source_key = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Format, organisation and feed, e.g. ics:jena:spielplan.ics"),
    )
    source_format = models.CharField(_("format"), max_length=20, choices=SourceFormat.choices)
    external_id = models.CharField(_("external id"), max_length=255)
    event = models.ForeignKey(
        "calendar.Event",
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("event"),
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    withdrawn_at = models.DateTimeField(_("vanished from the source"), null=True, blank=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["source_key", "external_id"], name="calendar_source_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_key} #{self.external_id}"


class ImportRun(models.Model):
    """The log of one import: who, what, and the outcome per category."""

    source_key = models.CharField(_("source"), max_length=300)
    source_format = models.CharField(_("format"), max_length=20, choices=SourceFormat.choices)
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"))
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source_key} {self.started_at:%Y-%m-%d %H:%M}"


auditlog.register(SourceRecord)
auditlog.register(ImportRun, exclude_fields=["problems"])
