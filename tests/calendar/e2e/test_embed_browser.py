"""A member's widget framed by a page of another site, in a real browser that enforces our
content security policy (no bypass): the events show inside the frame, also from the copy the
cluster keeps; the calendar's own pages refuse to be framed there."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.factories.calendar import make_event, organisation

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


class _MemberSite(BaseHTTPRequestHandler):
    """The member's own website: one page framing the path it is asked for."""

    server: Any

    def do_GET(self) -> None:  # the name http.server calls
        framed = f"{self.server.calendar}{self.path}"
        body = (
            '<!DOCTYPE html><html lang="de"><title>Theaterhaus</title>'
            f'<iframe src="{framed}" title="Veranstaltungen" width="600" height="400"></iframe>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def member_site(live_server: Any) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MemberSite)
    server.daemon_threads = True
    server.calendar = live_server.url  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"  # another origin: another port
    server.shutdown()
    server.server_close()


@pytest.fixture
def strict_page(browser: Any) -> Iterator[Any]:
    """A page whose browser obeys the content security policy (the shared `page` bypasses it)."""
    context = browser.new_context(locale="de-DE")
    yield context.new_page()
    context.close()


def test_the_widget_shows_its_events_inside_another_sites_page(
    strict_page, member_site, transactional_db
) -> None:
    make_event("Sommertheater im Hof", org=organisation("jena"))

    for _visit in range(2):  # the second answer is the copy kept for the cluster
        strict_page.goto(f"{member_site}/kalender/einbetten/jena/")
        event = strict_page.frame_locator("iframe").get_by_text("Sommertheater im Hof").first
        event.wait_for(timeout=10_000)  # a refused frame never shows it
        assert event.is_visible()


def test_the_calendars_own_pages_are_not_framed_elsewhere(
    strict_page, member_site, transactional_db
) -> None:
    make_event("Sommertheater im Hof", org=organisation("jena"))

    strict_page.goto(f"{member_site}/kalender/")
    strict_page.wait_for_timeout(1000)

    assert strict_page.frame_locator("iframe").get_by_text("Sommertheater im Hof").count() == 0
