import hashlib

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publisher(models.Model):
    """Calendar settings of a member organisation: whether its editors' events skip review."""

    organisation = models.OneToOneField(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="calendar_publisher",
        verbose_name=_("organisation"),
    )
    is_trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Events and edits of trusted organisations are published without review."),
    )

    class Meta:
        verbose_name = _("calendar publisher")
        verbose_name_plural = _("calendar publishers")

    def __str__(self) -> str:
        return str(self.organisation)


class ApiToken(models.Model):
    """A secret for the write API, acting for one organisation; only its hash is stored."""

    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="calendar_api_tokens",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_api_tokens",
        verbose_name=_("acting user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("first characters"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


auditlog.register(Publisher)
auditlog.register(ApiToken, exclude_fields=["key_hash"])
