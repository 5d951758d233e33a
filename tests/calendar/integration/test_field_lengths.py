"""Texts longer than their columns (#14, point 5): the record is rejected with its reason before
anything is written, the same on PostgreSQL (which would refuse the row and abort the whole
import) and on SQLite (which would store it); nothing is cut silently."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from impulsregion.calendar.domain.limits import EVENT_LIMITS, PLACE_LIMITS, PRICE_LIMITS
from impulsregion.calendar.models import Event, ImportRun, Place, SourceRecord
from impulsregion.calendar.services.importing import import_events
from tests.factories.calendar import organisation, trust

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
LONG_URL = "https://kultur.example/" + "a" * 600


def _event(uid: str, *lines: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261201T100000Z",
        "SUMMARY:Konzert " + uid[:20],
        "DTSTART;TZID=Europe/Berlin:20270314T200000",
        *lines,
        "END:VEVENT",
    ]


def _calendar(*events: list[str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//lang//DE"]
    for event in events:
        lines += event
    return "\r\n".join([*lines, "END:VCALENDAR", ""]).encode()


def test_the_limits_are_the_columns() -> None:
    columns = {f.name: f.max_length for f in Event._meta.fields}
    places = {f.name: f.max_length for f in Place._meta.fields}
    prices = {"text": "price_text", "ticket_url": "ticket_url", "currency": "currency"}

    assert {name: columns[name] for name in EVENT_LIMITS} == EVENT_LIMITS
    assert {name: columns[prices[name]] for name in PRICE_LIMITS} == PRICE_LIMITS
    assert {name: places[name] for name in PLACE_LIMITS} == PLACE_LIMITS
    assert SourceRecord._meta.get_field("external_id").max_length == 255


def test_overlong_texts_reject_their_event_and_keep_the_others() -> None:
    jena = organisation("jena", ags="16053000")
    trust(jena)
    source = _calendar(
        _event("gut", "LOCATION:Volkshaus Jena, Carl-Zeiß-Platz 15, 07743 Jena"),
        _event("ort", "LOCATION:" + "Großer Saal " * 25),  # 300 characters
        _event("veranstalter", "ORGANIZER;CN=" + "Kulturverein " * 20 + ":mailto:a@b.de"),
        _event("link", "URL:" + LONG_URL),
        _event("x" * 300),  # a long UID is an id, not a text: kept whole by a digest
        _event("x" * 299 + "y"),
    )

    with translation.override("de"):
        report = import_events(
            documents=[source], source_format="ics", organisation=jena, source_key="k", now=NOW
        )

    assert report.created == 3
    reasons = dict(report.rejected)
    assert reasons == {
        "ort": "Das Feld „Veranstaltungsort“ hat 299 Zeichen; erlaubt sind höchstens 200.",
        "veranstalter": "Das Feld „Veranstalter“ hat 259 Zeichen; erlaubt sind höchstens 200.",
        "link": "Das Feld „Website“ hat 623 Zeichen; erlaubt sind höchstens 500.",
    }
    assert ImportRun.objects.get().rejected == 3
    assert sorted(len(r.external_id) for r in SourceRecord.objects.all()) == [3, 255, 255]
    assert len(set(SourceRecord.objects.values_list("external_id", flat=True))) == 3


def test_a_long_teaser_is_shortened_visibly_at_a_word() -> None:
    jena = organisation("jena", ags="16053000")
    trust(jena)
    words = "Ein Abend mit Liedern von Schubert und Brahms. " * 10
    source = _calendar(_event("lang", "DESCRIPTION:" + words))

    import_events(
        documents=[source], source_format="ics", organisation=jena, source_key="k", now=NOW
    )

    short = Event.objects.get().short_de
    assert len(words) > 300
    assert len(short) <= 300
    assert short.endswith("…")
    assert words.startswith(short.removesuffix("…"))
