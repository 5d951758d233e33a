"""Register filings (Vereinsregister): what is open, what is overdue, whom to remind.

Changes of the board (§ 67 BGB) and of the statute (§ 71 BGB) must be filed with the
register court; a statute change only takes effect once registered. The office records the
resolution date, a due date for the filing, the filing date and the registration date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class FilingState(StrEnum):
    TO_FILE = "to_file"
    OVERDUE = "overdue"
    FILED = "filed"
    AWAITING_REGISTRATION = "awaiting_registration"
    REGISTERED = "registered"


@dataclass(frozen=True)
class Filing:
    key: int
    due_on: date
    filed_on: date | None = None
    registered_on: date | None = None


def filing_state(filing: Filing, today: date, follow_up_after: timedelta) -> FilingState:
    """The state of a filing on ``today``; a filing unregistered ``follow_up_after`` the
    filing date needs a follow-up with the court."""
    if filing.registered_on is not None:
        return FilingState.REGISTERED
    if filing.filed_on is not None:
        if today - filing.filed_on > follow_up_after:
            return FilingState.AWAITING_REGISTRATION
        return FilingState.FILED
    if today > filing.due_on:
        return FilingState.OVERDUE
    return FilingState.TO_FILE


def filings_to_remind(
    filings: Iterable[Filing],
    today: date,
    lead_time: timedelta = timedelta(days=14),
    follow_up_after: timedelta = timedelta(weeks=8),
) -> list[tuple[Filing, FilingState]]:
    """Filings the office must act on: due within ``lead_time``, overdue, or filed long ago
    without registration. Sorted by due date."""
    result: list[tuple[Filing, FilingState]] = []
    act_now = {FilingState.OVERDUE, FilingState.AWAITING_REGISTRATION}
    for filing in filings:
        state = filing_state(filing, today, follow_up_after)
        due_soon = state is FilingState.TO_FILE and filing.due_on - today <= lead_time
        if state in act_now or due_soon:
            result.append((filing, state))
    return sorted(result, key=lambda item: (item[0].due_on, item[0].key))
