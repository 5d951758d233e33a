"""Evaluate a vote: validate the ballots, check the quorum, apply the majority rule.

Members are identified by their display name (a unique label such as "Stadt Erfurt"); the
same label appears in error messages. The algorithm, in prose:

1. Every ballot must come from a member entitled to vote, who is present or represented,
   who has not voted on this resolution yet and who is not a party to the contract being
   decided (§ 34 BGB). Otherwise the whole vote is refused with the first offending ballot.
2. If the statute sets a quorum, at least that many members entitled to vote must be
   present or represented; otherwise the motion fails whatever the votes.
3. Unanimity (change of purpose) needs every member entitled to vote to consent: present
   members with a yes vote, absent members with a consent in text form.
4. Every other rule counts the votes cast (yes + no; abstentions are not cast): simple
   majority needs more yes than no votes, two thirds / three quarters need at least that
   share of the votes cast. No vote cast at all means the motion fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from impulsregion.agreements.domain.messages import Message, RuleError, gettext_noop
from impulsregion.agreements.domain.statute import MajorityRule, Quorum, required_yes


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Ballot:
    member: str
    choice: Choice


@dataclass(frozen=True)
class VoteSetting:
    """Who may vote on one resolution."""

    members: frozenset[str]
    present: frozenset[str]
    excluded: frozenset[str] = frozenset()
    written_consents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    rule: MajorityRule
    yes: int
    no: int
    abstain: int
    present: int
    required: int
    reason: Message

    @property
    def cast(self) -> int:
        return self.yes + self.no


_ACCEPTED = {
    MajorityRule.SIMPLE: gettext_noop(
        "accepted: %(yes)d of %(cast)d votes cast, simple majority reached"
    ),
    MajorityRule.TWO_THIRDS: gettext_noop(
        "accepted: %(yes)d of %(cast)d votes cast, two-thirds majority reached"
    ),
    MajorityRule.THREE_QUARTERS: gettext_noop(
        "accepted: %(yes)d of %(cast)d votes cast, three-quarters majority reached"
    ),
}
_REJECTED = {
    MajorityRule.SIMPLE: gettext_noop(
        "rejected: %(yes)d of %(cast)d votes cast, simple majority (%(required)d) not reached"
    ),
    MajorityRule.TWO_THIRDS: gettext_noop(
        "rejected: %(yes)d of %(cast)d votes cast, two-thirds majority (%(required)d) not reached"
    ),
    MajorityRule.THREE_QUARTERS: gettext_noop(
        "rejected: %(yes)d of %(cast)d votes cast, three-quarters majority (%(required)d) not reached"
    ),
}


def validate_ballot(ballot: Ballot, setting: VoteSetting, voted: Iterable[str]) -> None:
    """Refuse a ballot that may not be counted (see step 1 of the module docstring)."""
    member = ballot.member
    if member not in setting.members:
        raise RuleError(gettext_noop("%(member)s is not a member entitled to vote."), member=member)
    if member in voted:
        raise RuleError(
            gettext_noop("%(member)s has already voted on this resolution."), member=member
        )
    if member in setting.excluded:
        raise RuleError(
            gettext_noop(
                "%(member)s is a party to the contract with the association and may not vote on it (§ 34 BGB)."
            ),
            member=member,
        )
    if member not in setting.present:
        raise RuleError(
            gettext_noop("%(member)s is neither present nor represented at the meeting."),
            member=member,
        )


def validate_ballots(ballots: Sequence[Ballot], setting: VoteSetting) -> None:
    voted: set[str] = set()
    for ballot in ballots:
        validate_ballot(ballot, setting, voted)
        voted.add(ballot.member)


def evaluate_vote(
    ballots: Sequence[Ballot],
    setting: VoteSetting,
    rule: MajorityRule,
    quorum: Quorum | None = None,
) -> Outcome:
    """The result of a vote in a meeting, with its reason."""
    validate_ballots(ballots, setting)
    counts = {choice: sum(1 for b in ballots if b.choice is choice) for choice in Choice}
    yes, no, abstain = counts[Choice.YES], counts[Choice.NO], counts[Choice.ABSTAIN]
    present = len(setting.present & setting.members)

    def outcome(accepted: bool, required: int, reason: Message) -> Outcome:
        return Outcome(accepted, rule, yes, no, abstain, present, required, reason)

    if quorum is not None:
        needed = quorum.required(len(setting.members))
        if present < needed:
            return outcome(
                False,
                needed,
                Message(
                    gettext_noop(
                        "rejected: quorum not reached, %(present)d of %(members)d members present or represented, %(needed)d required"
                    ),
                    {"present": present, "members": len(setting.members), "needed": needed},
                ),
            )
    if rule is MajorityRule.UNANIMOUS:
        return _evaluate_unanimous(ballots, setting, outcome)
    cast = yes + no
    if cast == 0:
        return outcome(False, 1, Message(gettext_noop("rejected: no votes cast")))
    required = required_yes(rule, cast)
    accepted = yes >= required
    template = _ACCEPTED[rule] if accepted else _REJECTED[rule]
    return outcome(
        accepted, required, Message(template, {"yes": yes, "cast": cast, "required": required})
    )


def _evaluate_unanimous(
    ballots: Sequence[Ballot],
    setting: VoteSetting,
    outcome: Callable[[bool, int, Message], Outcome],
) -> Outcome:
    entitled = setting.members - setting.excluded
    absent = entitled - setting.present
    consenting = {b.member for b in ballots if b.choice is Choice.YES}
    consenting |= setting.written_consents & absent
    total = len(entitled)
    if consenting >= entitled and total > 0:
        return outcome(
            True,
            total,
            Message(
                gettext_noop("accepted: all %(total)d members consented, unanimity reached"),
                {"total": total},
            ),
        )
    return outcome(
        False,
        total,
        Message(
            gettext_noop(
                "rejected: %(consented)d of %(total)d members consented, the consent of all members is required"
            ),
            {"consented": len(consenting & entitled), "total": total},
        ),
    )


@dataclass(frozen=True)
class CircularResponse:
    """A member's answer in a resolution without a meeting (Umlaufverfahren)."""

    member: str
    choice: Choice
    in_text_form: bool


