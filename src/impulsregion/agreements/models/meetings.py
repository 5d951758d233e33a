"""Statute, bodies, meetings with agenda, documents, attendance, resolutions, votes, minutes."""

from __future__ import annotations

import hashlib

from auditlog.registry import auditlog
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impulsregion.agreements.domain.statute import MajorityRule as DomainRule
from impulsregion.agreements.domain.statute import Quorum, StatuteRules
from impulsregion.agreements.domain.statute import Subject as DomainSubject
from impulsregion.agreements.enums import (
    AttendanceState,
    BodyKind,
    Choice,
    DocumentKind,
    MajorityRule,
    MeetingMode,
    MeetingState,
    Procedure,
    Subject,
)
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models.keys import CostKeyFields


class Statute(CostKeyFields):
    """A version of the association's statute, as far as the platform applies it."""

    title = models.CharField(_("title"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    illustrative = models.BooleanField(
        _("illustrative model statute"),
        default=False,
        help_text=_("Ticked for demo rules that are not the association's confirmed statute."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=0)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=1)
    quorum_more_than = models.BooleanField(_("quorum: more than the fraction"), default=False)
    majority_ordinary = models.CharField(
        _("majority for ordinary business"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.SIMPLE,
    )
    majority_statute_change = models.CharField(
        _("majority for statute changes"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.THREE_QUARTERS,
    )
    majority_dissolution = models.CharField(
        _("majority for dissolution"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.THREE_QUARTERS,
    )
    majority_change_of_purpose = models.CharField(
        _("majority for a change of purpose"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.UNANIMOUS,
    )
    notice_days = models.PositiveSmallIntegerField(_("notice period in days"), default=14)
    convened_by = models.CharField(_("convened by"), max_length=200, blank=True)
    proxies_allowed = models.BooleanField(_("proxies allowed"), default=True)
    max_proxies = models.PositiveSmallIntegerField(_("proxies per representative"), default=1)
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("statute")
        verbose_name_plural = _("statutes")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.title} ({self.valid_from:%d.%m.%Y})"

    def rules(self) -> StatuteRules:
        quorum = None
        if self.quorum_numerator:
            quorum = Quorum(self.quorum_numerator, self.quorum_denominator, self.quorum_more_than)
        majorities = {
            DomainSubject.ORDINARY: DomainRule(self.majority_ordinary),
            DomainSubject.CONTRACT_WITH_MEMBER: DomainRule(self.majority_ordinary),
            DomainSubject.ADMISSION: DomainRule(self.majority_ordinary),
            DomainSubject.ELECTION: DomainRule(self.majority_ordinary),
            DomainSubject.STATUTE_CHANGE: DomainRule(self.majority_statute_change),
            DomainSubject.DISSOLUTION: DomainRule(self.majority_dissolution),
            DomainSubject.CHANGE_OF_PURPOSE: DomainRule(self.majority_change_of_purpose),
        }
        return StatuteRules(
            quorum, majorities, self.notice_days, self.proxies_allowed, self.max_proxies
        )


class Body(models.Model):
    """An organ of the association: the general assembly or the board."""

    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.name_de


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    mode = models.CharField(
        _("form"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    invitation_sent_on = models.DateField(_("invitation sent on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    statute = models.ForeignKey(
        Statute, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("statute")
    )
    public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.title_de} ({self.starts_at:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("agreements:meeting", kwargs={"pk": self.pk})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.CharField(_("number"), max_length=10)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_de = models.CharField(_("title (German)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    in_invitation = models.BooleanField(
        _("in the invitation"),
        default=True,
        help_text=_("Resolutions may only be taken on items announced in the invitation."),
    )
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agreements_agendaitem_unique_number",
                violation_error_message=_(
                    "This meeting already has an agenda item with this number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_de}"


class Document(models.Model):
    """A paper (invitation, motion, contract, a member's council resolution) with its hash."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    filename = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("media type"), max_length=100, default="application/pdf")
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_documents",
        verbose_name=_("from organisation"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agreement"),
    )
    public = models.BooleanField(_("public"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("member"),
    )
    state = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceState.choices,
        default=AttendanceState.PRESENT,
    )
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    proxy_holder = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proxies_held",
        verbose_name=_("proxy held by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                name="agreements_attendance_once",
                violation_error_message=_("Attendance of this member is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(state="proxy") | Q(proxy_holder__isnull=False),
                name="agreements_attendance_proxy_named",
                violation_error_message=_("Name the member who holds the proxy."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_state_display()}"

    def clean(self) -> None:
        from impulsregion.agreements.services.meetings import check_attendance  # noqa: PLC0415 - circular: services import these models

        if self.meeting_id is None or self.organisation_id is None:
            return
        try:
            self.proxy_holder = check_attendance(
                meeting=self.meeting,
                organisation=self.organisation,
                state=self.state,
                proxy_holder=self.proxy_holder,
                exclude_pk=self.pk,
            )
        except AgreementsError as error:
            raise ValidationError({error.field or NON_FIELD_ERRORS: error.message}) from error


class Resolution(models.Model):
    number = models.CharField(_("number"), max_length=30, unique=True)
    procedure = models.CharField(
        _("procedure"), max_length=10, choices=Procedure.choices, default=Procedure.MEETING
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("agenda item"),
    )
    statute = models.ForeignKey(
        Statute, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("statute")
    )
    subject = models.CharField(
        _("subject"), max_length=30, choices=Subject.choices, default=Subject.ORDINARY
    )
    title_de = models.CharField(_("title (German)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    motion_de = models.TextField(_("motion (German)"))
    motion_en = models.TextField(_("motion (English)"), blank=True)
    contract_parties = models.ManyToManyField(
        "region.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("members party to the contract"),
        help_text=_("They may not vote on it (§ 34 BGB)."),
    )
    decided = models.BooleanField(_("decided"), default=False)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)
    rule_applied = models.CharField(
        _("majority applied"), max_length=20, choices=MajorityRule.choices, blank=True
    )
    yes_count = models.PositiveSmallIntegerField(_("yes"), default=0)
    no_count = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    reason_de = models.CharField(_("result (German)"), max_length=300, blank=True)
    reason_en = models.CharField(_("result (English)"), max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-decided_on", "number"]

    def __str__(self) -> str:
        return f"{self.number}: {self.title_de}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:resolution", kwargs={"number": self.number})

    def clean(self) -> None:
        from impulsregion.agreements.services.resolutions import check_agenda_item  # noqa: PLC0415 - circular: services import these models

        if self.procedure == "circular" and self.meeting_id is not None:
            raise ValidationError(
                {"meeting": _("A resolution without a meeting cannot belong to a meeting.")}
            )
        if self.procedure == "meeting" and self.meeting_id is None:
            raise ValidationError(
                {"meeting": _("Choose the meeting in which the resolution is taken.")}
            )
        try:
            check_agenda_item(self.meeting, self.agenda_item)
        except AgreementsError as error:
            raise ValidationError({error.field or NON_FIELD_ERRORS: error.message}) from error


class Vote(models.Model):
    """One member organisation's vote; in an Umlaufverfahren its answer, possibly in text form."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="votes", verbose_name=_("resolution")
    )
    organisation = models.ForeignKey(
        "region.Organisation",
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("member"),
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    in_text_form = models.BooleanField(_("in text form"), default=False)
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["resolution", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "organisation"],
                name="agreements_vote_once",
                violation_error_message=_("This member has already voted on this resolution."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_choice_display()}"


class MinutesVersion(models.Model):
    """One version of a meeting's minutes; signed versions are never changed, only superseded."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="minutes_versions",
        verbose_name=_("meeting"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    notes = models.TextField(_("notes"), blank=True)
    chair = models.CharField(_("chair of the meeting"), max_length=200)
    minute_taker = models.CharField(_("minute-taker"), max_length=200)
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    pdf = models.BinaryField(_("PDF"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"))
    chair_signed_at = models.DateTimeField(_("signed by the chair at"), null=True, blank=True)
    taker_signed_at = models.DateTimeField(
        _("signed by the minute-taker at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"],
                name="agreements_minutes_unique_version",
                violation_error_message=_("This version of the minutes already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – v{self.version}"

    @property
    def signed(self) -> bool:
        return self.chair_signed_at is not None and self.taker_signed_at is not None


for _model in (
    Statute,
    Body,
    Meeting,
    AgendaItem,
    Document,
    Attendance,
    Resolution,
    Vote,
    MinutesVersion,
):
    auditlog.register(_model, exclude_fields=["content", "pdf"])
