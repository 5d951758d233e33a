"""Values out of range from anyone on the internet (#14, point 6) get a clear 4xx, never a
server error: ids beyond 64 bits, years 1 and 9999, a year 99999."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HUGE = str(2**63)
SURFACES = [
    "/api/v1/events",
    "/kalender/",
    "/feeds/events.ics",
    "/feeds/events.atom",
    "/feeds/events.jsonld",
]
QUERIES = [
    f"parent={HUGE}",
    "parent=99999999999999999999999",
    "start=0001-01-01",
    "end=9999-12-31",
    "start=9999-12-31",
]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("query", QUERIES)
def test_values_out_of_range_get_no_server_error(client, surface, query) -> None:
    response = client.get(f"{surface}?{query}")

    assert response.status_code < 500, (surface, query, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/planung/99999.csv",
        "/planung/0.csv",
        "/jahresueberblick/99999/",
        "/kalender/monat/99999/1/",
    ],
)
def test_years_out_of_range_are_not_found(client, path) -> None:
    assert client.get(path).status_code == 404
