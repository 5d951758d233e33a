"""Fetching a source by URL from a real HTTP server on this machine: time-outs, the size limit,
the content type, subscription links."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from impulsregion.calendar.services.fetching import Fetched, fetch_if_changed, fetch_url
from impulsregion.calendar.services.importing import ImportRejected

pytestmark = pytest.mark.integration

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nEND:VCALENDAR\r\n"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # the name http.server calls
        kind, body = {
            "/feed.ics": ("text/calendar; charset=utf-8", CALENDAR),
            "/page.html": ("text/html", b"<!DOCTYPE html><title>Programm</title>"),
            "/big.ics": ("text/calendar", b"X" * 5000),
            "/slow.ics": ("text/calendar", b""),
            "/trickle.ics": ("text/calendar", b""),
            "/stall.ics": ("text/calendar", b""),
            "/endless.ics": ("text/calendar", b""),
        }[self.path]
        if self.path == "/stall.ics":  # accepts the request, never answers
            time.sleep(6)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        try:
            if self.path == "/trickle.ics":  # a byte just before each wait would time out
                for _ in range(5):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(1.4)
            if self.path == "/endless.ics":  # a body without end, as fast as it goes
                while True:
                    self.wfile.write(b"X" * 65536)
            if self.path == "/slow.ics":  # a byte now and then, for ever
                for _ in range(100):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.1)
            self.wfile.write(body)
        except OSError:  # the client gave up
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_calendar_is_fetched_and_so_is_a_subscription_link(host: str) -> None:
    assert fetch_url(f"http://{host}/feed.ics", "ics", timeout=5) == CALENDAR
    # webcal:// is tried over https first; this server speaks plain http only
    assert fetch_url(f"webcal://{host}/feed.ics", "ics", timeout=5) == CALENDAR


def test_a_web_page_is_refused_by_its_content_type(host: str) -> None:
    with pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{host}/page.html", "ics", timeout=5)

    assert "text/html" in rejection.value.message


def test_a_source_over_the_size_limit_is_refused(host: str, settings) -> None:
    settings.IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES = 1024

    with pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{host}/big.ics", "ics", timeout=5)

    assert "1 KB" in rejection.value.message


def test_a_server_sending_a_byte_now_and_then_is_given_up_on(host: str, settings) -> None:
    settings.IMPULSREGION_CALENDAR_FETCH_SECONDS = 0.5
    started = time.monotonic()

    with pytest.raises(ImportRejected):
        fetch_url(f"http://{host}/slow.ics", "ics", timeout=5)

    assert time.monotonic() - started < 3  # not the ten seconds the server would take


@pytest.mark.parametrize("path", ["/trickle.ics", "/stall.ics"])
def test_the_whole_download_ends_at_its_deadline_to_the_second(
    host: str, settings, path: str
) -> None:
    """Each wait is shorter than the time-out (trickle) or the one wait is (stall): only the
    deadline of the whole download stops them, and it holds to the second."""
    settings.IMPULSREGION_CALENDAR_FETCH_SECONDS = 2
    started = time.monotonic()

    with translation.override("de"), pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{host}{path}", "ics", timeout=5)

    assert 1.9 < time.monotonic() - started < 2.5
    assert "länger als 2 Sekunden" in rejection.value.message


def test_a_body_without_end_stops_at_the_size_limit(host: str, settings) -> None:
    settings.IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES = 1024 * 1024

    with pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{host}/endless.ics", "ics", timeout=5)

    assert "1 MB" in rejection.value.message


def test_an_address_nobody_answers_is_refused_with_a_sentence(host: str) -> None:
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = closed.server_port
    closed.server_close()

    with pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://127.0.0.1:{port}/feed.ics", "ics", timeout=5)

    assert "refused" in rejection.value.message.lower() or "verweigert" in rejection.value.message


class _Redirecting(BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:  # the name http.server calls
        self.send_response(302)
        self.send_header("Location", self.target)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirecting() -> Iterator[tuple[str, type[_Redirecting]]]:
    handler = type("Redirect", (_Redirecting,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}", handler
    server.shutdown()
    server.server_close()


def test_internal_addresses_are_refused_unless_allowed(host: str, settings) -> None:
    settings.IMPULSREGION_FETCH_ALLOWED_ADDRESSES = []

    for url in (
        f"http://{host}/feed.ics",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:9/x.ics",
    ):
        with pytest.raises(ImportRejected) as rejection:
            fetch_url(url, "ics", timeout=5)
        assert "internal address" in rejection.value.message, url


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/feed.ics",
        "http://10.1.2.3/feed.ics",
        "ftp://files.example/feed.ics",
        "file:///etc/passwd",
    ],
)
def test_redirects_to_internal_addresses_or_other_schemes_are_refused(redirecting, target) -> None:
    address, handler = redirecting
    handler.target = target.replace("{port}", address.split(":")[1])

    started = time.monotonic()
    with pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{address}/feed.ics", "ics", timeout=5)

    assert time.monotonic() - started < 5
    reasons = ("internal address", "only http and https", "is not allowed")  # urllib: file:
    assert any(reason in rejection.value.message for reason in reasons), rejection.value.message


class _Conditional(BaseHTTPRequestHandler):
    """A feed with validators that answers 304 to a match, and error statuses under /status/."""

    def do_GET(self) -> None:  # the name http.server calls
        if self.path.startswith("/status/"):
            self.send_error(int(self.path.rsplit("/", 1)[1]))
            return
        match = self.headers.get("If-None-Match") == '"v7"' or (
            self.headers.get("If-Modified-Since") == "Tue, 01 Dec 2026 10:00:00 GMT"
        )
        self.send_response(304 if match else 200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", '"v7"')
        self.send_header("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
        self.end_headers()
        if not match:
            self.wfile.write(CALENDAR)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def conditional() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Conditional)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("validators", "body"),
    [
        pytest.param({}, CALENDAR, id="none-known"),
        pytest.param({"etag": '"v7"'}, None, id="etag-matches"),
        pytest.param({"etag": '"v6"'}, CALENDAR, id="etag-differs"),
        pytest.param({"last_modified": "Tue, 01 Dec 2026 10:00:00 GMT"}, None, id="date-matches"),
    ],
)
def test_a_conditional_fetch_has_no_body_when_the_feed_is_unchanged(
    conditional: str, validators: dict[str, str], body: bytes | None
) -> None:
    fetched = fetch_if_changed(f"http://{conditional}/feed.ics", "ics", timeout=5, **validators)

    assert fetched == Fetched(body, '"v7"', "Tue, 01 Dec 2026 10:00:00 GMT")


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        pytest.param(
            404,
            "Unter der Adresse wurde nichts gefunden (HTTP 404): Der Feed liegt nicht oder nicht "
            "mehr unter dieser Adresse; bitte prüfen Sie sie.",
            id="not-found",
        ),
        pytest.param(
            403,
            "Der Server verweigerte den Zugriff auf die Adresse (HTTP 403): Ein abonnierter Feed "
            "muss ohne Anmeldung lesbar sein.",
            id="forbidden",
        ),
        pytest.param(
            503,
            "Der Server des Feeds meldete einen eigenen Fehler (HTTP 503); der nächste Abruf "
            "versucht es erneut.",
            id="server-error",
        ),
        pytest.param(
            418,
            "Der Server antwortete mit dem HTTP-Status 418 statt mit dem Feed.",
            id="other",
        ),
    ],
)
def test_an_error_status_is_one_german_sentence(
    conditional: str, status: int, sentence: str
) -> None:
    with translation.override("de"), pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://{conditional}/status/{status}", "ics", timeout=5)

    assert rejection.value.message == sentence


def test_an_unknown_server_name_is_one_german_sentence() -> None:
    with translation.override("de"), pytest.raises(ImportRejected) as rejection:
        fetch_url("http://kein-server.invalid/spielplan.ics", "ics", timeout=5)

    assert rejection.value.message == (
        "Die Adresse konnte nicht abgerufen werden: der Servername kein-server.invalid ist "
        "unbekannt; bitte prüfen Sie die Adresse auf Tippfehler."
    )


def test_a_server_that_refuses_connections_is_one_german_sentence() -> None:
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = closed.server_port
    closed.server_close()

    with translation.override("de"), pytest.raises(ImportRejected) as rejection:
        fetch_url(f"http://127.0.0.1:{port}/feed.ics", "ics", timeout=5)

    assert rejection.value.message == (
        "Die Adresse konnte nicht abgerufen werden: der Server nimmt keine Verbindungen an "
        "(Verbindung verweigert)."
    )
