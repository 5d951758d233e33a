"""The agreement register with its parties, yearly cost inputs and statements; membership fees."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impulsregion.agreements.enums import AgreementKind
from impulsregion.agreements.models.keys import CostKeyFields


class Agreement(CostKeyFields):
    slug = models.SlugField(_("URL slug"), unique=True, max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title_de = models.CharField(_("title (German)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    tasks_de = models.TextField(_("tasks (German)"), blank=True)
    tasks_en = models.TextField(_("tasks (English)"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    notice_de = models.TextField(_("notice and termination (German)"), blank=True)
    notice_en = models.TextField(_("notice and termination (English)"), blank=True)
    approved_on = models.DateField(
        _("approved by the supervisory authority on"), null=True, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    dates_confirmed = models.BooleanField(
        _("dates confirmed"),
        default=False,
        help_text=_("Untick while dates are not confirmed by a source."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["signed_on", "slug"]

    def __str__(self) -> str:
        return self.title_de

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement", kwargs={"slug": self.slug})


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("party"),
    )
    fixed_percent = models.DecimalField(
        _("fixed percentage"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. lead authority")
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="agreements_party_once",
                violation_error_message=_("This organisation is already a party to the agreement."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agreement}"


class CostYear(models.Model):
    """The total to share in one year and where the inputs come from."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="cost_years", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(_("total in €"), max_digits=14, decimal_places=2)
    population_reference_date = models.DateField(
        _("population reference date"), null=True, blank=True
    )
    source = models.CharField(_("source of the inputs"), max_length=500, blank=True)
    illustrative = models.BooleanField(_("illustrative figures"), default=False)

    class Meta:
        verbose_name = _("cost year")
        verbose_name_plural = _("cost years")
        ordering = ["agreement", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="agreements_costyear_once",
                violation_error_message=_("This agreement already has figures for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement.slug} {self.year}"


class CostInput(models.Model):
    cost_year = models.ForeignKey(
        CostYear, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("cost year")
    )
    organisation = models.ForeignKey(
        "region.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    usage = models.DecimalField(_("usage"), max_digits=14, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("cost input")
        verbose_name_plural = _("cost inputs")
        ordering = ["cost_year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cost_year", "organisation"],
                name="agreements_costinput_once",
                violation_error_message=_("This party already has inputs for this year."),
            ),
            models.CheckConstraint(
                condition=Q(usage__isnull=True) | Q(usage__gte=0),
                name="agreements_costinput_usage_not_negative",
                violation_error_message=_("Usage cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cost_year}: {self.organisation}"


class CostStatement(models.Model):
    """An issued statement (agreement costs or membership fees), kept as history."""

    cost_year = models.ForeignKey(
        CostYear,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("cost year"),
    )
    fee_assessment = models.ForeignKey(
        "agreements.FeeAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("fee assessment"),
    )
    issued_at = models.DateTimeField(_("issued at"))
    total = models.DecimalField(_("total in €"), max_digits=14, decimal_places=2)
    key_description = models.CharField(_("key"), max_length=300)
    steps = models.JSONField(_("calculation steps"))

    class Meta:
        verbose_name = _("cost statement")
        verbose_name_plural = _("cost statements")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(cost_year__isnull=True) & Q(fee_assessment__isnull=False))
                | (Q(cost_year__isnull=False) & Q(fee_assessment__isnull=True)),
                name="agreements_statement_for_one_thing",
                violation_error_message=_(
                    "A statement is for either a cost year or a fee assessment."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.cost_year or self.fee_assessment} ({self.issued_at:%d.%m.%Y})"


class StatementLine(models.Model):
    statement = models.ForeignKey(
        CostStatement, on_delete=models.CASCADE, related_name="lines", verbose_name=_("statement")
    )
    organisation = models.ForeignKey(
        "region.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    percent = models.DecimalField(_("share in %"), max_digits=12, decimal_places=8)
    amount = models.DecimalField(_("amount in €"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount} €"


class FeeAssessment(models.Model):
    """The membership fees of one year, split among the members by the statute's fee key."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("Fees for this year are already assessed.")},
    )
    total = models.DecimalField(_("fee budget in €"), max_digits=14, decimal_places=2)
    statute = models.ForeignKey(
        "agreements.Statute", on_delete=models.PROTECT, related_name="+", verbose_name=_("statute")
    )
    population_reference_date = models.DateField(_("population reference date"))

    class Meta:
        verbose_name = _("membership fee assessment")
        verbose_name_plural = _("membership fee assessments")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


for _model in (
    Agreement,
    AgreementParty,
    CostYear,
    CostInput,
    CostStatement,
    StatementLine,
    FeeAssessment,
):
    auditlog.register(_model)
