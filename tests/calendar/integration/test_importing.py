from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import DuplicateState, PublicStatus
from impulsregion.calendar.models import (
    DuplicateProposal,
    Event,
    ImportRun,
    Occurrence,
    SourceRecord,
)
from impulsregion.calendar.services.duplicates import merge_duplicate
from impulsregion.calendar.services.importing import ImportRejected, import_events
from impulsregion.region.models import Organisation
from tests.factories.calendar import trust

pytestmark = pytest.mark.integration


def _import(
    shared_data: Path,
    paths: list[str],
    fmt: str,
    org: str,
    now: dt.datetime,
    key: str = "feed",
    **kw,
):  # type: ignore[no-untyped-def]
    documents = [(shared_data / p).read_bytes() for p in paths]
    return import_events(
        documents=documents,
        source_format=fmt,
        organisation=Organisation.objects.get(slug=org),
        source_key=key,
        now=now,
        **kw,
    )


def _local_starts(title: str) -> list[str]:
    return [
        o.start.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")
        for o in Occurrence.objects.filter(event__title_de=title).order_by("start")
    ]


def test_thuecat_folder_imports_region_events_with_local_dates(
    region_data, shared_data, now
) -> None:
    report = _import(
        shared_data,
        [
            str(p.relative_to(shared_data))
            for p in sorted((shared_data / "thuecat").rglob("*.json"))
        ],
        "thuecat",
        "erfurt",
        now,
    )

    assert report.created == 11
    assert _local_starts("Distel-Comedy. Große Stand-up-Comedy-Show") == [
        "2026-02-22 19:00",
        "2026-06-28 17:00",
        "2026-09-27 19:00",
        "2026-10-25 19:00",
        "2026-11-22 19:00",
        "2026-12-27 19:00",
    ]
    distel = Event.objects.get(title_de__startswith="Distel")
    assert distel.place.municipality.slug == "jena"
    assert distel.public_status == PublicStatus.SUBMITTED
    rejected = dict(report.rejected)
    assert (
        rejected["e_19542-hubev"]
        == "Der Veranstaltungsort liegt außerhalb der Region (99867 Gotha)."
    )
    assert (
        rejected["e_7cbe5bb1-160b-4916-802c-c64dd2f1bf9e-untitled"]
        == "Die Veranstaltung hat keinen Titel."
    )


def test_reimport_is_idempotent_and_vanished_events_are_withdrawn(
    region_data, shared_data, now
) -> None:
    trust(Organisation.objects.get(slug="erfurt"))
    files = [
        "thuecat/events/e_7cbe5bb1-tdm.json",
        "thuecat/events/e_100771372-hubev.json",
        "thuecat/places/333039283321-xxwg_erfurt-tourist-information.json",
    ]
    _import(shared_data, files, "thuecat", "erfurt", now)

    again = _import(shared_data, files, "thuecat", "erfurt", now + dt.timedelta(hours=1))
    shorter = _import(shared_data, files[1:], "thuecat", "erfurt", now + dt.timedelta(hours=2))

    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 2, 0)
    assert (shorter.created, shorter.unchanged, shorter.withdrawn) == (0, 1, 1)
    tour = Event.objects.get(title_de="Test-Altstadtführung")
    assert tour.withdrawn_at is not None
    assert tour.public_from is None
    assert not Occurrence.objects.filter(event=tour, public_from__isnull=False).exists()


def test_changed_record_updates_dates_and_raises_sequence(region_data, shared_data, now) -> None:
    places = "thuecat/places/333039283321-xxwg_erfurt-tourist-information.json"
    _import(shared_data, ["thuecat/events/e_7cbe5bb1-tdm.json", places], "thuecat", "erfurt", now)
    event = Event.objects.get(title_de="Test-Altstadtführung")
    SourceRecord.objects.filter(event=event).update(external_id="e_7cbe5bb1-shortened-tdm")

    report = _import(
        shared_data,
        ["thuecat/events/e_7cbe5bb1-shortened-tdm.json", places],
        "thuecat",
        "erfurt",
        now,
    )

    event.refresh_from_db()
    assert report.updated == 1
    assert event.sequence == 1
    assert _local_starts("Test-Altstadtführung") == ["2026-12-03 14:00", "2026-12-10 14:00"]


