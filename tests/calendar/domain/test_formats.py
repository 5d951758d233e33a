"""The import format is recognised from the content, for every real sample we have, and a file
that is none of them says what it looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from impulsregion.calendar.domain.formats import Unrecognised, recognise

pytestmark = pytest.mark.domain


def test_every_real_sample_is_recognised_as_its_format(shared_data: Path) -> None:
    samples = {
        "ics": [  # the corpus holds fuzzing inputs too: those that begin as iCalendar
            p
            for p in sorted((shared_data / "ical-corpus").rglob("*.ics"))
            if p.read_bytes().lstrip()[:6].upper() == b"BEGIN:"
        ],
        "thuecat": [  # not sync/: the answer of ThüCAT's change API is no import file
            p for p in sorted((shared_data / "thuecat").rglob("*.json")) if "sync" not in p.parts
        ],
        "destination-one": sorted((shared_data / "destination-one").glob("Response*.json")),
    }
    assert all(samples.values())

    found = {fmt: {recognise(p.read_bytes()) for p in paths} for fmt, paths in samples.items()}

    assert found == {fmt: {fmt} for fmt in samples}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeffid;title_de;start_date\r\nk1;Konzert;24.12.2026\r\n".encode(), "csv"),
        (b"id,title_de,start_date\nk1,Konzert,2026-12-24\n", "csv"),
        (b"  BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "ics"),
        (b'{"@context": "https://schema.org", "@graph": []}', "thuecat"),
        (b'{"count": 0, "items": []}', "destination-one"),
    ],
)
def test_small_files_are_recognised(data: bytes, expected: str) -> None:
    assert recognise(data) == expected


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"<!DOCTYPE html><html><title>Programm</title>", "web-page"),
        (b'{"events": []}', "unknown-json"),
        (b"{kaputt", "not-json"),
        (b"PK\x03\x04\x00\x00binary", "binary-not-csv"),
    ],
)
def test_a_file_of_no_format_says_what_it_looks_like(data: bytes, code: str) -> None:
    with pytest.raises(Unrecognised) as error:
        recognise(data)

    assert error.value.code == code
