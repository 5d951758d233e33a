"""The statute (Satzung) as data: subjects, majority rules, quorum and notice period.

Defaults follow the German Civil Code for registered associations: a simple majority of the
votes cast (§ 32 (1) BGB), three quarters of the votes cast to change the statute (§ 33 (1))
or to dissolve the association (§ 41), the consent of all members to change its purpose
(§ 33 (1) sentence 2). § 40 BGB lets a statute deviate from these, so each statute carries
its own table; § 34 BGB (no vote on one's own contract with the association) is mandatory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from impulsregion.agreements.domain.messages import RuleError, gettext_noop


class Subject(StrEnum):
    """What a resolution decides; selects the majority rule."""

    ORDINARY = "ordinary"
    STATUTE_CHANGE = "statute_change"
    DISSOLUTION = "dissolution"
    CHANGE_OF_PURPOSE = "change_of_purpose"
    CONTRACT_WITH_MEMBER = "contract_with_member"
    ADMISSION = "admission"
    ELECTION = "election"


class MajorityRule(StrEnum):
    """How many yes votes a resolution needs."""

    SIMPLE = "simple"  # more yes than no votes; abstentions are not votes cast
    TWO_THIRDS = "two_thirds"  # at least 2/3 of the votes cast
    THREE_QUARTERS = "three_quarters"  # at least 3/4 of the votes cast
    UNANIMOUS = "unanimous"  # every member entitled to vote consents


BGB_MAJORITIES: Mapping[Subject, MajorityRule] = {
    Subject.ORDINARY: MajorityRule.SIMPLE,
    Subject.STATUTE_CHANGE: MajorityRule.THREE_QUARTERS,
    Subject.DISSOLUTION: MajorityRule.THREE_QUARTERS,
    Subject.CHANGE_OF_PURPOSE: MajorityRule.UNANIMOUS,
    Subject.CONTRACT_WITH_MEMBER: MajorityRule.SIMPLE,
    Subject.ADMISSION: MajorityRule.SIMPLE,
    Subject.ELECTION: MajorityRule.SIMPLE,
}


def required_yes(rule: MajorityRule, cast: int) -> int:
    """The smallest number of yes votes that carries ``cast`` votes under ``rule``.

    ``UNANIMOUS`` needs every vote cast to be yes (the caller also checks absent members).
    """
    if cast < 0:
        raise ValueError("cast must not be negative")
    if rule is MajorityRule.SIMPLE:
        return cast // 2 + 1
    if rule is MajorityRule.TWO_THIRDS:
        return -(-2 * cast // 3)
    if rule is MajorityRule.THREE_QUARTERS:
        return -(-3 * cast // 4)
    return cast


@dataclass(frozen=True)
class Quorum:
    """Share of the members entitled to vote that must be present or represented.

    ``Quorum(1, 2, more_than=True)`` reads "more than half"; ``Quorum(1, 3)`` "at least a third".
    """

    numerator: int
    denominator: int
    more_than: bool = False

    def __post_init__(self) -> None:
        if self.denominator <= 0 or not 0 <= self.numerator <= self.denominator:
            raise RuleError(
                gettext_noop("A quorum must be a fraction between 0 and 1, not %(num)d/%(den)d."),
                num=self.numerator,
                den=self.denominator,
            )

    def required(self, members: int) -> int:
        """Members who must be present or represented when ``members`` may vote."""
        product = self.numerator * members
        if self.more_than:
            return product // self.denominator + 1
        return -(-product // self.denominator)


@dataclass(frozen=True)
class StatuteRules:
    """The parts of a statute the platform applies."""

    quorum: Quorum | None = None
    majorities: Mapping[Subject, MajorityRule] = field(default_factory=lambda: dict(BGB_MAJORITIES))
    notice_days: int = 14
    proxies_allowed: bool = True
    max_proxies_per_representative: int = 1

    def majority_for(self, subject: Subject) -> MajorityRule:
        """The majority rule for ``subject``; the BGB default where the statute is silent."""
        return self.majorities.get(subject, BGB_MAJORITIES[subject])


def notice_shortfall(invited_on: date, meeting_on: date, notice_days: int) -> int:
    """Days by which the invitation missed the notice period (0 when it was in time)."""
    given = (meeting_on - invited_on).days
    return max(0, notice_days - given)
