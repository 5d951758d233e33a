"""Resolutions: record votes, evaluate them by the statute, store result and reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from impulsregion.agreements.domain.majority import (
    Ballot,
    CircularResponse,
    Outcome,
    VoteSetting,
    evaluate_circular,
    evaluate_vote,
    validate_ballot,
)
from impulsregion.agreements.domain.majority import Choice as DomainChoice
from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.domain.statute import StatuteRules
from impulsregion.agreements.domain.statute import Subject as DomainSubject
from impulsregion.agreements.enums import AttendanceState, FilingKind, Procedure, Subject
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import (
    AgendaItem,
    Meeting,
    RegisterFiling,
    Resolution,
    Statute,
    Vote,
)
from impulsregion.agreements.queries import voting_members
from impulsregion.agreements.texts import error_text, render_in
from impulsregion.region.models import Organisation

FILING_DUE_DAYS = 28
"""The office's own target for filing with the register court after the resolution."""

FILING_KINDS = {
    Subject.STATUTE_CHANGE: FilingKind.STATUTE_CHANGE,
    Subject.DISSOLUTION: FilingKind.DISSOLUTION,
    Subject.ELECTION: FilingKind.BOARD_CHANGE,
}


def check_agenda_item(meeting: Meeting | None, agenda_item: AgendaItem | None) -> None:
    """A resolution in a meeting must be taken on an item of that meeting's invitation."""
    if meeting is None:
        return
    if agenda_item is None:
        raise AgreementsError(
            _("Choose the agenda item the resolution is taken on."), field="agenda_item"
        )
    if agenda_item.meeting_id != meeting.pk:
        raise AgreementsError(
            _("Agenda item %(item)s belongs to another meeting.") % {"item": agenda_item.number},
            field="agenda_item",
        )
    if not agenda_item.in_invitation:
        raise AgreementsError(
            _(
                "Agenda item %(item)s was not in the invitation; a resolution can only be taken on an item that was announced."
            )
            % {"item": agenda_item.number},
            field="agenda_item",
        )


@transaction.atomic
def create_resolution(
    *,
    number: str,
    title_de: str,
    motion_de: str,
    subject: str,
    statute: Statute,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    contract_parties: list[Organisation] | None = None,
    user: Any = None,
    **fields: Any,
) -> Resolution:
    check_agenda_item(meeting, agenda_item)
    if Resolution.objects.filter(number=number).exists():
        raise AgreementsError(
            _("A resolution numbered %(number)s already exists.") % {"number": number},
            field="number",
        )
    procedure = Procedure.MEETING if meeting else Procedure.CIRCULAR
    resolution = Resolution.objects.create(
        number=number,
        title_de=title_de,
        motion_de=motion_de,
        subject=subject,
        statute=statute,
        meeting=meeting,
        agenda_item=agenda_item,
        procedure=procedure,
        **fields,
    )
    if contract_parties:
        resolution.contract_parties.set(contract_parties)
    return resolution


def _decision_date(resolution: Resolution, today: dt.date | None) -> dt.date:
    if resolution.meeting is not None:
        return resolution.meeting.starts_at.date()
    return today or dt.date.today()  # noqa: DTZ011 -- only a fallback for callers without "today"


def _setting(resolution: Resolution, on: dt.date) -> VoteSetting:
    members = frozenset(o.name for o in voting_members(on))
    present: frozenset[str] = members
    if resolution.meeting is not None:
        present = frozenset(
            resolution.meeting.attendances.filter(
                state__in=[AttendanceState.PRESENT, AttendanceState.PROXY]
            ).values_list("organisation__name", flat=True)
        )
    excluded = frozenset(resolution.contract_parties.values_list("name", flat=True))
    written = frozenset(
        resolution.votes.filter(in_text_form=True, choice="yes").values_list(
            "organisation__name", flat=True
        )
    )
    return VoteSetting(members, present, excluded, written)


def _ballots(resolution: Resolution) -> list[Ballot]:
    return [
        Ballot(name, DomainChoice(choice))
        for name, choice in resolution.votes.values_list("organisation__name", "choice")
    ]


def check_vote(
    *,
    resolution: Resolution,
    organisation: Organisation,
    choice: str,
    in_text_form: bool = False,
    today: dt.date | None = None,
) -> None:
    """Refuse a vote that may not be recorded (see ``domain.majority.validate_ballot``)."""
    if resolution.decided:
        raise AgreementsError(
            _("Resolution %(number)s is already decided.") % {"number": resolution.number}
        )
    on = _decision_date(resolution, today)
    setting = _setting(resolution, on)
    if resolution.procedure == Procedure.CIRCULAR or in_text_form:
        # answers in text form count whether or not the member was at a meeting
        setting = VoteSetting(setting.members, setting.members | setting.present, setting.excluded)
    voted = set(resolution.votes.values_list("organisation__name", flat=True))
    try:
        validate_ballot(Ballot(organisation.name, DomainChoice(choice)), setting, voted)
    except RuleError as error:
        raise AgreementsError(error_text(error), field="organisation") from error


