"""A member's editor subscribes the member's feed in the back office; the platform fetches it on
its own (asking with ETag / Last-Modified whether it changed), imports it, shows its health,
and warns the member's editors once when it fails three times in a row. Jobs run for real
against a feed server on this machine."""

from __future__ import annotations

import smtplib
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.html import escape
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from impulsregion.calendar.models import Event, FeedSubscription, ImportRun
from impulsregion.calendar.services.subscriptions import is_due, next_run
from impulsregion.calendar.tasks import import_calendar, refresh_subscriptions
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
LIST = "/admin/calendar/feedsubscription/"
NOT_FOUND = (
    "Unter der Adresse wurde nichts gefunden (HTTP 404): Der Feed liegt nicht oder nicht mehr "
    "unter dieser Adresse; bitte prüfen Sie sie."
)


class FeedState:
    """What the feed server answers next, and the headers of every request it got."""

    def __init__(self) -> None:
        self.answer = "feed"  # feed, missing, page, text, huge
        self.etag = '"spielplan-1"'
        self.last_modified = ""
        self.requests: list[dict[str, str]] = []


class _Feed(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:  # the name http.server calls
        state: FeedState = self.server.state
        state.requests.append(dict(self.headers.items()))
        if state.answer == "missing":
            self.send_error(404)
        elif state.answer == "page":
            self._send(200, "text/html; charset=utf-8", b"<!DOCTYPE html><title>Spielplan</title>")
        elif state.answer == "text":
            self._send(200, "text/calendar", b"Hallo, hier gibt es bald einen Kalender.")
        elif state.answer == "huge":
            self._send_huge()
        elif (state.etag and self.headers.get("If-None-Match") == state.etag) or (
            state.last_modified and self.headers.get("If-Modified-Since") == state.last_modified
        ):
            self._send(304, "", b"")
        else:
            self._send(200, "text/calendar; charset=utf-8", FEED)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        state: FeedState = self.server.state
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if state.etag:
            self.send_header("ETag", state.etag)
        if state.last_modified:
            self.send_header("Last-Modified", state.last_modified)
        self.end_headers()
        self.wfile.write(body)

    def _send_huge(self) -> None:  # 50 MB of calendar, more than the 20 MB allowed
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        try:
            for _ in range(800):
                self.wfile.write(b"X" * 65536)
        except OSError:  # the client stopped reading at its limit
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    server.daemon_threads = True
    server.state = FeedState()  # type: ignore[attr-defined]
    server.state.host = f"127.0.0.1:{server.server_port}"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.state  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def subscribe(feed: Any, slug: str = "jena", name: str = "Spielplan Theaterhaus") -> Any:
    return FeedSubscription.objects.create(
        organisation=organisation(slug),
        name=name,
        url=f"http://{feed.host}/spielplan-{slug}.ics",
        source_format="ics",
    )


def run_due_feeds() -> None:
    """Make every feed due and run the periodic job and the runs it queues, as workers would."""
    FeedSubscription.objects.update(last_enqueued_at=None)
    refresh_subscriptions.enqueue()
    run_jobs()


def fetch_jobs() -> Any:
    return DBTaskResult.objects.filter(task_path__endswith="fetch_subscription")


# --- subscribing and conditional fetching ---------------------------------------------------


def test_an_editor_subscribes_a_feed_and_sees_it_imported(client, make_user, feed) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    editor = make_user("theaterhaus", role="editor", organisation=jena)
    client.force_login(editor)

    form = client.get(f"{LIST}add/").content.decode()
    assert 'name="every_hours" value="1"' in form  # hourly unless the editor says otherwise
    saved = client.post(
        f"{LIST}add/",
        {
            "organisation": jena.pk,
            "name": "Spielplan Theaterhaus",
            "url": f"http://{feed.host}/spielplan.ics",
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
    listing = client.get(LIST).content.decode()
    assert "Spielplan Theaterhaus" in listing
    assert "in Ordnung" in listing
    assert "column-organisation" not in listing  # an editor of one member needs no such column
    assert '<small class="feed-counts">1 neu</small>' in listing
    form = client.get(f"{LIST}{subscription.pk}/change/").content.decode()
    assert "1 neu, 0 geändert, 0 unverändert, 0 zurückgezogen, 0 abgelehnt" in form

    # within its six hours the feed is not fetched again; after them it is
    refresh_subscriptions.enqueue()
    run_jobs()
    assert fetch_jobs().count() == 1
    FeedSubscription.objects.update(last_enqueued_at=timezone.now() - timedelta(hours=6))
    refresh_subscriptions.enqueue()
    run_jobs()
    assert fetch_jobs().count() == 2
    assert '<small class="feed-counts">unverändert (1 Veranstaltung)</small>' in (
        client.get(LIST).content.decode()
    )
    assert "Feed seit dem letzten Abruf unverändert (0 neu, 0 geändert, 1 unverändert, " in (
        client.get(f"{LIST}{subscription.pk}/change/").content.decode()
    )


def test_an_unchanged_feed_answers_304_and_nothing_is_imported(feed) -> None:  # type: ignore[no-untyped-def]
    subscription = subscribe(feed)
    run_due_feeds()
    event = Event.objects.get()
    first = FeedSubscription.objects.get()
    runs = ImportRun.objects.count()

    run_due_feeds()

    assert "If-None-Match" not in feed.requests[0]  # nothing to send on the first run
    assert feed.requests[1]["If-None-Match"] == '"spielplan-1"'
    assert "If-Modified-Since" not in feed.requests[1]  # the server gave no Last-Modified
    again = FeedSubscription.objects.get()
    assert again.last_not_modified is True
    assert again.last_success_at > first.last_success_at
    assert again.last_counts == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
        "withdrawn": 0,
        "rejected": 0,
    }
    assert ImportRun.objects.count() == runs  # the importer did not run at all
    assert Event.objects.get().updated_at == event.updated_at
    assert fetch_jobs().order_by("enqueued_at").last().return_value == {
        "status": "not-modified",
        "counts": again.last_counts,
        "error": "",
        "warned": [],
    }
    assert subscription.etag == ""  # the object from before the runs
    assert again.etag == '"spielplan-1"'


def test_last_modified_is_sent_back_when_the_server_gives_no_etag(feed) -> None:  # type: ignore[no-untyped-def]
    feed.etag = ""
    feed.last_modified = "Tue, 01 Dec 2026 10:00:00 GMT"
    subscribe(feed)

    run_due_feeds()
    run_due_feeds()

    assert feed.requests[1]["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"
    assert "If-None-Match" not in feed.requests[1]
    assert FeedSubscription.objects.get().last_not_modified is True


def test_a_changed_feed_is_imported_with_its_new_etag(feed) -> None:  # type: ignore[no-untyped-def]
    subscribe(feed)
    run_due_feeds()
    feed.etag = '"spielplan-2"'  # the feed changed (the same body is fine: the hash decides)

    run_due_feeds()

    subscription = FeedSubscription.objects.get()
    assert subscription.etag == '"spielplan-2"'
    assert subscription.last_not_modified is False
    assert subscription.last_counts["unchanged"] == 1


# --- failures, their sentences and the warning e-mail ----------------------------------------


@pytest.mark.parametrize(
    ("answer", "german", "english"),
    [
        pytest.param(
            "missing",
            NOT_FOUND,
            "The address answered “not found” (HTTP 404): the feed is not, or no longer, at "
            "this address; please check it.",
            id="404",
        ),
        pytest.param(
            "page",
            "Die Adresse lieferte keine Kalenderdatei, sondern text/html.",
            "The address did not deliver a calendar file but text/html.",
            id="html",
        ),
        pytest.param(
            "huge",
            "Die Quelle ist größer als die Grenze von 20 MB.",
            "The source is larger than the limit of 20 MB.",
            id="50-mb",
        ),
        pytest.param(
            "text",
            "Die Datei enthält keine iCalendar-Daten: Es fehlt eine Zeile BEGIN:VCALENDAR oder "
            "BEGIN:VEVENT.",
            "The file holds no iCalendar data: it has no line BEGIN:VCALENDAR or BEGIN:VEVENT.",
            id="not-a-calendar",
        ),
    ],
)
def test_a_broken_answer_is_one_sentence_in_each_language_and_writes_nothing(  # type: ignore[no-untyped-def]
    client, make_user, feed, answer, german, english
) -> None:
    jena = organisation("jena")
    subscribe(feed)
    run_due_feeds()
    event = Event.objects.get()
    feed.answer = answer

    run_due_feeds()

    subscription = FeedSubscription.objects.get()
    assert (subscription.last_error_de, subscription.last_error_en) == (german, english)
    assert subscription.failures == 1
    assert subscription.health == "failing"
    assert subscription.etag == '"spielplan-1"'  # still that of the last good answer
    assert subscription.last_counts["created"] == 1  # the last success's numbers stay
    stored = Event.objects.get()
    assert stored.public_status == event.public_status  # not withdrawn
    assert stored.updated_at == event.updated_at
    client.force_login(make_user("jena-red", role="editor", organisation=jena))
    assert f'<span class="feed-error">{escape(german)}</span>' in client.get(LIST).content.decode()
    assert f'<span class="feed-error">{escape(english)}</span>' in (
        client.get(f"/en{LIST}").content.decode()
    )


def test_a_failing_feed_ends_its_job_normally_and_is_not_retried(feed) -> None:  # type: ignore[no-untyped-def]
    feed.answer = "missing"
    subscribe(feed)

    run_due_feeds()

    job = fetch_jobs().get()
    assert job.status == TaskResultStatus.SUCCESSFUL  # a member's broken feed is no failed job
    assert job.return_value == {"status": "failed", "counts": {}, "error": NOT_FOUND, "warned": []}
    assert len(feed.requests) == 1  # the next scheduled run is the retry


def test_three_failures_in_a_row_warn_the_members_editors_once(feed, make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPULSREGION_SITE_URL = "https://kalender.example"
    jena, weimar = organisation("jena"), organisation("weimar")
    make_user("jena-a", role="editor", organisation=jena, email="a@theaterhaus-jena.de")
    make_user("jena-b", role="editor", organisation=jena, email="b@theaterhaus-jena.de")
    make_user("jena-gone", role="editor", organisation=jena, email="x@jena.de", is_active=False)
    make_user("jena-board", role="board", organisation=jena, email="vorstand@jena.de")
    make_user("weimar-red", role="editor", organisation=weimar, email="red@weimar.de")
    make_user("office", role="office", email="buero@impulsregion.de")
    subscription = subscribe(feed)
    feed.answer = "missing"

    run_due_feeds()
    run_due_feeds()
    assert mail.outbox == []
    run_due_feeds()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@theaterhaus-jena.de", "b@theaterhaus-jena.de"]
    assert message.subject == "Feed „Spielplan Theaterhaus“ kann nicht gelesen werden"
    assert f"Adresse: http://{feed.host}/spielplan-jena.ics\n" in message.body
    assert f"Fehler: {NOT_FOUND}\n" in message.body
    assert "3-mal hintereinander" in message.body
    assert "Letzter erfolgreicher Abruf: noch keiner\n" in message.body
    assert "Der Kalender versucht es weiter, jede Stunde;" in message.body
    assert (
        f"https://kalender.example/admin/calendar/feedsubscription/{subscription.pk}/change/"
        in message.body
    )
    run_due_feeds()
    run_due_feeds()
    assert FeedSubscription.objects.get(pk=subscription.pk).failures == 5
    assert [m.to for m in mail.outbox] == [["a@theaterhaus-jena.de", "b@theaterhaus-jena.de"]]


def test_a_success_clears_the_fault_and_a_new_fault_warns_again(feed, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("jena-a", role="editor", organisation=organisation("jena"), email="a@jena.de")
    subscribe(feed)
    feed.answer = "missing"
    for _ in range(3):
        run_due_feeds()
    assert FeedSubscription.objects.get().health == "broken"

    feed.answer = "feed"
    run_due_feeds()

    healed = FeedSubscription.objects.get()
    assert (healed.failures, healed.warning_sent_at, healed.health) == (0, None, "healthy")
    assert healed.last_error_de == NOT_FOUND  # the last error stays readable, marked as resolved
    feed.answer = "page"
    for _ in range(3):
        run_due_feeds()
    assert len(mail.outbox) == 2
    assert "sondern text/html" in mail.outbox[1].body


def test_a_member_without_editors_has_the_office_warned(feed, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("office", role="office", email="buero@impulsregion.de")
    make_user("weimar-red", role="editor", organisation=organisation("weimar"), email="w@w.de")
    make_user("jena-no-mail", role="editor", organisation=organisation("jena"))
    subscribe(feed)
    feed.answer = "missing"

    for _ in range(3):
        run_due_feeds()

    assert [m.to for m in mail.outbox] == [["buero@impulsregion.de"]]


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_a_warning_the_mail_server_refused_is_sent_at_the_next_failure(  # type: ignore[no-untyped-def]
    feed, make_user, settings
) -> None:
    make_user("jena-a", role="editor", organisation=organisation("jena"), email="a@jena.de")
    subscribe(feed)
    feed.answer = "missing"
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    for _ in range(3):
        run_due_feeds()
    assert FeedSubscription.objects.get().warning_sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_due_feeds()

    assert len(mail.outbox) == 1
    assert "4-mal hintereinander" in mail.outbox[0].body
    assert FeedSubscription.objects.get().warning_sent_at is not None


def test_each_member_is_warned_about_its_own_feed_only(feed, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("jena-a", role="editor", organisation=organisation("jena"), email="a@jena.de")
    make_user("weimar-red", role="editor", organisation=organisation("weimar"), email="w@w.de")
    subscribe(feed)
    subscribe(feed, "weimar", "Weimarer Spielplan")
    feed.answer = "missing"

    for _ in range(3):
        run_due_feeds()

    assert sorted((m.to, m.subject) for m in mail.outbox) == [
        (["a@jena.de"], "Feed „Spielplan Theaterhaus“ kann nicht gelesen werden"),
        (["w@w.de"], "Feed „Weimarer Spielplan“ kann nicht gelesen werden"),
    ]


# --- the back office ------------------------------------------------------------------------


def _in_states(feed: Any) -> None:
    jena = organisation("jena")
    now = timezone.now()
    url = f"http://{feed.host}/"
    FeedSubscription.objects.create(
        organisation=jena, name="Läuft", url=url + "a", last_success_at=now
    )
    FeedSubscription.objects.create(
        organisation=jena, name="Stockt", url=url + "b", failures=1, last_error_de=NOT_FOUND
    )
    FeedSubscription.objects.create(
        organisation=jena, name="Steht", url=url + "c", failures=3, last_error_de=NOT_FOUND
    )
    FeedSubscription.objects.create(organisation=jena, name="Neu", url=url + "d")
    FeedSubscription.objects.create(organisation=jena, name="Ruht", url=url + "e", active=False)


@pytest.mark.parametrize(
    ("health", "name", "german", "english"),
    [
        pytest.param("healthy", "Läuft", "in Ordnung", "working", id="healthy"),
        pytest.param("failing", "Stockt", "gestört", "failing", id="failing"),
        pytest.param("broken", "Steht", "ausgefallen", "out of order", id="broken"),
        pytest.param("new", "Neu", "noch nicht abgerufen", "not fetched yet", id="new"),
        pytest.param("paused", "Ruht", "pausiert", "paused", id="paused"),
    ],
)
def test_the_list_filters_by_health_and_names_it_in_words(  # type: ignore[no-untyped-def]
    client, make_user, feed, health, name, german, english
) -> None:
    _in_states(feed)
    client.force_login(make_user("jena-red", role="editor", organisation=organisation("jena")))

    page = client.get(f"{LIST}?health={health}").content.decode()
    english_page = client.get(f"/en{LIST}?health={health}").content.decode()

    shown = [s.name for s in FeedSubscription.objects.all() if f">{s.name}</a>" in page]
    assert shown == [name]
    assert f'<span class="feed-health feed-health--{health}">' in page
    assert '<span aria-hidden="true">' in page
    assert f"</span> {german}</span>" in page
    assert f"</span> {english}</span>" in english_page


def test_the_form_shows_the_health_and_fetches_on_request(client, make_user, feed) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    client.force_login(make_user("jena-red", role="editor", organisation=jena))
    subscription = subscribe(feed)
    feed.answer = "missing"
    run_due_feeds()
    change = f"{LIST}{subscription.pk}/change/"

    form = client.get(change).content.decode()
    assert NOT_FOUND in form
    assert "gestört" in form
    assert 'name="_fetch_now"' in form

    feed.answer = "feed"
    answer = client.post(
        change,
        {
            "organisation": jena.pk,
            "name": subscription.name,
            "url": subscription.url,
            "source_format": "ics",
            "every_hours": 1,
            "active": "on",
            "_fetch_now": "Sichern und jetzt abrufen",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == change
    run_jobs()

    assert FeedSubscription.objects.get().health == "healthy"
    form = client.get(change).content.decode()
    assert "durch einen späteren Erfolg behoben" in form
    assert Event.objects.get().title_de == "Sommertheater im Hof"


def test_changing_the_address_forgets_the_validators_and_fetches_soon(
    client, make_user, feed
) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    client.force_login(make_user("jena-red", role="editor", organisation=jena))
    subscription = subscribe(feed)
    run_due_feeds()
    assert FeedSubscription.objects.get().etag == '"spielplan-1"'

    client.post(
        f"{LIST}{subscription.pk}/change/",
        {
            "organisation": jena.pk,
            "name": subscription.name,
            "url": f"http://{feed.host}/neu.ics",
            "source_format": "ics",
            "every_hours": 1,
            "active": "on",
        },
    )

    changed = FeedSubscription.objects.get()
    assert (changed.etag, changed.last_modified, changed.last_enqueued_at) == ("", "", None)


def test_an_editor_of_another_member_cannot_see_change_or_fetch_the_feed(  # type: ignore[no-untyped-def]
    client, make_user, feed
) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    subscription = subscribe(feed)
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        failures=3, last_error_de="Jenas Fehler"
    )
    client.force_login(make_user("weimar-red", role="editor", organisation=weimar))
    change = f"{LIST}{subscription.pk}/change/"

    listing = client.get(LIST).content.decode()
    broken = client.get(f"{LIST}?health=broken").content.decode()
    form = client.get(change)
    saved = client.post(
        change,
        {
            "organisation": weimar.pk,
            "name": "Gekapert",
            "url": "https://weimar.example/a.ics",
            "source_format": "ics",
            "every_hours": 1,
            "active": "on",
            "_fetch_now": "1",
        },
    )
    action = client.post(LIST, {"action": "fetch_now", "_selected_action": [subscription.pk]})

    assert "Spielplan Theaterhaus" not in listing
    assert "Jenas Fehler" not in broken
    assert (form.status_code, form["Location"]) == (302, "/admin/")
    assert (saved.status_code, saved["Location"]) == (302, "/admin/")
    assert action.status_code == 302
    unchanged = FeedSubscription.objects.get()
    assert (unchanged.name, unchanged.organisation, unchanged.url) == (
        "Spielplan Theaterhaus",
        jena,
        subscription.url,
    )
    assert fetch_jobs().count() == 0
    assert feed.requests == []


def test_the_action_fetches_the_selected_feeds_of_the_editor_only(client, make_user, feed) -> None:  # type: ignore[no-untyped-def]
    jena = organisation("jena")
    own = subscribe(feed)
    paused = FeedSubscription.objects.create(
        organisation=jena, name="Ruht", url=f"http://{feed.host}/ruht.ics", active=False
    )
    client.force_login(make_user("jena-red", role="editor", organisation=jena))

    answer = client.post(
        LIST, {"action": "fetch_now", "_selected_action": [own.pk, paused.pk]}, follow=True
    )
    run_jobs()

    text = answer.content.decode()
    assert "1 Feed zum Import eingestellt" in text
    assert "1 ausgewählter Feed ist pausiert oder nicht Ihrer" in text
    assert FeedSubscription.objects.get(pk=own.pk).health == "healthy"
    assert FeedSubscription.objects.get(pk=paused.pk).last_enqueued_at is None


@pytest.mark.parametrize("feeds", [1, 3])
def test_the_list_asks_the_same_queries_for_one_and_three_feeds(  # type: ignore[no-untyped-def]
    client, make_user, feed, django_assert_num_queries, feeds
) -> None:
    jena = organisation("jena")
    for number in range(feeds):
        FeedSubscription.objects.create(
            organisation=jena, name=f"Feed {number}", url=f"http://{feed.host}/{number}.ics"
        )
    client.force_login(make_user("jena-red", role="editor", organisation=jena))
    client.get(LIST)  # the session and the roles once

    with django_assert_num_queries(8):
        assert client.get(LIST).status_code == 200


# --- the schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "due", "next_at"),
    [
        pytest.param(None, True, "10:15", id="never-fetched-next-check"),
        pytest.param("09:00:03", True, "10:15", id="an-hour-ago-at-a-late-check"),
        pytest.param("09:04:00", True, "10:15", id="four-minutes-short-of-its-hour"),
        pytest.param("09:10:00", False, "10:15", id="ten-minutes-short-of-its-hour"),
        pytest.param("09:30:00", False, "10:30", id="half-an-hour-ago"),
    ],
)
def test_an_hourly_feed_is_taken_at_the_check_its_hour_ends(last, due, next_at) -> None:  # type: ignore[no-untyped-def]
    """The periodic check runs every 15 minutes, a few seconds late: a feed fetched at 09:00:03
    is fetched again at the 10:00 check (a check at 10:00:01 takes it), not at 10:15."""
    now = datetime(2026, 12, 1, 10, 0, 1, tzinfo=UTC)
    at = None if last is None else datetime.fromisoformat(f"2026-12-01T{last}+00:00")
    subscription = FeedSubscription(every_hours=1, last_enqueued_at=at)

    assert is_due(subscription, now) is due
    assert f"{next_run(subscription, now):%H:%M}" == next_at


def test_a_paused_feed_is_never_due() -> None:
    subscription = FeedSubscription(every_hours=1, active=False)
    now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

    assert (is_due(subscription, now), next_run(subscription, now)) == (False, None)


def test_a_run_queued_by_the_previous_version_is_done_as_a_subscription_run(feed) -> None:  # type: ignore[no-untyped-def]
    subscription = subscribe(feed)
    import_calendar.enqueue(
        organisation_id=subscription.organisation_id,
        source_format="ics",
        source_key=subscription.source_key,
        source=subscription.url,
        subscription_id=subscription.pk,
    )

    run_jobs()

    assert FeedSubscription.objects.get().health == "healthy"
    assert FeedSubscription.objects.get().etag == '"spielplan-1"'


def test_the_office_sees_and_fetches_every_members_feeds(client, office_user, feed) -> None:  # type: ignore[no-untyped-def]
    jena, weimar = subscribe(feed), subscribe(feed, "weimar", "Weimarer Spielplan")
    client.force_login(office_user)

    listing = client.get(LIST).content.decode()
    client.post(LIST, {"action": "fetch_now", "_selected_action": [jena.pk, weimar.pk]})
    run_jobs()

    assert ">Spielplan Theaterhaus</a>" in listing
    assert ">Weimarer Spielplan</a>" in listing
    assert 'class="sortable column-organisation"' in listing
    assert sorted(s.health for s in FeedSubscription.objects.all()) == ["healthy", "healthy"]
