from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import SourceFormat

SUBSCRIBABLE = (
    SourceFormat.ICS,
    SourceFormat.THUECAT,
    SourceFormat.DESTINATION_ONE,
    SourceFormat.CSV,
)

# failures in a row after which the member's editors get the one warning e-mail
FAILURES_BEFORE_WARNING = 3


class FeedHealth(models.TextChoices):
    """How a subscription is doing, from its last runs (not stored: derived, see `health_q`)."""

    HEALTHY = "healthy", _("working")
    FAILING = "failing", _("failing")
    BROKEN = "broken", _("out of order")
    NEW = "new", _("not fetched yet")
    PAUSED = "paused", _("paused")


class FeedSubscription(models.Model):
    """A member's calendar feed that the platform fetches and imports on its own, every
    `every_hours` hours (the periodic job ``refresh-subscriptions``), asking the server with
    the ETag and Last-Modified of its last good answer whether anything changed."""

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
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)],
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_enqueued_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_job_id = models.CharField(_("last job"), max_length=64, blank=True)
    # the validators of the last answer that was imported, sent back as If-None-Match and
    # If-Modified-Since
    etag = models.CharField("ETag", max_length=1000, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=1000, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    # the last error's sentence, as the German e-mail and the English pages need it
    last_error_de = models.TextField(_("last error (German)"), blank=True)
    last_error_en = models.TextField(_("last error (English)"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    # created, updated, unchanged, withdrawn, rejected of the last successful run
    last_counts = models.JSONField(_("events in the last run"), default=dict, blank=True)
    last_not_modified = models.BooleanField(_("unchanged at the last fetch"), default=False)
    warning_sent_at = models.DateTimeField(_("warning e-mail sent"), null=True, blank=True)

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

    @property
    def last_error(self) -> str:
        """The last error's sentence in the active language (German when there is no other)."""
        if translation.get_language() == "en" and self.last_error_en:
            return self.last_error_en
        return self.last_error_de

    @property
    def health(self) -> FeedHealth:
        if not self.active:
            return FeedHealth.PAUSED
        if self.failures >= FAILURES_BEFORE_WARNING:
            return FeedHealth.BROKEN
        if self.failures:
            return FeedHealth.FAILING
        if self.last_success_at is None:
            return FeedHealth.NEW
        return FeedHealth.HEALTHY


def in_trouble_q() -> Q:
    """The subscriptions whose last fetch failed: failing or out of order."""
    return Q(active=True, failures__gt=0)


def health_q(health: str) -> Q:
    """The subscriptions of one `FeedHealth`, as a filter (the same rule as `.health`)."""
    active = Q(active=True)
    return {
        FeedHealth.PAUSED: Q(active=False),
        FeedHealth.BROKEN: active & Q(failures__gte=FAILURES_BEFORE_WARNING),
        FeedHealth.FAILING: active & Q(failures__gt=0, failures__lt=FAILURES_BEFORE_WARNING),
        FeedHealth.NEW: active & Q(failures=0, last_success_at__isnull=True),
        FeedHealth.HEALTHY: active & Q(failures=0, last_success_at__isnull=False),
    }[FeedHealth(health)]


auditlog.register(
    FeedSubscription,
    exclude_fields=[
        "last_enqueued_at",
        "last_job_id",
        "etag",
        "last_modified",
        "last_success_at",
        "last_error_de",
        "last_error_en",
        "last_error_at",
        "failures",
        "last_counts",
        "last_not_modified",
        "warning_sent_at",
    ],
)
