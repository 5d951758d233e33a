from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET

import icalendar
import pytest
import recurring_ical_events

from impulsregion.calendar.domain.ical_fast import parse_simple_ics
from impulsregion.calendar.domain.types import BERLIN, Window
from impulsregion.calendar.enums import EventStatus
from impulsregion.calendar.models import Event
from tests.factories.calendar import make_event, make_place, organisation

pytestmark = pytest.mark.integration

SOON = dt.datetime.now(tz=BERLIN).replace(microsecond=0, second=0) + dt.timedelta(days=3)


@pytest.fixture
def calendar_data(db) -> None:
    jena, weimar = organisation("jena", ags="16053000"), organisation("weimar", ags="16055000")
    make_event(
        "Kulturarena", org=jena, place=make_place(), starts=(SOON, SOON + dt.timedelta(days=1))
    )
    make_event("Zwiebelmarkt", org=weimar, starts=(SOON,), status=EventStatus.CANCELLED)


def test_ics_feed_filters_like_the_api_and_parses_in_two_parsers(calendar_data, client) -> None:
    response = client.get("/feeds/events.ics?municipality=jena")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    expanded = recurring_ical_events.of(calendar).between(
        SOON - dt.timedelta(days=1), SOON + dt.timedelta(days=3)
    )

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["SUMMARY"]) for e in events] == ["Kulturarena", "Kulturarena"]
    assert events[0]["DTSTART"].dt == SOON
    assert str(events[0]["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert len(expanded) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("organisation=weimar", ["Zwiebelmarkt"], id="publishing-member"),
        pytest.param("parent={night}", ["Museumsführung"], id="programme-of-an-umbrella"),
    ],
)
def test_ics_feed_takes_the_member_and_programme_filters_of_the_api(
    calendar_data, client, query: str, expected: list[str]
) -> None:
    night = make_event("Museumsnacht", starts=(SOON,))
    make_event("Museumsführung", parent=night, starts=(SOON + dt.timedelta(hours=1),))
    url = "/feeds/events.ics?" + query.format(night=night.pk)

    feed = icalendar.Calendar.from_ical(client.get(url).content)
    api = client.get("/api/v1/events?" + query.format(night=night.pk)).json()

    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == expected
    assert [e["title_de"] for e in api["items"]] == expected


def test_cancelled_events_carry_status_and_sequence_rises_on_change(calendar_data, client) -> None:
    first = icalendar.Calendar.from_ical(
        client.get("/feeds/events.ics?municipality=weimar").content
    )
    event = Event.objects.get(title_de="Zwiebelmarkt")
    event.sequence += 1
    event.title_de = "Zwiebelmarkt 2026"
    event.save()
    second = icalendar.Calendar.from_ical(
        client.get("/feeds/events.ics?municipality=weimar").content
    )

    (before,), (after,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert str(before["STATUS"]) == "CANCELLED"
    assert str(before["UID"]) == str(after["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


@pytest.mark.parametrize(
    "path", ["/feeds/events.ics", "/feeds/events.atom", "/feeds/events.jsonld"]
)
def test_unchanged_feed_answers_304(calendar_data, client, path: str) -> None:
    first = client.get(path)

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert first.status_code == 200
    assert (again.status_code, since.status_code) == (304, 304)


def test_single_event_download(calendar_data, client) -> None:
    event = Event.objects.get(title_de="Kulturarena")

    response = client.get(f"/feeds/events/{event.pk}.ics")

    assert response["Content-Disposition"] == f'attachment; filename="veranstaltung-{event.pk}.ics"'
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 2


def test_feed_reads_the_same_in_our_own_line_reader(calendar_data, client) -> None:
    body = client.get("/feeds/events.ics").content
    window = Window(SOON - dt.timedelta(days=10), SOON + dt.timedelta(days=10))

    ours = parse_simple_ics(body, window=window)
    theirs = icalendar.Calendar.from_ical(body).walk("VEVENT")

    assert ours is not None
    assert sorted(s.start for e in ours.events for s in e.spans) == sorted(
        e["DTSTART"].dt for e in theirs
    )
    assert {e.title_de for e in ours.events} == {"Kulturarena", "Zwiebelmarkt"}


@pytest.mark.parametrize(
    "path", ["/feeds/events.ics", "/feeds/events.atom", "/feeds/events.jsonld"]
)
def test_feeds_go_out_compressed_to_clients_that_take_gzip(calendar_data, client, path) -> None:
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = client.get(path, HTTP_ACCEPT_ENCODING="gzip")

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert b"Kulturarena" in plain.content
    assert len(packed.content) < len(plain.content)
    assert again.content == packed.content  # compressed once, when built: the same bytes
    assert "Content-Encoding" not in plain


def test_control_characters_in_a_teaser_leave_the_atom_feed_well_formed(db, client) -> None:
    make_event("Lesung\x0b", starts=(SOON,), short_de="Kurz\x01text\x1b[31m")

    response = client.get("/feeds/events.atom")

    entry = ET.fromstring(response.content).find("{http://www.w3.org/2005/Atom}entry")
    assert response.status_code == 200
    assert entry is not None
    assert entry.findtext("{http://www.w3.org/2005/Atom}summary") == "Kurztext[31m"
