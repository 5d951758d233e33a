from auditlog.registry import auditlog
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.region.validators import validate_ags


class AccessibilityFields(models.Model):
    """Accessibility facts shared by places and events (codes in domain.types)."""

    access_wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)
    access_step_free = models.BooleanField(_("step-free access"), default=False)
    access_accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    access_induction_loop = models.BooleanField(_("induction loop"), default=False)
    access_sign_language = models.BooleanField(_("sign language interpretation"), default=False)
    access_audio_description = models.BooleanField(_("audio description"), default=False)
    access_easy_language = models.BooleanField(_("easy language"), default=False)
    access_tactile_guidance = models.BooleanField(_("tactile guidance"), default=False)
    accessibility_note = models.TextField(_("notes on accessibility"), blank=True)

    class Meta:
        abstract = True

    @property
    def accessibility_codes(self) -> list[str]:
        return [
            name.removeprefix("access_")
            for name in (f.name for f in self._meta.fields)
            if name.startswith("access_") and getattr(self, name)
        ]


class Place(AccessibilityFields):
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("town"), max_length=100, blank=True)
    ags = models.CharField(
        _("official municipality key (AGS)"), max_length=8, blank=True, validators=[validate_ags]
    )
    municipality = models.ForeignKey(
        "region.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calendar_places",
        verbose_name=_("municipality"),
        help_text=_(
            "The member municipality or district the place lies in (derived from the AGS)."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    external_id = models.CharField(_("external id"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "postal_code"], name="calendar_place_name_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.locality}" if self.locality else self.name

    @property
    def address(self) -> str:
        return ", ".join(
            p for p in (self.street, f"{self.postal_code} {self.locality}".strip()) if p
        )

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            "https://www.openstreetmap.org/?mlat="
            f"{self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
        )


auditlog.register(Place)
