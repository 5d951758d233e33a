import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsregion.agreements.domain.majority import (
    Ballot,
    Choice,
    CircularResponse,
    VoteSetting,
    evaluate_circular,
    evaluate_vote,
)
from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.domain.statute import MajorityRule, Quorum, required_yes

pytestmark = pytest.mark.domain

MEMBERS = tuple(f"M{i}" for i in range(1, 9))
Y, N, A = Choice.YES, Choice.NO, Choice.ABSTAIN


def setting(present: int = 8, **kwargs) -> VoteSetting:
    return VoteSetting(frozenset(MEMBERS), frozenset(MEMBERS[:present]), **kwargs)


def ballots(*choices: Choice) -> list[Ballot]:
    return [Ballot(MEMBERS[i], c) for i, c in enumerate(choices)]


@pytest.mark.parametrize(
    ("choices", "rule", "accepted", "reason"),
    [
        pytest.param(
            [Y] * 6 + [N, A],
            MajorityRule.THREE_QUARTERS,
            True,
            "accepted: 6 of 7 votes cast, three-quarters majority reached",
            id="statute-change-6-1-1-accepted",
        ),
        pytest.param(
            [Y] * 5 + [N, N, A],
            MajorityRule.THREE_QUARTERS,
            False,
            "rejected: 5 of 7 votes cast, three-quarters majority (6) not reached",
            id="statute-change-5-2-1-rejected",
        ),
        pytest.param(
            [Y] * 6 + [N, N],
            MajorityRule.THREE_QUARTERS,
            True,
            "accepted: 6 of 8 votes cast, three-quarters majority reached",
            id="exactly-three-quarters-accepted",
        ),
        pytest.param(
            [Y] * 4 + [N] * 4,
            MajorityRule.SIMPLE,
            False,
            "rejected: 4 of 8 votes cast, simple majority (5) not reached",
            id="simple-tie-rejected",
        ),
        pytest.param(
            [Y, Y, N] + [A] * 5,
            MajorityRule.SIMPLE,
            True,
            "accepted: 2 of 3 votes cast, simple majority reached",
            id="simple-abstentions-not-counted",
        ),
        pytest.param(
            [A] * 8, MajorityRule.SIMPLE, False, "rejected: no votes cast", id="only-abstentions"
        ),
        pytest.param(
            [Y, Y, N],
            MajorityRule.TWO_THIRDS,
            True,
            "accepted: 2 of 3 votes cast, two-thirds majority reached",
            id="two-thirds-exact",
        ),
        pytest.param(
            [Y, N, N],
            MajorityRule.TWO_THIRDS,
            False,
            "rejected: 1 of 3 votes cast, two-thirds majority (2) not reached",
            id="two-thirds-missed",
        ),
    ],
)
def test_evaluate_vote_by_rule(choices, rule, accepted, reason):
    outcome = evaluate_vote(ballots(*choices), setting(), rule)

    assert (outcome.accepted, outcome.reason.text) == (accepted, reason)


def test_evaluate_vote_counts_are_kept():
    outcome = evaluate_vote(ballots(*([Y] * 6 + [N, A])), setting(), MajorityRule.THREE_QUARTERS)

    assert (outcome.yes, outcome.no, outcome.abstain, outcome.cast, outcome.required) == (
        6,
        1,
        1,
        7,
        6,
    )


@pytest.mark.parametrize(
    ("present", "quorum", "accepted", "reason"),
    [
        pytest.param(
            4,
            Quorum(1, 2, more_than=True),
            False,
            "rejected: quorum not reached, 4 of 8 members present or represented, 5 required",
            id="half-is-not-more-than-half",
        ),
        pytest.param(
            5,
            Quorum(1, 2, more_than=True),
            True,
            "accepted: 5 of 5 votes cast, simple majority reached",
            id="more-than-half-present",
        ),
        pytest.param(
            3,
            Quorum(1, 3),
            True,
            "accepted: 3 of 3 votes cast, simple majority reached",
            id="at-least-a-third",
        ),
    ],
)
def test_evaluate_vote_quorum(present, quorum, accepted, reason):
    outcome = evaluate_vote(ballots(*[Y] * present), setting(present), MajorityRule.SIMPLE, quorum)

    assert (outcome.accepted, outcome.reason.text) == (accepted, reason)


@pytest.mark.parametrize(
    ("votes", "vote_setting", "message"),
    [
        pytest.param(
            [Ballot("Stranger", Y)],
            setting(),
            "Stranger is not a member entitled to vote.",
            id="non-member",
        ),
        pytest.param(
            [Ballot("M1", Y), Ballot("M1", N)],
            setting(),
            "M1 has already voted on this resolution.",
            id="twice",
        ),
        pytest.param(
            [Ballot("M8", Y)],
            setting(7),
            "M8 is neither present nor represented at the meeting.",
            id="absent",
        ),
        pytest.param(
            [Ballot("M2", Y)],
            setting(excluded=frozenset({"M2"})),
            "M2 is a party to the contract with the association and may not vote on it (§ 34 BGB).",
            id="own-contract",
        ),
    ],
)
def test_evaluate_vote_refuses_bad_ballots(votes, vote_setting, message):
    with pytest.raises(RuleError) as caught:
        evaluate_vote(votes, vote_setting, MajorityRule.SIMPLE)

    assert str(caught.value) == message


