from datetime import date

import pytest

from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.domain.statute import (
    MajorityRule,
    Quorum,
    StatuteRules,
    Subject,
    notice_shortfall,
    required_yes,
)

pytestmark = pytest.mark.domain


@pytest.mark.parametrize(
    ("subject", "rule"),
    [
        pytest.param(Subject.ORDINARY, MajorityRule.SIMPLE, id="ordinary-simple"),
        pytest.param(
            Subject.STATUTE_CHANGE, MajorityRule.THREE_QUARTERS, id="statute-three-quarters"
        ),
        pytest.param(
            Subject.DISSOLUTION, MajorityRule.THREE_QUARTERS, id="dissolution-three-quarters"
        ),
        pytest.param(Subject.CHANGE_OF_PURPOSE, MajorityRule.UNANIMOUS, id="purpose-unanimous"),
    ],
)
def test_statute_rules_default_to_bgb(subject, rule):
    assert StatuteRules(majorities={}).majority_for(subject) == rule


def test_statute_rules_may_deviate():
    rules = StatuteRules(majorities={Subject.ADMISSION: MajorityRule.TWO_THIRDS})

    assert rules.majority_for(Subject.ADMISSION) == MajorityRule.TWO_THIRDS


@pytest.mark.parametrize(
    ("quorum", "members", "needed"),
    [
        pytest.param(Quorum(1, 2, more_than=True), 8, 5, id="more-than-half-of-8"),
        pytest.param(Quorum(1, 2, more_than=True), 7, 4, id="more-than-half-of-7"),
        pytest.param(Quorum(1, 2), 7, 4, id="at-least-half-of-7"),
        pytest.param(Quorum(1, 3), 9, 3, id="at-least-third-of-9"),
        pytest.param(Quorum(0, 1), 9, 0, id="no-quorum"),
    ],
)
def test_quorum_required(quorum, members, needed):
    assert quorum.required(members) == needed


def test_quorum_refuses_fraction_above_one():
    with pytest.raises(RuleError, match="between 0 and 1, not 3/2"):
        Quorum(3, 2)


@pytest.mark.parametrize(
    ("invited", "meeting", "days", "short"),
    [
        pytest.param(date(2025, 3, 1), date(2025, 3, 15), 14, 0, id="exactly-two-weeks"),
        pytest.param(date(2025, 3, 5), date(2025, 3, 15), 14, 4, id="four-days-late"),
    ],
)
def test_notice_shortfall(invited, meeting, days, short):
    assert notice_shortfall(invited, meeting, days) == short


def test_required_yes_refuses_negative():
    with pytest.raises(ValueError, match="negative"):
        required_yes(MajorityRule.SIMPLE, -1)


def test_required_yes_unanimous_is_all_cast():
    assert required_yes(MajorityRule.UNANIMOUS, 5) == 5