@transaction.atomic
def record_vote(
    *,
    resolution: Resolution,
    organisation: Organisation,
    choice: str,
    in_text_form: bool = False,
    received_on: dt.date | None = None,
    user: Any = None,
    today: dt.date | None = None,
) -> Vote:
    """Record one member's vote; refuses non-members, second votes, absent or excluded members."""
    check_vote(
        resolution=resolution,
        organisation=organisation,
        choice=choice,
        in_text_form=in_text_form,
        today=today,
    )
    return Vote.objects.create(
        resolution=resolution,
        organisation=organisation,
        choice=choice,
        in_text_form=in_text_form,
        received_on=received_on,
    )


def evaluate(resolution: Resolution, today: dt.date | None = None) -> Outcome:
    """The outcome of the recorded votes, without storing it."""
    on = _decision_date(resolution, today)
    rules = resolution.statute.rules()
    subject = DomainSubject(resolution.subject)
    try:
        if resolution.procedure == Procedure.CIRCULAR:
            responses = [
                CircularResponse(name, DomainChoice(choice), text)
                for name, choice, text in resolution.votes.values_list(
                    "organisation__name", "choice", "in_text_form"
                )
            ]
            setting = _setting(resolution, on)
            return evaluate_circular(responses, setting.members, setting.excluded)
        setting = _setting(resolution, on)
        # absent members' answers in text form count only as written consents (unanimity)
        in_meeting = [b for b in _ballots(resolution) if b.member in setting.present]
        return evaluate_vote(in_meeting, setting, rules.majority_for(subject), rules.quorum)
    except RuleError as error:
        raise AgreementsError(error_text(error)) from error


@transaction.atomic
def decide_resolution(
    *, resolution: Resolution, user: Any = None, today: dt.date | None = None
) -> Resolution:
    """Evaluate the votes and store the result with its reason in German and English."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if resolution.decided:
        raise AgreementsError(
            _("Resolution %(number)s is already decided.") % {"number": resolution.number}
        )
    outcome = evaluate(resolution, today)
    resolution.decided = True
    resolution.accepted = outcome.accepted
    resolution.rule_applied = outcome.rule.value
    resolution.yes_count, resolution.no_count, resolution.abstain_count = (
        outcome.yes,
        outcome.no,
        outcome.abstain,
    )
    resolution.reason_de = render_in(outcome.reason, "de")
    resolution.reason_en = render_in(outcome.reason, "en")
    resolution.decided_on = _decision_date(resolution, today)
    resolution.save()
    if resolution.accepted and resolution.subject in FILING_KINDS:
        RegisterFiling.objects.create(
            kind=FILING_KINDS[resolution.subject],
            description=f"{resolution.number}: {resolution.title_de}"[:300],
            resolution=resolution,
            due_on=resolution.decided_on + dt.timedelta(days=FILING_DUE_DAYS),
        )
    return resolution


def evaluate_counts(
    *,
    subject: str,
    yes: int,
    no: int,
    abstain: int,
    members: int,
    present: int | None = None,
    written_consents: int = 0,
    statute: Statute | None = None,
) -> Outcome:
    """Evaluate a vote given only as counts (API and command line), by ``statute`` or the BGB."""
    present = members if present is None else present
    if yes + no + abstain > present:
        raise AgreementsError(
            _("%(votes)d votes were cast but only %(present)d members are present.")
            % {"votes": yes + no + abstain, "present": present},
            field="present",
        )
    if present > members:
        raise AgreementsError(
            _("%(present)d members cannot be present when the association has %(members)d.")
            % {"present": present, "members": members},
            field="present",
        )
    names = [f"member {i + 1}" for i in range(members)]
    choices = [DomainChoice.YES] * yes + [DomainChoice.NO] * no + [DomainChoice.ABSTAIN] * abstain
    ballots = [Ballot(name, choice) for name, choice in zip(names, choices, strict=False)]
    absent = names[present:]
    setting = VoteSetting(
        frozenset(names),
        frozenset(names[:present]),
        frozenset(),
        frozenset(absent[:written_consents]),
    )
    rules = statute.rules() if statute else StatuteRules()
    return evaluate_vote(ballots, setting, rules.majority_for(DomainSubject(subject)), rules.quorum)