def test_contract_with_member_counts_without_the_party():
    votes = [Ballot(m, Y) for m in MEMBERS[1:4]] + [Ballot(m, N) for m in MEMBERS[4:8]]
    outcome = evaluate_vote(votes, setting(excluded=frozenset({"M1"})), MajorityRule.SIMPLE)

    assert outcome.reason.text == "rejected: 3 of 7 votes cast, simple majority (4) not reached"


@pytest.mark.parametrize(
    ("present", "written", "choices", "accepted", "reason"),
    [
        pytest.param(
            8,
            set(),
            [Y] * 8,
            True,
            "accepted: all 8 members consented, unanimity reached",
            id="all-present-yes",
        ),
        pytest.param(
            6,
            {"M7", "M8"},
            [Y] * 6,
            True,
            "accepted: all 8 members consented, unanimity reached",
            id="absent-consent-in-text-form",
        ),
        pytest.param(
            6,
            {"M7"},
            [Y] * 6,
            False,
            "rejected: 7 of 8 members consented, the consent of all members is required",
            id="one-absent-without-consent",
        ),
        pytest.param(
            8,
            set(),
            [Y] * 7 + [A],
            False,
            "rejected: 7 of 8 members consented, the consent of all members is required",
            id="abstention-blocks",
        ),
    ],
)
def test_change_of_purpose_needs_everyone(present, written, choices, accepted, reason):
    vote_setting = setting(present, written_consents=frozenset(written))
    outcome = evaluate_vote(ballots(*choices), vote_setting, MajorityRule.UNANIMOUS)

    assert (outcome.accepted, outcome.reason.text) == (accepted, reason)


@pytest.mark.parametrize(
    ("responses", "accepted", "reason"),
    [
        pytest.param(
            [CircularResponse(m, Y, True) for m in MEMBERS],
            True,
            "accepted without a meeting: all 8 members consented in text form",
            id="all-in-text-form",
        ),
        pytest.param(
            [CircularResponse(m, Y, m != "M3") for m in MEMBERS],
            False,
            "rejected: 7 of 8 members consented in text form, a resolution without a meeting needs every member's consent",
            id="one-only-by-phone",
        ),
        pytest.param(
            [CircularResponse(m, Y, True) for m in MEMBERS[:7]],
            False,
            "rejected: 7 of 8 members consented in text form, a resolution without a meeting needs every member's consent",
            id="one-missing",
        ),
    ],
)
def test_evaluate_circular(responses, accepted, reason):
    outcome = evaluate_circular(responses, frozenset(MEMBERS))

    assert (outcome.accepted, outcome.reason.text) == (accepted, reason)


def test_evaluate_circular_refuses_second_answer():
    responses = [CircularResponse("M1", Y, True), CircularResponse("M1", N, True)]

    with pytest.raises(RuleError, match=r"M1 has already voted on this resolution\."):
        evaluate_circular(responses, frozenset(MEMBERS))


@given(
    rule=st.sampled_from(
        [MajorityRule.SIMPLE, MajorityRule.TWO_THIRDS, MajorityRule.THREE_QUARTERS]
    ),
    yes=st.integers(0, 40),
    no=st.integers(0, 40),
    extra_yes=st.integers(0, 5),
)
def test_more_yes_votes_never_turn_acceptance_into_rejection(rule, yes, no, extra_yes):
    def decide(y: int) -> bool:
        members = [f"P{i}" for i in range(y + no)]
        votes = [Ballot(m, Y) for m in members[:y]] + [Ballot(m, N) for m in members[y:]]
        vote_setting = VoteSetting(frozenset(members), frozenset(members))
        return evaluate_vote(votes, vote_setting, rule).accepted

    assert not decide(yes) or decide(yes + extra_yes)


@given(cast=st.integers(1, 500))
def test_required_yes_is_the_smallest_sufficient_count(cast):
    for rule, share in [
        (MajorityRule.TWO_THIRDS, (2, 3)),
        (MajorityRule.THREE_QUARTERS, (3, 4)),
    ]:
        needed = required_yes(rule, cast)
        assert needed * share[1] >= share[0] * cast
        assert (needed - 1) * share[1] < share[0] * cast
    assert required_yes(MajorityRule.SIMPLE, cast) * 2 > cast
    assert (required_yes(MajorityRule.SIMPLE, cast) - 1) * 2 <= cast
