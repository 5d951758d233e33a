"""A member's editor imports a calendar in the back office: upload or address, a dry run that
writes nothing, then the confirmation that imports. As the editor (never a superuser), with the
Django test client; addresses are served by an HTTP server on this machine."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from impulsregion.calendar import admin_import
from impulsregion.calendar.models import Event, ImportRun, ImportUpload, Place, SourceRecord
from tests.factories.calendar import make_place, organisation
from tests.jobs import run_jobs

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

IMPORT = "/admin/calendar/importrun/import/"
PORT = 8831  # this helper's range (8830-8839)


def _day(days: int, hour: int = 19) -> str:
    moment = timezone.localtime() + timedelta(days=days)
    return f"{moment:%Y%m%d}T{hour:02d}0000"


def calendar(*events: str) -> bytes:
    body = "".join(events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Theaterhaus//DE\r\n{body}END:VCALENDAR\r\n"
    ).encode()


def vevent(uid: str, title: str, days: int, location: str = "", categories: str = "") -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261201T100000Z",
        f"SUMMARY:{title}",
        f"DTSTART;TZID=Europe/Berlin:{_day(days)}",
        f"DTEND;TZID=Europe/Berlin:{_day(days, 21)}",
    ]
    if location:
        lines.append(f"LOCATION:{location}")
    if categories:
        lines.append(f"CATEGORIES:{categories}")
    return "\r\n".join([*lines, "END:VEVENT", ""])


SPIELPLAN = calendar(
    vevent("a@th", "Jazz im Hof", 20, "Theaterhaus Jena", "Konzert,Jazz"),
    vevent(
        "b@th",
        "Faust I",
        27,
        "Theaterhaus Jena\\, Schillergäßchen 1\\, 07745 Jena",
        "Schauspiel,Stammtisch",
    ),
)


def upload(data: bytes, name: str = "spielplan.ics") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def rows() -> dict[str, int]:
    """The number of rows of every calendar table (and the import's job results)."""
    counts = {
        m._meta.label: m.objects.count() for m in apps.get_app_config("calendar").get_models()
    }
    counts["through"] = Event.categories.through.objects.count()
    return counts


@pytest.fixture
def jena_editor(client: Any, make_user: Any) -> Any:
    jena = organisation("jena")
    organisation("weimar")
    editor = make_user("theaterhaus", role="editor", organisation=jena)
    client.force_login(editor)
    return editor


def dry_run(client: Any, data: bytes, name: str = "spielplan.ics", prefix: str = "") -> Any:
    return client.post(
        f"{prefix}{IMPORT}",
        {"organisation": organisation("jena").pk, "file": upload(data, name)},
        follow=True,
    )


def test_the_organisation_is_preselected_and_the_template_is_offered(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    page = client.get(IMPORT).content.decode()

    assert f'<option value="{organisation("jena").pk}" selected>' in page
    assert organisation("weimar").name not in page  # not one of the editor's organisations
    assert 'href="/admin/calendar/importrun/import/template.csv"' in page
    assert "Vorlage (CSV) herunterladen" in page
    assert (
        'href="/admin/calendar/importrun/import/"'
        in client.get("/admin/calendar/event/").content.decode()
    )


def test_the_csv_template_downloads_and_imports_as_it_is(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    template = client.get(f"{IMPORT}template.csv")

    assert template["Content-Type"] == "text/csv; charset=utf-8"
    assert template["Content-Disposition"] == 'attachment; filename="kulturkalender-vorlage.csv"'
    assert template.content.decode("utf-8-sig").splitlines()[0].startswith("id;title_de;title_en")
    preview = dry_run(client, template.content, "vorlage.csv").content.decode()
    assert "Sommerkonzert im Hof" in preview
    assert "Familienführung durch die Ausstellung" in preview
    assert "CSV-Vorlage" in preview


def test_a_dry_run_shows_what_would_happen_and_writes_nothing(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    before = rows()

    page = dry_run(client, SPIELPLAN)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Noch wurde nichts importiert." in html
    assert '<th scope="row">neue Veranstaltungen</th><td>2</td>' in html
    assert "Jazz im Hof" in html
    assert "Faust I" in html
    first = timezone.localtime() + timedelta(days=20)
    assert f"{first:%d.%m.%Y} 19:00 Jazz im Hof" in " ".join(html.split()).replace(
        "</span> ", " "
    ).replace('<span class="import-date">', "")
    assert "Stammtisch (1 Veranstaltung)" in html  # a term no category takes
    after = rows()
    assert after.pop("calendar.ImportUpload") == 1  # only the file, kept for the confirmation
    before.pop("calendar.ImportUpload")
    assert after == before


def test_the_confirmation_imports_with_categories_and_one_venue(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    dry_run(client, SPIELPLAN)
    upload_row = ImportUpload.objects.get()

    page = client.post(f"{IMPORT}{upload_row.pk}/", follow=True)

    html = page.content.decode()
    assert page.redirect_chain[-1][0].startswith("/admin/calendar/event/?organisation__id__exact=")
    assert "Importiert: 2 neu, 0 geändert, 0 unverändert, 0 zurückgezogen, 0 abgelehnt." in html
    assert "Jazz im Hof" in html
    assert "Faust I" in html
    jazz, faust = Event.objects.order_by("title_de").reverse()
    assert [c.slug for c in jazz.categories.all()] == ["music"]
    assert [c.slug for c in faust.categories.all()] == ["theatre"]
    venue = Place.objects.get()  # one venue, with the address the second event gave
    assert (venue.name, venue.street, venue.postal_code, venue.locality, venue.ags) == (
        "Theaterhaus Jena",
        "Schillergäßchen 1",
        "07745",
        "Jena",
        "16053000",
    )
    assert jazz.place == faust.place == venue
    run = ImportRun.objects.get()
    assert (run.created, run.user, run.organisation) == (2, jena_editor, organisation("jena"))
    assert not ImportUpload.objects.exists()


def test_a_second_dry_run_lists_changed_and_withdrawn_events(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    dry_run(client, SPIELPLAN)
    client.post(f"{IMPORT}{ImportUpload.objects.get().pk}/")
    changed = calendar(vevent("a@th", "Jazz im Hof – zweiter Abend", 21, "Theaterhaus Jena"))

    html = dry_run(client, changed).content.decode()

    assert '<th scope="row">geänderte Veranstaltungen</th><td>1</td>' in html
    assert (
        '<th scope="row">zurückgezogene Veranstaltungen (nicht mehr in der Quelle)</th><td>1</td>'
        in html
    )
    assert "Jazz im Hof – zweiter Abend" in html
    assert "Zurückzuziehende Veranstaltungen (1)" in html
    assert "Faust I" in html
    assert Event.objects.filter(withdrawn_at__isnull=False).count() == 0  # nothing written


def test_an_address_is_fetched_checked_and_imported(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    with serving(SPIELPLAN, "text/calendar") as address:
        page = client.post(
            IMPORT, {"organisation": organisation("jena").pk, "address": address}, follow=True
        )
        assert "Jazz im Hof" in page.content.decode()
        upload_row = ImportUpload.objects.get()
        assert (upload_row.name, upload_row.source_format) == (address, "ics")
        assert Event.objects.count() == 0

    client.post(f"{IMPORT}{upload_row.pk}/")  # the server is gone: the content was kept

    assert Event.objects.count() == 2
    assert SourceRecord.objects.filter(source_key=f"ics:jena:{address}").count() == 2


class _Server(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:  # the name http.server calls
        status, content_type, body = self.server.answer
        if status == "huge":  # 50 MB, more than the 20 MB allowed
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            try:
                for _ in range(800):
                    self.wfile.write(b"BEGIN:VCALENDAR\r\n" * 3855)
            except OSError:  # the client stopped reading at its limit
                pass
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class serving:  # used as a context manager, like open()
    def __init__(self, body: bytes, content_type: str, status: int | str = 200) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", PORT), _Server)
        self.server.daemon_threads = True
        self.server.answer = (status, content_type, body)  # type: ignore[attr-defined]

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{PORT}/spielplan.ics"

    def __exit__(self, *args: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


BAD_FILES = [
    pytest.param(
        b"<!DOCTYPE html><html><head><title>Spielplan</title></head></html>",
        "spielplan.ics",
        "Die Datei ist eine Webseite (HTML), keine iCalendar-Datei",
        "The file is a web page (HTML), not an iCalendar file",
        id="web-page",
    ),
    pytest.param(
        _workbook(),
        "spielplan.xlsx",
        "Die Datei ist kein Text, sondern binär, zum Beispiel eine Excel-",
        "The file is not text but binary data, for example an Excel workbook",
        id="excel-workbook",
    ),
    pytest.param(
        json.dumps({"name": "Theaterhaus", "shows": [1, 2]}).encode(),
        "spielplan.json",
        "Die Datei enthält JSON, aber weder ThüCAT-JSON-LD noch",
        "The file holds JSON, but neither ThüCAT JSON-LD nor a destination.one search answer.",
        id="other-json",
    ),
    pytest.param(
        b"",
        "leer.ics",
        "Die übertragene Datei ist leer.",
        "The submitted file is empty.",
        id="empty-file",
    ),
]


@pytest.mark.parametrize(("data", "name", "german", "english"), BAD_FILES)
def test_a_file_that_is_no_calendar_is_one_sentence_and_writes_nothing(  # type: ignore[no-untyped-def]
    client, jena_editor, data, name, german, english
) -> None:
    before = rows()

    de = dry_run(client, data, name).content.decode()
    en = dry_run(client, data, name, prefix="/en").content.decode()

    assert german in de
    assert english in en
    assert de.count('class="errornote"') + de.count('class="errorlist"') == 1
    assert rows() == before


BAD_ADDRESSES = [
    pytest.param(
        (404, "text/html", b"nope"),
        "Unter der Adresse wurde nichts gefunden (HTTP 404)",
        "The address answered “not found” (HTTP 404)",
        id="not-found",
    ),
    pytest.param(
        (200, "text/html; charset=utf-8", b"<!DOCTYPE html><title>Spielplan</title>"),
        "text/html",
        "text/html",
        id="html-answer",
    ),
    pytest.param(
        ("huge", "text/calendar", b""),
        "20 MB",
        "20 MB",
        id="50-mb-body",
    ),
]


@pytest.mark.parametrize(("answer", "german", "english"), BAD_ADDRESSES)
def test_an_address_that_gives_no_calendar_is_one_sentence_and_writes_nothing(  # type: ignore[no-untyped-def]
    client, jena_editor, answer, german, english
) -> None:
    before = rows()
    status, content_type, body = answer
    with serving(body, content_type, status) as address:
        form = {"organisation": organisation("jena").pk, "address": address}
        de = client.post(IMPORT, form).content.decode()
        en = client.post(f"/en{IMPORT}", form).content.decode()

    assert german in de
    assert english in en
    assert de.count('class="errornote"') == 1
    assert rows() == before


def test_a_jena_editor_cannot_import_into_weimars_organisation(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    before = rows()

    page = client.post(
        IMPORT, {"organisation": organisation("weimar").pk, "file": upload(SPIELPLAN)}
    )

    assert (
        "Sie können Veranstaltungen nur für die Organisationen importieren, für die Sie "
        "redigieren." in page.content.decode()
    )
    assert rows() == before


def test_another_users_dry_run_cannot_be_seen_or_confirmed(client, jena_editor, make_user) -> None:  # type: ignore[no-untyped-def]
    weimar_editor = make_user("weimar-red", role="editor", organisation=organisation("weimar"))
    client.force_login(weimar_editor)
    client.post(IMPORT, {"organisation": organisation("weimar").pk, "file": upload(SPIELPLAN)})
    weimars = ImportUpload.objects.get()
    client.force_login(jena_editor)

    assert client.get(f"{IMPORT}{weimars.pk}/").status_code == 404
    assert client.post(f"{IMPORT}{weimars.pk}/").status_code == 404
    assert Event.objects.count() == 0


def test_an_editor_who_lost_the_role_cannot_confirm(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    dry_run(client, SPIELPLAN)
    upload_row = ImportUpload.objects.get()
    jena_editor.staff_roles.all().delete()

    assert client.post(f"{IMPORT}{upload_row.pk}/").status_code == 403
    assert Event.objects.count() == 0


def test_an_expired_dry_run_is_not_imported(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    dry_run(client, SPIELPLAN)
    ImportUpload.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    upload_row = ImportUpload.objects.get()

    page = client.post(f"{IMPORT}{upload_row.pk}/", follow=True)

    assert "Die Vorschau ist abgelaufen" in page.content.decode()
    assert Event.objects.count() == 0


def test_a_board_member_cannot_import(client, make_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user("board", role="board", organisation=organisation("jena")))

    assert client.get(IMPORT).status_code == 403
    assert client.get(f"{IMPORT}template.csv").status_code == 403


def test_a_large_import_runs_as_a_background_job(client, jena_editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(admin_import, "BACKGROUND_FROM", 1)  # two events count as large here
    dry_run(client, SPIELPLAN)
    upload_row = ImportUpload.objects.get()

    page = client.post(f"{IMPORT}{upload_row.pk}/", follow=True)

    assert page.redirect_chain[-1][0] == "/admin/calendar/importrun/"
    assert "Der Import läuft im Hintergrund" in page.content.decode()
    assert Event.objects.count() == 0
    run_jobs()
    assert Event.objects.count() == 2
    assert ImportRun.objects.get().created == 2
    assert not ImportUpload.objects.exists()


def test_csv_rows_with_and_without_the_address_are_one_venue(client, jena_editor) -> None:  # type: ignore[no-untyped-def]
    day = (timezone.localtime() + timedelta(days=30)).strftime("%d.%m.%Y")
    rows_csv = (
        "id;title_de;start_date;venue;street;postal_code;town;categories\r\n"
        f"r1;Lesung;{day};Theaterhaus Jena;;;;Lesung\r\n"
        f"r2;Konzert;{day};theaterhaus  jena;Schillergäßchen 1;07745;Jena;Konzert\r\n"
        f"r3;Matinee;{day};Theaterhaus Jena;;;;\r\n"
    ).encode()
    existing = make_place("Volkshaus")

    dry_run(client, rows_csv, "termine.csv")
    client.post(f"{IMPORT}{ImportUpload.objects.get().pk}/")

    assert Place.objects.exclude(pk=existing.pk).count() == 1
    assert set(Event.objects.values_list("place__name", "place__postal_code")) == {
        ("Theaterhaus Jena", "07745")
    }


def test_a_batched_update_writes_every_field_an_import_copies() -> None:
    from impulsregion.calendar.domain.types import EventData, Span  # noqa: PLC0415 - this test's only use
    from impulsregion.calendar.services.events import APPLIED_FIELDS, apply_data  # noqa: PLC0415 - this test's only use

    data = EventData("x", "Titel", (Span(timezone.now()),), licence="CC-BY-4.0")

    assert set(apply_data(Event(), data, source="ics:jena:x")) == set(APPLIED_FIELDS)
