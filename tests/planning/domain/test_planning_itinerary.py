from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from impulsregion.planning.domain.itinerary import (
    ProgrammeItem,
    itinerary_ics,
    plan_route,
    travel_minutes,
)

pytestmark = pytest.mark.domain

BERLIN = ZoneInfo("Europe/Berlin")


def item(
    key: str, start: str, end: str, venue: str = "angermuseum", town: str = "Erfurt"
) -> ProgrammeItem:
    day = "2027-05-08T"
    return ProgrammeItem(
        key=key,
        title=f"Führung {key}",
        venue_key=venue,
        venue_name=venue.title(),
        town=town,
        start=datetime.fromisoformat(day + start).replace(tzinfo=BERLIN),
        end=datetime.fromisoformat(day + end).replace(tzinfo=BERLIN),
    )


def test_overlapping_picks_are_pointed_out() -> None:
    a, b, c = (
        item("a", "19:00", "20:00"),
        item("b", "19:30", "20:30", "bauhaus", "Weimar"),
        item("c", "21:00", "22:00"),
    )

    plan = plan_route([c, b, a])

    assert [i.key for i in plan.items] == ["a", "b", "c"]
    assert [(o.first.key, o.second.key, o.minutes) for o in plan.overlaps] == [("a", "b", 30)]


def test_tight_transfer_between_towns() -> None:
    plan = plan_route(
        [item("a", "19:00", "20:00"), item("b", "20:15", "21:00", "bauhaus", "Weimar")]
    )
    assert [(t.gap_minutes, t.needed_minutes) for t in plan.tight_transfers] == [(15, 45)]
    assert plan.overlaps == ()


@pytest.mark.parametrize(
    ("other", "known", "expected"),
    [
        pytest.param(("angermuseum", "Erfurt"), None, 0, id="same-venue"),
        pytest.param(("domplatz", "Erfurt"), None, 15, id="same-town"),
        pytest.param(("bauhaus", "Weimar"), None, 45, id="other-town"),
        pytest.param(
            ("bauhaus", "Weimar"),
            {frozenset({"angermuseum", "bauhaus"}): 30},
            30,
            id="shuttle-known",
        ),
    ],
)
def test_travel_minutes(
    other: tuple[str, str], known: dict[frozenset[str], int] | None, expected: int
) -> None:
    a = item("a", "19:00", "20:00")
    b = item("b", "21:00", "22:00", *other)
    assert travel_minutes(a, b, known) == expected


def test_itinerary_ics_round_trips_with_time_zone() -> None:
    plan = plan_route([item("a", "19:00", "20:00"), item("b", "21:00", "22:00")])
    data = itinerary_ics(
        plan,
        name="Meine Museumsnacht",
        uid_domain="impulsregion.de",
        stamp=datetime(2027, 1, 1, tzinfo=BERLIN),
    )

    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [
        "programme-a@impulsregion.de",
        "programme-b@impulsregion.de",
    ]
    assert events[0].decoded("dtstart") == datetime(2027, 5, 8, 19, 0, tzinfo=BERLIN)
    assert str(calendar["x-wr-calname"]) == "Meine Museumsnacht"
