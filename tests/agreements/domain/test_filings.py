from datetime import date, timedelta

import pytest

from impulsregion.agreements.domain.filings import (
    Filing,
    FilingState,
    filing_state,
    filings_to_remind,
)

pytestmark = pytest.mark.domain

TODAY = date(2025, 6, 1)
EIGHT_WEEKS = timedelta(weeks=8)


@pytest.mark.parametrize(
    ("filing", "state"),
    [
        pytest.param(Filing(1, date(2025, 6, 30)), FilingState.TO_FILE, id="to-file"),
        pytest.param(Filing(1, date(2025, 5, 31)), FilingState.OVERDUE, id="overdue"),
        pytest.param(Filing(1, date(2025, 5, 1), date(2025, 5, 10)), FilingState.FILED, id="filed"),
        pytest.param(
            Filing(1, date(2025, 3, 1), date(2025, 3, 10)),
            FilingState.AWAITING_REGISTRATION,
            id="filed-long-ago",
        ),
        pytest.param(
            Filing(1, date(2025, 3, 1), date(2025, 3, 10), date(2025, 4, 2)),
            FilingState.REGISTERED,
            id="registered",
        ),
    ],
)
def test_filing_state(filing, state):
    assert filing_state(filing, TODAY, EIGHT_WEEKS) == state


def test_filings_to_remind_selects_and_sorts():
    soon = Filing(1, date(2025, 6, 10))
    later = Filing(2, date(2025, 8, 1))
    overdue = Filing(3, date(2025, 5, 20))
    stale = Filing(4, date(2025, 2, 1), date(2025, 2, 15))
    done = Filing(5, date(2025, 2, 1), date(2025, 2, 15), date(2025, 3, 1))

    reminders = filings_to_remind([soon, later, overdue, stale, done], TODAY)

    assert reminders == [
        (stale, FilingState.AWAITING_REGISTRATION),
        (overdue, FilingState.OVERDUE),
        (soon, FilingState.TO_FILE),
    ]
