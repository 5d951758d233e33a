import datetime as dt

import pytest

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import RegisterFiling, Resolution, Vote
from impulsregion.agreements.services.resolutions import (
    create_resolution,
    decide_resolution,
    record_vote,
)
from tests.factories.agreements import (
    make_agenda_item,
    make_assembly,
    make_resolution,
)
from tests.factories.region import make_organisation

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("english")]


@pytest.fixture
def assembly(db):
    return make_assembly(8, "3", title_de="Satzungsänderung")


def _vote(resolution, members, choices):
    for member, choice in zip(members, choices, strict=True):
        record_vote(resolution=resolution, organisation=member, choice=choice)


@pytest.mark.parametrize(
    ("choices", "accepted", "reason_en", "reason_de"),
    [
        pytest.param(
            ["yes"] * 6 + ["no", "abstain"],
            True,
            "accepted: 6 of 7 votes cast, three-quarters majority reached",
            "angenommen: 6 von 7 abgegebenen Stimmen, Dreiviertelmehrheit erreicht",
            id="6-1-1-accepted",
        ),
        pytest.param(
            ["yes"] * 5 + ["no", "no", "abstain"],
            False,
            "rejected: 5 of 7 votes cast, three-quarters majority (6) not reached",
            "abgelehnt: 5 von 7 abgegebenen Stimmen, Dreiviertelmehrheit (6) nicht erreicht",
            id="5-2-1-rejected",
        ),
    ],
)
def test_decide_statute_change_stores_result_and_reason(
    assembly, choices, accepted, reason_en, reason_de
):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item)
    _vote(resolution, members, choices)

    decided = decide_resolution(resolution=resolution)

    stored = Resolution.objects.get(pk=decided.pk)
    assert (stored.decided, stored.accepted, stored.rule_applied) == (
        True,
        accepted,
        "three_quarters",
    )
    assert (stored.reason_en, stored.reason_de) == (reason_en, reason_de)
    assert stored.decided_on == meeting.starts_at.date()


def test_record_vote_refuses_non_member(assembly):
    meeting, item, _members = assembly
    resolution = make_resolution(meeting, item)
    stranger = make_organisation("gotha", name="Stadt Gotha")

    with pytest.raises(AgreementsError, match="Stadt Gotha is not a member entitled to vote"):
        record_vote(resolution=resolution, organisation=stranger, choice="yes")

    assert Vote.objects.count() == 0


def test_record_vote_refuses_second_vote(assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item)
    record_vote(resolution=resolution, organisation=members[0], choice="yes")

    with pytest.raises(AgreementsError, match="Mitglied 1 has already voted on this resolution"):
        record_vote(resolution=resolution, organisation=members[0], choice="no")

    assert list(Vote.objects.values_list("choice", flat=True)) == ["yes"]


def test_record_vote_refuses_party_to_contract(assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item, subject="contract_with_member")
    resolution.contract_parties.set([members[1]])

    with pytest.raises(
        AgreementsError, match=r"Mitglied 2 is a party to the contract .* \(§ 34 BGB\)"
    ):
        record_vote(resolution=resolution, organisation=members[1], choice="yes")

    assert Vote.objects.count() == 0


def test_create_resolution_refuses_item_not_in_invitation(assembly):
    meeting, _item, _members = assembly
    late = make_agenda_item(meeting, "9", in_invitation=False, title_de="Verschiedenes")

    with pytest.raises(AgreementsError, match="Agenda item 9 was not in the invitation"):
        create_resolution(
            number="MV-2025-9",
            title_de="Spontaner Beschluss",
            motion_de="…",
            subject="ordinary",
            statute=meeting.statute,
            meeting=meeting,
            agenda_item=late,
        )

    assert Resolution.objects.count() == 0


def test_decide_resolution_refuses_second_decision(assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item)
    _vote(resolution, members, ["yes"] * 8)
    decide_resolution(resolution=resolution)

    with pytest.raises(AgreementsError, match="MV-2025-1 is already decided"):
        decide_resolution(resolution=resolution)


def test_circular_resolution_needs_everyone_in_text_form(assembly):
    meeting, _item, members = assembly
    resolution = create_resolution(
        number="UV-2025-1",
        title_de="Umlaufbeschluss",
        motion_de="…",
        subject="ordinary",
        statute=meeting.statute,
    )
    for member in members[:7]:
        record_vote(resolution=resolution, organisation=member, choice="yes", in_text_form=True)
    record_vote(resolution=resolution, organisation=members[7], choice="yes", in_text_form=False)

    decided = decide_resolution(resolution=resolution)

    assert (decided.accepted, decided.reason_en) == (
        False,
        "rejected: 7 of 8 members consented in text form, a resolution without a meeting needs every member's consent",
    )


def test_accepted_statute_change_creates_register_filing(assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item, title_de="Änderung § 5")
    _vote(resolution, members, ["yes"] * 8)

    decide_resolution(resolution=resolution)

    filing = RegisterFiling.objects.get()
    assert (filing.kind, filing.description, filing.due_on) == (
        "statute_change",
        "MV-2025-1: Änderung § 5",
        dt.date(2025, 6, 17),
    )


def test_rejected_statute_change_needs_no_filing(assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item)
    _vote(resolution, members, ["yes"] * 5 + ["no", "no", "abstain"])

    decide_resolution(resolution=resolution)

    assert RegisterFiling.objects.count() == 0
