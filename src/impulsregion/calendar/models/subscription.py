from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import SourceFormat

SUBSCRIBABLE = (
    SourceFormat.ICS,
    SourceFormat.THUECAT,
    SourceFormat.DESTINATION_ONE,
    SourceFormat.CSV,
)


class FeedSubscription(models.Model):
    """A member's calendar feed that the platform fetches and imports on its own, every
    `every_hours` hours (the periodic job ``refresh-subscriptions``)."""

    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="feed_subscriptions",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.CharField(
        _("address of the feed"),
        max_length=1000,
        validators=[URLValidator(schemes=["https", "http", "webcal", "webcals"])],
        help_text=_("https:// or webcal:// address of the calendar (.ics), ThüCAT or CSV file"),
    )
    source_format = models.CharField(
        _("format"),
        max_length=20,
        choices=[(f.value, f.label) for f in SUBSCRIBABLE],
        default=SourceFormat.ICS,
    )
    every_hours = models.PositiveSmallIntegerField(
        _("fetch every … hours"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)],
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_enqueued_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_result = models.TextField(_("last result"), blank=True)
    last_job_id = models.CharField(_("last job"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "url"], name="calendar_subscription_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def source_key(self) -> str:
        return f"{self.source_format}:subscription:{self.pk}"


auditlog.register(
    FeedSubscription, exclude_fields=["last_enqueued_at", "last_result", "last_job_id"]
)
