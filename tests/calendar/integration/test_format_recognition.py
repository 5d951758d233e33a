"""`impulsregion import-events` without --format: the format is recognised from the content, and
a file that is none of the formats is refused with a German sentence, nothing written."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from impulsregion.calendar.models import Event, SourceRecord
from tests.factories.calendar import organisation

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _import(path: Path) -> str:
    out = StringIO()
    call_command("import_events", str(path), "--organisation", "jena", "-v", "0", stdout=out)
    return out.getvalue()


def test_files_are_imported_in_the_format_their_content_has(tmp_path: Path) -> None:
    organisation("jena")
    sheet = tmp_path / "spielplan.txt"  # the name says nothing
    sheet.write_text(
        "id;title_de;start_date;venue;postal_code\nk1;Konzert;24.12.2027;Volkshaus;07743\n"
    )
    calendar = tmp_path / "export"
    calendar.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:l1\r\n"
        b"DTSTART;TZID=Europe/Berlin:20271224T180000\r\nSUMMARY:Lesung\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )

    _import(sheet)
    _import(calendar)

    assert sorted(SourceRecord.objects.values_list("source_format", "external_id")) == [
        ("csv", "k1"),
        ("ics", "l1"),
    ]


def test_a_web_page_is_refused_with_a_sentence_and_writes_nothing(tmp_path: Path) -> None:
    organisation("jena")
    page = tmp_path / "programm.ics"
    page.write_bytes(b"<!DOCTYPE html><html><title>Programm</title></html>")

    with pytest.raises(CommandError) as error:
        _import(page)

    assert "Webseite" in str(error.value)
    assert not Event.objects.exists()
