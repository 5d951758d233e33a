from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.models.event import Event

ORIGINALS = "event-originals"  # as uploaded, with the camera's metadata: never served
RENDITIONS = "event-images"  # the sizes the pages show, without metadata: served under /media/


class EventImage(models.Model):
    """A picture uploaded for an event, with the credit, licence and text the pages need.

    `renditions` lists what `services.images` made of the original:
    ``[{"width": 480, "height": 320, "webp": "event-images/…-480.webp", "jpg": "…-480.jpg"}]``,
    narrowest first; the files lie in Django's default storage (`IMPULSREGION_MEDIA_DIR`).
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="uploaded_images", verbose_name=_("event")
    )
    original = models.FileField(_("image file"), max_length=300, editable=False)
    renditions = models.JSONField(_("sizes"), default=list, editable=False)
    credit = models.CharField(_("photo credit"), max_length=200)
    licence = models.CharField(_("licence"), max_length=200)
    alt_de = models.CharField(
        _("description of the image (German)"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    alt_en = models.CharField(_("description of the image (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_de

    def files(self) -> list[str]:
        """The names of every file of this image in the default storage."""
        names = [self.original.name] if self.original else []
        for size in self.renditions:
            names += [size["webp"], size["jpg"]]
        return names

    @property
    def largest(self) -> dict[str, Any]:
        return self.renditions[-1] if self.renditions else {}

    def srcset(self, suffix: str) -> str:
        return ", ".join(
            f"{default_storage.url(size[suffix])} {size['width']}w" for size in self.renditions
        )

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def srcset_jpg(self) -> str:
        return self.srcset("jpg")

    @property
    def src(self) -> str:
        """The middle size: what a browser without srcset shows."""
        if not self.renditions:
            return ""
        return str(default_storage.url(self.renditions[len(self.renditions) // 2]["jpg"]))

    @property
    def middle(self) -> dict[str, Any]:
        return self.renditions[len(self.renditions) // 2] if self.renditions else {}


auditlog.register(EventImage, exclude_fields=["renditions"])
