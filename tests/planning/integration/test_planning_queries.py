from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from impulsregion.planning.queries import Relevance, clash_context, occurrence_days
from tests.factories.planning import make_event, make_place, make_region_towns

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        pytest.param(
            datetime(2027, 5, 15, 18, 0, tzinfo=BERLIN),
            datetime(2027, 5, 16, 1, 0, tzinfo=BERLIN),
            False,
            (date(2027, 5, 15), date(2027, 5, 15)),
            id="night-belongs-to-evening",
        ),
        pytest.param(
            datetime(2027, 5, 15, 18, 0, tzinfo=BERLIN),
            datetime(2027, 5, 16, 9, 0, tzinfo=BERLIN),
            False,
            (date(2027, 5, 15), date(2027, 5, 16)),
            id="into-next-morning",
        ),
        pytest.param(
            datetime(2027, 6, 18, tzinfo=BERLIN),
            datetime(2027, 6, 21, tzinfo=BERLIN),
            True,
            (date(2027, 6, 18), date(2027, 6, 20)),
            id="all-day-exclusive-end",
        ),
        pytest.param(
            datetime(2027, 6, 18, 20, tzinfo=BERLIN),
            None,
            False,
            (date(2027, 6, 18), date(2027, 6, 18)),
            id="no-end",
        ),
    ],
)
def test_occurrence_days(
    start: datetime, end: datetime | None, all_day: bool, expected: tuple[date, date]
) -> None:
    assert occurrence_days(start, end, all_day) == expected


def _count(client, path, params):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        pytest.param(
            "/api/v1/coordination/clashes",
            {"start": "2027-06-19", "municipality": "weimar", "visitors": 20000},
            id="clashes-api",
        ),
        pytest.param(
            "/api/v1/coordination/suggestions",
            {"from": "2027-06-01", "to": "2027-06-30", "days": 2, "municipality": "weimar"},
            id="suggestions-api",
        ),
        pytest.param("/planung/", {"year": 2027}, id="overview-page"),
    ],
)
def test_query_count_does_not_grow_with_events(client, path, params) -> None:  # type: ignore[no-untyped-def]
    towns = make_region_towns()
    place = make_place("Domplatz", towns["erfurt"])
    make_event(
        "Eins",
        start=date(2027, 6, 19),
        place=place,
        expected_visitors=50_000,
        categories=("festival",),
    )
    one = _count(client, path, params)
    make_event(
        "Zwei",
        start=date(2027, 6, 19),
        place=place,
        expected_visitors=50_000,
        categories=("concert",),
    )
    make_event("Drei", start=date(2027, 6, 20), place=place, expected_visitors=50_000)
    assert _count(client, path, params) == one


@pytest.mark.parametrize(
    ("last", "path"),
    [
        pytest.param(date(2027, 6, 30), "start-index", id="short-window"),
        pytest.param(date(2027, 12, 31), "candidate-events", id="long-window"),
    ],
)
def test_relevant_bookings_are_the_same_for_short_and_long_windows(last: date, path: str) -> None:

    towns = make_region_towns()
    place = make_place("Domplatz", towns["erfurt"])
    make_event("Groß", start=date(2027, 6, 19), place=place, expected_visitors=50_000)
    make_event(
        "Markiert", start=date(2027, 6, 19), place=place, expected_visitors=100, is_major_event=True
    )
    make_event(
        "Gleiche Sparte",
        start=date(2027, 6, 20),
        place=make_place("Theater", towns["weimar"]),
        categories=("theatre",),
    )
    make_event("Klein", start=date(2027, 6, 20), place=place, expected_visitors=100)
    make_event(
        "Zurückgezogen",
        start=date(2027, 6, 19),
        place=place,
        expected_visitors=90_000,
        withdrawn_at=timezone.now(),
    )
    relevance = Relevance(10_000, municipality="weimar", categories=frozenset({"theatre"}))

    context = clash_context(date(2027, 6, 1), last, internal=False, relevance=relevance)

    assert sorted(b.title for b in context.bookings) == ["Gleiche Sparte", "Groß", "Markiert"]