def evaluate_circular(
    responses: Sequence[CircularResponse],
    members: frozenset[str],
    excluded: frozenset[str] = frozenset(),
) -> Outcome:
    """A resolution without a meeting is valid only if every member consents in text form
    (§ 32 (3) BGB). Answers from non-members or a second answer from a member are refused."""
    seen: set[str] = set()
    for response in responses:
        ballot = Ballot(response.member, response.choice)
        validate_ballot(ballot, VoteSetting(members, members, excluded), seen)
        seen.add(response.member)
    entitled = members - excluded
    consented = {r.member for r in responses if r.choice is Choice.YES and r.in_text_form}
    yes = sum(1 for r in responses if r.choice is Choice.YES)
    no = sum(1 for r in responses if r.choice is Choice.NO)
    abstain = sum(1 for r in responses if r.choice is Choice.ABSTAIN)
    total = len(entitled)
    params = {"consented": len(consented), "total": total}
    if consented >= entitled and total > 0:
        reason = Message(
            gettext_noop(
                "accepted without a meeting: all %(total)d members consented in text form"
            ),
            params,
        )
        return Outcome(True, MajorityRule.UNANIMOUS, yes, no, abstain, 0, total, reason)
    reason = Message(
        gettext_noop(
            "rejected: %(consented)d of %(total)d members consented in text form, a resolution without a meeting needs every member's consent"
        ),
        params,
    )
    return Outcome(False, MajorityRule.UNANIMOUS, yes, no, abstain, 0, total, reason)
