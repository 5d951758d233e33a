from __future__ import annotations

import pytest

from impulsregion.transit.queries import forget_tariff
from impulsregion.transit.services import load_tariff


@pytest.fixture
def tariff_db(db):
    """The shipped tariff loaded into the test database, with a fresh process cache."""
    forget_tariff()
    report = load_tariff()
    yield report
    forget_tariff()
