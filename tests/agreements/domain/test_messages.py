import pytest

from impulsregion.agreements.domain.messages import Message, RuleError

pytestmark = pytest.mark.domain


def test_message_fills_parameters():
    message = Message("%(member)s voted %(count)d times", {"member": "Erfurt", "count": 2})

    assert (message.text, str(message)) == ("Erfurt voted 2 times", "Erfurt voted 2 times")


def test_rule_error_carries_message():
    error = RuleError("%(party)s appears more than once.", party="Weimar")

    assert (str(error), error.message.params) == (
        "Weimar appears more than once.",
        {"party": "Weimar"},
    )
