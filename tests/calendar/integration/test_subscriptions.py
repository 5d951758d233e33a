"""A member's editor subscribes the member's feed in the back office; the platform fetches and
imports it on its own, and the editor sees the result."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.calendar.models import Event, FeedSubscription
from impulsregion.calendar.tasks import refresh_subscriptions
from tests.factories.calendar import organisation
from tests.jobs import run_jobs

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Theaterhaus//DE\r
BEGIN:VEVENT\r
UID:abo-1@theaterhaus-jena.de\r
DTSTAMP:20261201T100000Z\r
SUMMARY:Sommertheater im Hof\r
LOCATION:Jena\r
DTSTART;TZID=Europe/Berlin:20270704T200000\r
DTEND;TZID=Europe/Berlin:20270704T220000\r
END:VEVENT\r
END:VCALENDAR\r
"""


class _Feed(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # the name http.server calls
        if self.path != "/spielplan.ics":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_editor_subscribes_a_feed_and_sees_it_imported(client, make_user, host) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    editor = make_user("theaterhaus", role="editor", organisation=jena)
    client.force_login(editor)

    form = client.get("/admin/calendar/feedsubscription/add/")
    assert form.status_code == 200
    saved = client.post(
        "/admin/calendar/feedsubscription/add/",
        {
            "organisation": jena.pk,
            "name": "Spielplan Theaterhaus",
            "url": f"http://{host}/spielplan.ics",
            "source_format": "ics",
            "every_hours": 6,
            "active": "on",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    subscription = FeedSubscription.objects.get()
    assert subscription.created_by == editor

    refresh_subscriptions.enqueue()
    run_jobs()

    event = Event.objects.get(title_de="Sommertheater im Hof")
    assert event.organisation == jena
    listing = client.get("/admin/calendar/feedsubscription/").content.decode()
    assert "Spielplan Theaterhaus" in listing
    assert "1 neu" in listing

    # within its six hours the feed is not fetched again; after them it is
    refresh_subscriptions.enqueue()
    run_jobs()
    assert DBTaskResult.objects.filter(task_path__endswith="import_calendar").count() == 1
    FeedSubscription.objects.update(last_enqueued_at=timezone.now() - timedelta(hours=7))
    refresh_subscriptions.enqueue()
    run_jobs()
    assert DBTaskResult.objects.filter(task_path__endswith="import_calendar").count() == 2
    assert "1 unverändert" in client.get("/admin/calendar/feedsubscription/").content.decode()


def test_a_broken_feed_shows_why_and_is_tried_again_later(client, make_user, host) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    FeedSubscription.objects.create(
        organisation=jena, name="Alter Spielplan", url=f"http://{host}/weg.ics", source_format="ics"
    )

    refresh_subscriptions.enqueue()
    run_jobs()

    job = DBTaskResult.objects.get(task_path__endswith="import_calendar")
    assert job.status == TaskResultStatus.READY  # waits for its retry
    assert job.run_after > timezone.now()
    client.force_login(make_user("theaterhaus", role="editor", organisation=jena))
    listing = client.get("/admin/calendar/feedsubscription/").content.decode()
    assert "fehlgeschlagen" in listing
    assert "404" in listing


def test_editors_see_only_their_own_members_subscriptions(client, make_user) -> None:  # type: ignore[no-untyped-def]
    jena, weimar = organisation("jena"), organisation("weimar")
    FeedSubscription.objects.create(
        organisation=jena, name="Jenaer Feed", url="https://jena.example/a.ics"
    )
    FeedSubscription.objects.create(
        organisation=weimar, name="Weimarer Feed", url="https://weimar.example/a.ics"
    )
    client.force_login(make_user("weimar-red", role="editor", organisation=weimar))

    listing = client.get("/admin/calendar/feedsubscription/").content.decode()

    assert "Weimarer Feed" in listing
    assert "Jenaer Feed" not in listing
