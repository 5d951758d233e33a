"""The compiled tariff data in transit/data is consistent."""

from __future__ import annotations

import pytest

from impulsregion.transit.domain.datafiles import read_tariff_data
from impulsregion.transit.domain.prices import overlapping_versions

pytestmark = pytest.mark.domain


def test_shipped_data_is_consistent():
    data = read_tariff_data()
    tariff = data.tariff()
    network = tariff.network

    verified = [row for rows in data.prices.values() for row in rows if not row.illustrative]
    assert len(verified) == 14
    assert overlapping_versions(data.versions) == []
    assert set(data.prices) == {v.valid_from for v in data.versions}
    assert all(network.zone_path("10", code) for code in network.zones)  # one connected graph
    assert [p.code for p in tariff.products] == [
        "single",
        "four_trip",
        "day",
        "group_day",
        "hopper_single",
        "hopper_return",
        "week",
        "month",
    ]
    assert {s.key for s in network.stops.values() if not s.zones} == {
        "naumburg",
        "leipzig-hbf",
        "halle-hbf",
    }
    assert data.zone_notes["531"][0] is False
