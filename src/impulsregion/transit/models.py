"""Tariff data of the Verbundtarif: zones, stops, products, versioned prices, operators.

The fare logic itself lives in ``transit.domain``; ``queries.current_tariff()`` turns these
rows into a domain ``Tariff`` (cached until any row changes).
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from impulsregion.transit.enums import FamilyChoice, StopKind, ValidityChoice, ZoneKindChoice
from impulsregion.transit.validators import validate_version_period


class Zone(models.Model):
    code = models.CharField(_("zone number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=ZoneKindChoice.choices)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Untick for zones not confirmed by a source.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    polygon = models.JSONField(
        _("polygon"), null=True, blank=True,
        help_text=_("Optional outline as a list of [longitude, latitude] pairs, used to assign imported stops."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("tariff zone")
        verbose_name_plural = _("tariff zones")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ZoneAdjacency(models.Model):
    """Two zones that border each other (undirected; stored once)."""

    zone_a = models.ForeignKey(Zone, models.CASCADE, related_name="+", verbose_name=_("zone"))
    zone_b = models.ForeignKey(
        Zone, models.CASCADE, related_name="+", verbose_name=_("neighbouring zone")
    )
    confirmed = models.BooleanField(_("confirmed"), default=True)

    class Meta:
        verbose_name = _("zone neighbourhood")
        verbose_name_plural = _("zone neighbourhoods")
        constraints = [
            models.UniqueConstraint(fields=["zone_a", "zone_b"], name="transit_adjacency_unique"),
            models.CheckConstraint(
                condition=~Q(zone_a=F("zone_b")),
                name="transit_adjacency_distinct",
                violation_error_message=_("A zone cannot border itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone_a.code} – {self.zone_b.code}"


class Stop(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    zones = models.ManyToManyField(
        Zone, blank=True, related_name="stops", verbose_name=_("zones"),
        help_text=_("A border stop belongs to two zones; a stop without a zone lies outside the network."),
    )  # fmt: skip
    kind = models.CharField(
        _("kind"), max_length=10, choices=StopKind.choices, default=StopKind.STOP
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    gtfs_id = models.CharField(_("GTFS stop_id"), max_length=100, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Relation(models.Model):
    """An office decision: between two stops this Preisstufe applies (both directions)."""

    origin = models.ForeignKey(Stop, models.CASCADE, related_name="+", verbose_name=_("from"))
    destination = models.ForeignKey(Stop, models.CASCADE, related_name="+", verbose_name=_("to"))
    preisstufe = models.PositiveSmallIntegerField(
        _("Preisstufe"), validators=[MinValueValidator(1)]
    )
    family = models.CharField(
        _("tariff family"), max_length=10, choices=FamilyChoice.choices, blank=True
    )
    note = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "destination"], name="transit_relation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.origin} – {self.destination}"


class PassengerType(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    free = models.BooleanField(_("travels free"), default=False)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("passenger type")
        verbose_name_plural = _("passenger types")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name_de


class Product(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    validity_kind = models.CharField(_("validity"), max_length=10, choices=ValidityChoice.choices)
    validity_minutes = models.JSONField(
        _("minutes by Preisstufe"), default=list, blank=True,
        help_text=_('For "minutes": pairs [from Preisstufe, minutes], e.g. [[1, 60], [2, 90]].'),
    )  # fmt: skip
    validity_days = models.PositiveSmallIntegerField(_("days"), default=0)
    validity_until = models.TimeField(_("valid until (next day)"), default="03:00")
    rides = models.PositiveSmallIntegerField(
        _("rides"), default=1, validators=[MinValueValidator(1)]
    )
    min_zones = models.PositiveSmallIntegerField(_("minimum zones"), default=1)
    max_zones = models.PositiveSmallIntegerField(_("maximum zones"), null=True, blank=True)
    max_persons = models.PositiveSmallIntegerField(
        _("persons per ticket"), default=1, validators=[MinValueValidator(1)]
    )
    families = models.JSONField(
        _("tariff families"), default=list, blank=True, help_text=_("Empty: all families.")
    )
    weekday_from = models.TimeField(
        _("Monday–Friday from"), null=True, blank=True,
        help_text=_("Set for tickets valid on weekdays only from this time (all day at weekends and on holidays)."),
    )  # fmt: skip
    valid_from = models.DateField(_("on sale from"), null=True, blank=True)
    valid_until = models.DateField(_("on sale until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name_de

    def clean(self) -> None:
        if self.validity_kind == ValidityChoice.MINUTES and not self.validity_minutes:
            raise ValidationError(
                {"validity_minutes": _("Give the minutes for at least Preisstufe 1.")}
            )
        if self.max_zones is not None and self.max_zones < self.min_zones:
            raise ValidationError({"max_zones": _("The maximum must not be below the minimum.")})
        bad = [f for f in self.families or [] if f not in FamilyChoice.values]
        if bad:
            raise ValidationError(
                {"families": _("Unknown tariff family: %(family)s.") % {"family": bad[0]}}
            )


class RecognisedTicket(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    note_de = models.CharField(_("note (German)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    valid_from = models.DateField(_("recognised from"), null=True, blank=True)
    valid_until = models.DateField(_("recognised until"), null=True, blank=True)

    class Meta:
        verbose_name = _("recognised ticket")
        verbose_name_plural = _("recognised tickets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_de


class PriceVersion(models.Model):
    """A price table's period of validity; periods never overlap."""

    label = models.CharField(_("label"), max_length=60, unique=True)
    valid_from = models.DateField(_("valid from"), unique=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("price version")
        verbose_name_plural = _("price versions")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="transit_priceversion_period",
                violation_error_message=_("The last day must not lie before the first day."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        validate_version_period(self)


class Price(models.Model):
    version = models.ForeignKey(
        PriceVersion, models.CASCADE, related_name="prices", verbose_name=_("price version")
    )
    product = models.ForeignKey(
        Product, models.CASCADE, related_name="prices", verbose_name=_("product")
    )
    passenger = models.ForeignKey(
        PassengerType, models.CASCADE, related_name="prices", verbose_name=_("passenger type")
    )
    family = models.CharField(
        _("tariff family"),
        max_length=10,
        choices=FamilyChoice.choices,
        blank=True,
        help_text=_("Empty: every family."),
    )
    preisstufe = models.PositiveSmallIntegerField(
        _("Preisstufe"), default=0, help_text=_("0: every Preisstufe.")
    )
    amount = models.DecimalField(
        _("price (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Tick for figures not taken from a verified source."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["version", "product", "passenger", "family", "preisstufe"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "product", "passenger", "family", "preisstufe"],
                name="transit_price_unique",
                violation_error_message=_(
                    "This version already has a price for this product, passenger type, family and Preisstufe."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="transit_price_not_negative",
                violation_error_message=_("A price must not be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.product.code} {self.passenger.code} {self.family or '*'} {self.preisstufe or '*'}"


class Operator(models.Model):
    """A transport company that shares the joint fare's revenue."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    mode = models.CharField(_("modes"), max_length=60, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Untick while the participation is not confirmed."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name


class TariffRevision(models.Model):
    """One row counting changes of the tariff data, so every process rebuilds its cache."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tariff revision")
        verbose_name_plural = _("tariff revisions")

    def __str__(self) -> str:
        return str(self.number)


TARIFF_MODELS = (
    Zone,
    ZoneAdjacency,
    Stop,
    Relation,
    PassengerType,
    Product,
    RecognisedTicket,
    PriceVersion,
    Price,
)

for _model in (*TARIFF_MODELS, Operator):
    auditlog.register(_model)
