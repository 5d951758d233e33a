"""The cooperation's registry: organisations, memberships, persons, board terms, history."""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsregion.region.enums import BoardRole, FigureKind, OrganisationKind, StaffRoleKind
from impulsregion.region.validators import validate_ags

ASSOCIATION_SLUG = "impulsregion"
"""Slug of the registered association whose members are "the members"."""


class Sourced(models.Model):
    """Where a fact comes from, and whether it has been confirmed from that source."""

    source = models.CharField(_("source"), max_length=500, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Untick for facts not yet confirmed by a source.")
    )

    class Meta:
        abstract = True


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80)
    slug = models.SlugField(_("URL slug"), unique=True, max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    ags = models.CharField(
        _("official municipality key (AGS)"), max_length=8, blank=True, validators=[validate_ags]
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    address_confirmed = models.BooleanField(_("address confirmed"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ags"],
                condition=~Q(ags=""),
                name="region_organisation_unique_ags",
                violation_error_message=_(
                    "Another organisation already has this municipality key."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("region:organisation", kwargs={"slug": self.slug})


class KeyFigure(Sourced):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="key_figures",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("figure"), max_length=20, choices=FigureKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    reference_date = models.DateField(_("reference date"))

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["organisation__name", "kind", "-reference_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "reference_date"],
                name="region_keyfigure_one_per_date",
                violation_error_message=_(
                    "This organisation already has this figure for that date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="region_keyfigure_not_negative",
                violation_error_message=_("A key figure cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name}: {self.get_kind_display()} {self.value} ({self.reference_date})"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(admitted_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def of_association(self) -> MembershipQuerySet:
        return self.filter(body__slug=ASSOCIATION_SLUG)


class Membership(Sourced):
    """A dated period in which an organisation is a member of a cooperation body."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("member")
    )
    body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="member_periods",
        verbose_name=_("cooperation body"),
    )
    admitted_on = models.DateField(_("admitted on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    voting_right = models.BooleanField(_("voting right"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body__name", "admitted_on", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=F("admitted_on")),
                name="region_membership_leaves_after_admission",
                violation_error_message=_("A membership must end after it began."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "body", "admitted_on"],
                name="region_membership_unique_start",
                violation_error_message=_("This membership period is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.body} ({self.admitted_on:%Y}–{self.left_on or ''})"

    def clean(self) -> None:
        from impulsregion.region.services import check_membership_overlap  # noqa: PLC0415 - circular: services imports these models

        check_membership_overlap(self)


class Person(Sourced):
    honorific = models.CharField(_("academic title"), max_length=40, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["given_name", "family_name"],
                name="region_person_unique_name",
                violation_error_message=_("A person with this name is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return " ".join(
            part for part in (self.honorific, self.given_name, self.family_name) if part
        )


class Mandate(Sourced):
    """A person represents an organisation for a period, usually ex officio."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mandates",
        verbose_name=_("organisation"),
    )
    office_de = models.CharField(_("office (German)"), max_length=120)
    office_en = models.CharField(_("office (English)"), max_length=120, blank=True)
    ex_officio = models.BooleanField(_("ex officio"), default=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["organisation__name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="region_mandate_ends_after_start",
                violation_error_message=_("A mandate cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "organisation", "starts_on"],
                name="region_mandate_unique_start",
                violation_error_message=_("This mandate is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.office_de} ({self.organisation.short_name})"


class BoardTerm(Sourced):
    """The board of one year: the chair rotates yearly. One term per year, never overlapping."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("A board term for this year already exists.")},
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(starts_on__isnull=True) | Q(starts_on__year=F("year")))
                & (Q(ends_on__isnull=True) | Q(ends_on__year=F("year"))),
                name="region_boardterm_within_year",
                violation_error_message=_("A board term's dates must lie within its year."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="region_boardterm_ends_after_start",
                violation_error_message=_("A board term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class BoardPosition(Sourced):
    term = models.ForeignKey(
        BoardTerm, on_delete=models.CASCADE, related_name="positions", verbose_name=_("term")
    )
    role = models.CharField(_("role"), max_length=10, choices=BoardRole.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="board_positions", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="board_positions",
        verbose_name=_("represented organisation"),
    )

    class Meta:
        verbose_name = _("board position")
        verbose_name_plural = _("board positions")
        ordering = ["term", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "role"],
                condition=Q(role__in=["chair", "deputy"]),
                name="region_boardposition_one_chair_one_deputy",
                violation_error_message=_(
                    "A board term has at most one chair and one deputy chair."
                ),
            ),
            models.UniqueConstraint(
                fields=["term", "person"],
                name="region_boardposition_one_role_per_person",
                violation_error_message=_("This person already holds a position in this term."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term.year}: {self.get_role_display()} {self.person}"


class Milestone(Sourced):
    """A step in the cooperation's history."""

    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("exact date"), null=True, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_de = models.TextField(_("text (German)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    key = models.SlugField(
        _("key"), unique=True, max_length=80, help_text=_("Stable name for data loading.")
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["year", "date", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date__isnull=True) | Q(date__year=F("year")),
                name="region_milestone_date_in_year",
                violation_error_message=_("The exact date must lie in the milestone's year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title_de}"


class StaffRole(models.Model):
    """A user's role for an organisation: office (everything), editor (own records), board (read)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=StaffRoleKind.choices)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["user__username", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="region_staffrole_unique",
                violation_error_message=_("This user already has this role for this organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation.short_name})"


for _model in (
    Organisation,
    KeyFigure,
    Membership,
    Person,
    Mandate,
    BoardTerm,
    BoardPosition,
    Milestone,
    StaffRole,
):
    auditlog.register(_model)
