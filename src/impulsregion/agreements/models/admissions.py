"""Admission applications, register filings (Vereinsregister) and the chair rotation order."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.agreements.enums import ApplicationState, FilingKind


class AdmissionApplication(models.Model):
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="admission_applications",
        verbose_name=_("applicant"),
    )
    received_on = models.DateField(_("received on"))
    statement_of_support = models.TextField(_("statement of support for the association's goals"))
    council_resolution = models.ForeignKey(
        "agreements.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant's council or board resolution"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.RECEIVED,
    )
    board_recommends = models.BooleanField(_("board recommends admission"), null=True, blank=True)
    board_reviewed_on = models.DateField(_("reviewed by the board on"), null=True, blank=True)
    board_note = models.TextField(_("board's note"), blank=True)
    resolution = models.ForeignKey(
        "agreements.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("general assembly's resolution"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    communicated_on = models.DateField(_("decision communicated on"), null=True, blank=True)
    membership = models.ForeignKey(
        "region.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("membership"),
    )

    class Meta:
        verbose_name = _("admission application")
        verbose_name_plural = _("admission applications")
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.received_on:%d.%m.%Y})"


class RegisterFiling(models.Model):
    """Something that must be filed with the register court, and where it stands."""

    kind = models.CharField(_("kind"), max_length=20, choices=FilingKind.choices)
    description = models.CharField(_("description"), max_length=300)
    resolution = models.ForeignKey(
        "agreements.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("resolution"),
    )
    due_on = models.DateField(_("to be filed by"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    court_reference = models.CharField(_("court reference"), max_length=100, blank=True)
    reminded_on = models.DateField(_("last reminder on"), null=True, blank=True)

    class Meta:
        verbose_name = _("register filing")
        verbose_name_plural = _("register filings")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description


class RotationEntry(models.Model):
    """The office's rotation order for the yearly board chair."""

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    organisation = models.OneToOneField(
        "region.Organisation",
        on_delete=models.CASCADE,
        related_name="rotation_entry",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("chair rotation entry")
        verbose_name_plural = _("chair rotation order")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.organisation}"


for _model in (AdmissionApplication, RegisterFiling, RotationEntry):
    auditlog.register(_model)