def test_unusable_file_changes_nothing(region_data, shared_data, now) -> None:
    with pytest.raises(ImportRejected) as rejection:
        _import(
            shared_data,
            ["ical-corpus/libical/zday.ics", "ical-corpus/ical4j/invalid/13-MoonPhase.ics"],
            "ics",
            "jena",
            now,
        )

    assert (
        rejection.value.message
        == "Die iCalendar-Datei ist unvollständig: Ein Kalender wird begonnen, aber nie abgeschlossen."
    )
    assert Event.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_dry_run_reports_but_saves_nothing(region_data, shared_data, now) -> None:
    report = _import(
        shared_data,
        ["destination-one/ResponseWithSingleDate.json"],
        "destination-one",
        "erfurt",
        dt.datetime(2022, 7, 1, tzinfo=dt.UTC),
        dry_run=True,
    )

    assert (report.created, report.dry_run) == (1, True)
    assert Event.objects.count() == 0


def test_ics_import_keeps_all_day_and_series(region_data, shared_data) -> None:
    report = _import(
        shared_data,
        ["ical-corpus/ical4j/valid/EXDATE.ics"],
        "ics",
        "weimar",
        dt.datetime(2006, 1, 1, tzinfo=dt.UTC),
    )

    assert (report.created, report.rejected) == (1, [])
    assert Occurrence.objects.count() == 5
    assert set(Occurrence.objects.values_list("municipality__slug", flat=True)) == {"weimar"}


def test_duplicate_across_sources_is_proposed_and_merge_survives_reimport(
    region_data, office_user, now
) -> None:
    ics = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
BEGIN:VEVENT
UID:%s
SUMMARY:%s
DTSTART;TZID=Europe/Berlin:20260704T200000
LOCATION:Theaterplatz
END:VEVENT
END:VCALENDAR
"""
    jena = Organisation.objects.get(slug="jena")
    import_events(
        documents=[ics % (b"a", b"Kulturarena: Konzert der Band X")],
        source_format="ics",
        organisation=jena,
        source_key="a",
        now=now,
    )
    report = import_events(
        documents=[ics % (b"b", b"Konzert Band X")],
        source_format="ics",
        organisation=jena,
        source_key="b",
        now=now,
    )
    proposal = DuplicateProposal.objects.get()

    merge_duplicate(proposal=proposal, user=office_user, now=now)
    import_events(
        documents=[ics % (b"b", b"Konzert Band X (neu)")],
        source_format="ics",
        organisation=jena,
        source_key="b",
        now=now,
    )

    proposal.refresh_from_db()
    duplicate = Event.objects.get(source_records__source_key="b")
    assert report.duplicates == 1
    assert proposal.state == DuplicateState.MERGED
    assert duplicate.merged_into_id == proposal.original_id
    assert duplicate.title_de == "Konzert Band X (neu)"
    assert DuplicateProposal.objects.count() == 1


def test_command_prints_summary_and_fails_with_one_sentence(
    region_data, shared_data, capsys
) -> None:
    call_command(
        "import_events",
        str(shared_data / "ical-corpus/ical4j/valid/EXDATE.ics"),
        "--format",
        "ics",
        "--organisation",
        "weimar",
        "--dry-run",
        verbosity=0,
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "import_events",
            str(shared_data / "ical-corpus/libical/fuzz/poc-05.ics"),
            "--format",
            "ics",
            "--organisation",
            "weimar",
            verbosity=0,
        )

    assert "dry run" in capsys.readouterr().out
    assert str(error.value).startswith("Die Datei ist keine lesbare iCalendar-Datei")


def test_a_trusted_member_publishes_at_once_only_events_with_a_venue(region_data, now) -> None:
    trust(Organisation.objects.get(slug="jena"))
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\n"
        "BEGIN:VEVENT\r\nUID:mit-ort@test\r\nDTSTAMP:20261201T100000Z\r\n"
        "SUMMARY:Lesung mit Ort\r\nLOCATION:Theaterhaus Jena\\, Schillergäßchen 1\\, 07745 Jena\r\n"
        "DTSTART;TZID=Europe/Berlin:20270704T200000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:ohne-ort@test\r\nDTSTAMP:20261201T100000Z\r\n"
        "SUMMARY:Lesung ohne Ort\r\nDTSTART;TZID=Europe/Berlin:20270705T200000\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()

    import_events(
        documents=[ics],
        source_format="ics",
        organisation=Organisation.objects.get(slug="jena"),
        source_key="trusted-feed",
        now=now,
    )

    assert Event.objects.get(title_de="Lesung mit Ort").public_status == PublicStatus.PUBLISHED
    without = Event.objects.get(title_de="Lesung ohne Ort")
    assert without.public_status == PublicStatus.SUBMITTED
    assert without.public_from is None
