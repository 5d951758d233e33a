from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import SourceFormat


class ImportUpload(models.Model):
    """A file or fetched address a member's editor is importing in the browser, kept between
    the dry run and the confirmation (any app node may answer either request), with what the
    dry run found; removed once imported, and refused after `expires_at`."""

    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    name = models.CharField(_("file or address"), max_length=500)
    source_format = models.CharField(_("format"), max_length=20, choices=SourceFormat.choices)
    source_key = models.CharField(_("source"), max_length=300)
    content = models.BinaryField(_("content"))
    preview = models.JSONField(_("dry run"), default=dict)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("import upload")
        verbose_name_plural = _("import uploads")

    def __str__(self) -> str:
        return self.name
