"""Links and one-line fields from hostile sources (#14, points 1 and 3): a line break in a
feed's URL cannot forge events in our public iCalendar feed, and `javascript:` links reach no
page, feed or API answer, whether they come through an import or the write API."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.importing import import_events
from impulsregion.calendar.services.tokens import issue_api_token
from tests.factories.calendar import organisation, trust

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
START = dt.datetime(2027, 3, 14, 20, 0, tzinfo=BERLIN)


def _feed(url_line: str, *, organiser: str = "") -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hostile//DE",
        "BEGIN:VEVENT",
        "UID:hostile-1@example.org",
        "DTSTAMP:20261201T100000Z",
        "SUMMARY:Orgelkonzert",
        "LOCATION:Stadtkirche St. Michael\\, Kirchplatz 1\\, 07743 Jena",  # published at once
        "DTSTART;TZID=Europe/Berlin:20270314T200000",
        "DTEND;TZID=Europe/Berlin:20270314T220000",
        url_line,
    ]
    if organiser:
        lines.append(organiser)
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


FORGERY = (
    "URL:https://evil.example/\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:forged@x\\n"
    "SUMMARY:GEFAELSCHT: Krämerbrückenfest abgesagt\\nDTSTART:20270620T100000Z\\n"
    "BEGIN:VALARM\\nACTION:DISPLAY\\nEND:VALARM"
)


def _import(data: bytes) -> None:
    jena = organisation("jena", ags="16053000")
    trust(jena)
    import_events(documents=[data], source_format="ics", organisation=jena, source_key="t", now=NOW)


def test_a_line_break_in_a_feeds_url_forges_nothing_in_our_feed(client) -> None:
    _import(_feed(FORGERY, organiser="ORGANIZER;CN=Kulturamt\\nBEGIN:VALARM:mailto:a@b.de"))

    body = client.get("/feeds/events.ics").content
    calendar = icalendar.Calendar.from_ical(body)

    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Orgelkonzert"]
    assert not calendar.walk("VALARM")
    assert b"GEFAELSCHT" not in body
    event = Event.objects.get()
    assert "\n" not in event.url + event.organiser


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "ftp://files.example/x"],
)
def test_no_other_link_than_http_reaches_the_page_or_the_feed(client, link) -> None:
    _import(_feed(f"URL:{link}"))

    event = Event.objects.get()
    page = client.get(event.get_absolute_url()).content.decode()
    feed = client.get("/feeds/events.ics").content.decode()

    assert event.url == ""
    assert link.split(":")[0] + ":" not in page.replace("https:", "").replace("http:", "")
    assert "URL:" + link not in feed


def test_stored_links_from_before_the_rule_are_not_shown(client) -> None:
    _import(_feed("URL:https://orgel.example/konzert"))
    Event.objects.update(url="javascript:alert(1)", ticket_url="javascript:alert(2)")
    event = Event.objects.get()

    page = client.get(event.get_absolute_url()).content.decode()
    feed = client.get("/feeds/events.ics").content.decode()
    api = client.get(f"/api/v1/events/{event.pk}").json()

    assert "javascript:" not in page
    assert "javascript:" not in feed
    assert "javascript:" not in json.dumps(api)


def test_the_write_api_refuses_links_that_are_not_http_and_multi_line_organisers(
    client, editor_user
) -> None:
    jena = organisation("jena", ags="16053000")
    _token, key = issue_api_token(
        organisation=jena, user=editor_user(jena), name="t", acting_user=editor_user(jena, "chef")
    )
    base = {"title_de": "Lesung", "occurrences": [{"start": START.isoformat()}]}

    def post(**fields: str) -> int:
        return client.post(
            "/api/v1/events",
            json.dumps({**base, **fields}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        ).status_code

    assert post(url="javascript:alert(1)") == 422
    assert post(url="https://evil.example/\nBEGIN:VEVENT") == 422
    assert post(ticket_url="data:text/html,x") == 422
    assert post(organiser="Kulturamt\nBEGIN:VALARM") == 422
    assert not Event.objects.exists()
    assert post(url="https://lesung.example/", ticket_url="HTTPS://karten.example/1") == 201
