"""Choices of the agreements app; stored values match the pure domain enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Subject(models.TextChoices):
    ORDINARY = "ordinary", _("ordinary business")
    STATUTE_CHANGE = "statute_change", _("change of the statute")
    DISSOLUTION = "dissolution", _("dissolution of the association")
    CHANGE_OF_PURPOSE = "change_of_purpose", _("change of the association's purpose")
    CONTRACT_WITH_MEMBER = (
        "contract_with_member",
        _("contract between a member and the association"),
    )
    ADMISSION = "admission", _("admission of a member")
    ELECTION = "election", _("election")


class MajorityRule(models.TextChoices):
    SIMPLE = "simple", _("simple majority of votes cast")
    TWO_THIRDS = "two_thirds", _("two thirds of votes cast")
    THREE_QUARTERS = "three_quarters", _("three quarters of votes cast")
    UNANIMOUS = "unanimous", _("consent of all members")


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("general assembly (Mitgliederversammlung)")
    BOARD = "board", _("board (Vorstand)")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class AttendanceState(models.TextChoices):
    PRESENT = "present", _("present")
    PROXY = "proxy", _("represented by proxy")
    ABSENT = "absent", _("absent")


class Procedure(models.TextChoices):
    MEETING = "meeting", _("in a meeting")
    CIRCULAR = "circular", _("without a meeting (Umlaufverfahren)")


class Choice(models.TextChoices):
    YES = "yes", pgettext_lazy("vote", "yes")
    NO = "no", pgettext_lazy("vote", "no")
    ABSTAIN = "abstain", pgettext_lazy("vote", "abstention")


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    MOTION = "motion", _("motion or paper")
    CONTRACT = "contract", _("contract")
    COUNCIL_RESOLUTION = "council_resolution", _("council or board resolution of a member")
    OTHER = "other", pgettext_lazy("document kind", "other")


class ApplicationState(models.TextChoices):
    RECEIVED = "received", _("received")
    BOARD_REVIEWED = "board_reviewed", _("reviewed by the board")
    ADMITTED = "admitted", _("admitted")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class FilingKind(models.TextChoices):
    BOARD_CHANGE = "board_change", _("change of the board (§ 67 BGB)")
    STATUTE_CHANGE = "statute_change", _("change of the statute (§ 71 BGB)")
    DISSOLUTION = "dissolution", _("dissolution (§ 74 BGB)")
    OTHER = "other", pgettext_lazy("filing kind", "other")


class AgreementKind(models.TextChoices):
    COOPERATION = "cooperation", _("cooperation contract")
    ZWECKVEREINBARUNG = "zweckvereinbarung", _("public-law agreement (Zweckvereinbarung)")
    TARIFF = "tariff", _("joint fare contract")
    MARKETING = "marketing", _("joint marketing agreement")
    OTHER = "other", pgettext_lazy("agreement kind", "other")
