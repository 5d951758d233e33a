from __future__ import annotations

from datetime import UTC, datetime

import pytest

from impulsregion.calendar.domain.types import Window

WIDE = Window(
    start=datetime(1990, 1, 1, tzinfo=UTC), end=datetime(2031, 1, 1, tzinfo=UTC), max_per_event=200
)


@pytest.fixture
def wide_window() -> Window:
    """Wide enough for every date in the third-party corpus, capped at 200 dates per event."""
    return WIDE
