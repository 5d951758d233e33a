"""The desk on the back office's start page: what waits, counted per role, each a link to
where it is done; a member's editors never see another member's drafts."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from impulsregion.agreements.models import RegisterFiling
from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import DuplicateProposal, Event, FeedSubscription
from impulsregion.calendar.services.moderation import EventInput, update_event
from impulsregion.calendar.tasks import enqueue_subscription
from impulsregion.planning.models import Hold, HoldNotice
from tests.factories.calendar import hall, make_event, organisation
from tests.jobs import run_jobs

pytestmark = pytest.mark.integration

START = dt.datetime(2027, 7, 4, 20, tzinfo=BERLIN)


class _Desk(HTMLParser):
    """Each desk line (``li.desk-item``) as {key: (text of its first link, its address)};
    the headings of the desk's sections; the titles of the events it names."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, tuple[str, str]] = {}
        self.headings: list[str] = []
        self.named: list[str] = []
        self._key: str | None = None
        self._link: str | None = None
        self._text: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and "desk-item" in (a.get("class") or ""):
            self._key = a.get("data-desk")
        elif tag == "a" and self._key and self._key not in self.items and self._link is None:
            self._link, self._text = a.get("href") or "", []
        elif tag == "a" and "desk-entry" in (a.get("class") or ""):
            self._text = []
        elif tag == "h2" and (a.get("id") or "").startswith("desk-"):
            self._heading, self._text = True, []

    def handle_endtag(self, tag: str) -> None:
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if tag == "a" and self._link is not None and self._key:
            self.items[self._key] = (text, self._link)
            self._link = None
        elif tag == "h2" and self._heading:
            self.headings.append(text)
            self._heading = False

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def desk_of(client: Any, prefix: str = "") -> _Desk:
    response = client.get(f"{prefix}/admin/")
    assert response.status_code == 200
    parser = _Desk()
    parser.feed(response.content.decode())
    return parser


def event_titles(client: Any, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return re.findall(r'<th class="field-title_de"><a [^>]*>([^<]*)</a>', html)


def make_waiting(org: Any, title: str) -> Event:
    return make_event(
        title, org=org, published=False, public_status=PublicStatus.SUBMITTED, starts=(START,)
    )


def edit_published(org: Any, editor: Any, title: str) -> Event:
    event = make_event(title, org=org, place=hall(org), starts=(START,))
    data = EventInput(title_de=f"{title} (geändert)", spans=[Span(START)], place_id=event.place_id)
    return update_event(event=event, data=data, user=editor, now=timezone.now())


def hold(org: Any, title: str, *, deadline_in: int, starts_in: int = 60) -> Hold:
    today = timezone.localdate()
    start = today + dt.timedelta(days=starts_in)
    return Hold.objects.create(
        organisation=org,
        title=title,
        start=start,
        end=start,
        municipality=org,
        deadline=today + dt.timedelta(days=deadline_in),
    )


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # the name http.server calls
        self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def broken_feed_host() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def failing_subscription(org: Any, name: str, host: str) -> FeedSubscription:
    """A subscription whose fetch really failed: the import job ran and noted it."""
    subscription = FeedSubscription.objects.create(
        organisation=org, name=name, url=f"http://{host}/{name}.ics"
    )
    enqueue_subscription(subscription, timezone.now())
    run_jobs()
    subscription.refresh_from_db()
    assert subscription.failures == 1
    return subscription


@pytest.fixture
def region_at_work(db, editor_user, broken_feed_host) -> dict[str, Any]:
    """Work waiting in the region: Jena has a draft, two submissions, a rejection and an edit
    of a published event; Weimar a draft and a submission; and more for the office."""
    jena, weimar = organisation("jena"), organisation("weimar")
    jena_editor = editor_user(jena, "redaktion-jena")
    make_event("Jenaer Entwurf", org=jena, published=False)
    make_waiting(jena, "Lesung im Volksbad")
    make_waiting(jena, "Poetry Slam")
    make_event(
        "Flohmarkt",
        org=jena,
        published=False,
        public_status=PublicStatus.REJECTED,
        rejection_reason="Es fehlt die Uhrzeit des Endes.",
    )
    edit_published(jena, jena_editor, "Kulturarena")
    make_event("Weimarer Entwurf", org=weimar, published=False)
    make_waiting(weimar, "Orgelnacht")
    kept, twin = make_event("Zwiebelmarkt", org=weimar), make_event("Zwiebelmarkt", org=weimar)
    DuplicateProposal.objects.create(original=kept, duplicate=twin, score=Decimal("0.950"))
    hold(jena, "Stadtfest Jena", deadline_in=3)
    hold(weimar, "Sommernacht", deadline_in=30)
    HoldNotice.objects.create(hold=hold(weimar, "Weinfest", deadline_in=20), about="event:1")
    hold(weimar, "Weit weg", deadline_in=40)
    failing_subscription(jena, "spielplan", broken_feed_host)
    FeedSubscription.objects.create(
        organisation=weimar,
        name="ok",
        url="https://example.org/ok.ics",
        last_success_at=timezone.now(),
    )
    today = timezone.localdate()
    RegisterFiling.objects.create(
        kind="statute_change", description="Satzungsänderung", due_on=today - dt.timedelta(1)
    )
    RegisterFiling.objects.create(
        kind="board_change", description="Vorstandswechsel", due_on=today + dt.timedelta(90)
    )
    return {"jena": jena, "weimar": weimar, "jena_editor": jena_editor}


def test_office_desk_counts_what_waits_each_a_link(client, office_user, region_at_work) -> None:
    client.force_login(office_user)

    desk = desk_of(client)

    assert "<h1>Geschäftsstelle</h1>" in client.get("/admin/").content.decode()
    assert desk.headings == ["Zu erledigen"]
    assert desk.items == {
        "review": (
            "4 Veranstaltungen warten auf Prüfung",
            "/admin/calendar/event/?todo=review",
        ),
        "duplicates": (
            "1 mögliche Dublette zu entscheiden",
            "/admin/calendar/duplicateproposal/?state__exact=open",
        ),
        "holds-expiring": (
            "1 Vormerkung läuft binnen einer Woche ab, wenn sie nicht bestätigt wird",
            "/admin/planning/hold/?attention=expiring",
        ),
        "holds-clashing": (
            "1 Vormerkung mit gemeldetem Terminkonflikt",
            "/admin/planning/hold/?attention=clashing",
        ),
        "feeds": (
            "1 Feed-Abonnement beim letzten Abruf fehlgeschlagen",
            "/admin/calendar/feedsubscription/?health=trouble",
        ),
        "filings": (
            "1 Registeranmeldung zu erledigen",
            "/admin/agreements/registerfiling/?due=act",
        ),
    }


def test_office_desk_links_open_exactly_what_they_count(
    client, office_user, region_at_work
) -> None:
    client.force_login(office_user)
    links = {key: url for key, (_text, url) in desk_of(client).items.items()}

    def listed(key: str, column: str) -> list[str]:
        html = client.get(links[key]).content.decode()
        return re.findall(rf'<(?:th|td) class="field-{column}[^"]*">(?:<a [^>]*>)?([^<]*)', html)

    assert sorted(event_titles(client, links["review"])) == [
        "Kulturarena",
        "Lesung im Volksbad",
        "Orgelnacht",
        "Poetry Slam",
    ]
    assert listed("duplicates", "duplicate") == ["Zwiebelmarkt"]
    assert listed("holds-expiring", "title") == ["Stadtfest Jena"]
    assert listed("holds-clashing", "title") == ["Weinfest"]
    assert listed("feeds", "name") == ["spielplan"]
    assert listed("filings", "description") == ["Satzungsänderung"]


def test_office_desk_opens_the_first_waiting_review_in_one_click(
    client, office_user, region_at_work
) -> None:
    client.force_login(office_user)
    first = Event.objects.get(title_de="Lesung im Volksbad")

    html = client.get("/admin/").content.decode()

    assert (
        f'<a class="desk-action" href="/admin/calendar/event/{first.pk}/review/">'
        "Die erste prüfen</a>" in html
    )
    assert "(davon 1 Änderung einer veröffentlichten Veranstaltung)" in html


def test_jena_editor_sees_only_jenas_part_and_never_weimars_drafts(client, region_at_work) -> None:
    client.force_login(region_at_work["jena_editor"])

    desk = desk_of(client)
    html = client.get("/admin/").content.decode()

    assert "<h1>Startseite</h1>" in html  # the site's own heading is the office's
    assert desk.headings == ["Zu erledigen für Stadt Jena"]
    assert {key: text for key, (text, _url) in desk.items.items()} == {
        "drafts": "1 Entwurf, noch nicht eingereicht",
        "rejected": "1 Veranstaltung von der Geschäftsstelle abgelehnt",
        "waiting": "3 Veranstaltungen warten auf Prüfung durch die Geschäftsstelle",
        "holds-expiring": "1 Vormerkung läuft binnen einer Woche ab, wenn sie nicht bestätigt wird",
        "holds-clashing": "0 Vormerkungen mit gemeldetem Terminkonflikt",
        "feeds": "1 Feed-Abonnement beim letzten Abruf fehlgeschlagen",
    }
    assert "Grund: Es fehlt die Uhrzeit des Endes." in html
    assert "Weimar" not in html.split('<div id="content-main">')[0]
    assert event_titles(client, desk.items["drafts"][1]) == ["Jenaer Entwurf"]
    assert event_titles(client, desk.items["rejected"][1]) == ["Flohmarkt"]
    assert sorted(event_titles(client, desk.items["waiting"][1])) == [
        "Kulturarena",
        "Lesung im Volksbad",
        "Poetry Slam",
    ]
    assert "Weimarer Entwurf" not in client.get("/admin/calendar/event/").content.decode()
    assert "/review/" not in html  # reviewing is the office's


def test_board_member_reads_the_regions_counts_without_deciding(
    client, make_user, region_at_work
) -> None:
    client.force_login(make_user("vorstand", role="board", organisation=organisation("erfurt")))

    desk = desk_of(client)
    html = client.get("/admin/").content.decode()

    assert desk.headings == ["Zu erledigen"]
    assert desk.items["review"][0] == "4 Veranstaltungen warten auf Prüfung"
    assert desk.items["filings"][0] == "1 Registeranmeldung zu erledigen"
    assert "Sie lesen mit; die Geschäftsstelle entscheidet." in html
    assert "/review/" not in html


def test_desk_is_in_english_under_en(client, office_user, region_at_work) -> None:
    client.force_login(office_user)

    desk = desk_of(client, "/en")

    assert desk.headings == ["To do"]
    assert desk.items["review"][0] == "4 events waiting for review"
    assert desk.items["feeds"] == (
        "1 feed subscription failed at its last fetch",
        "/en/admin/calendar/feedsubscription/?health=trouble",
    )


def test_the_app_list_stays_below_the_desk(client, office_user, region_at_work) -> None:
    client.force_login(office_user)

    html = client.get("/admin/").content.decode()

    assert html.index('class="module desk"') < html.index('id="content-main"')
    assert html.index('id="content-main"') < html.index("/admin/calendar/event/add/")


def test_desk_asks_as_many_queries_whatever_waits(client, office_user, db) -> None:
    client.force_login(office_user)
    jena = organisation("jena")

    def queries_for_desk() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    make_waiting(jena, "Eins")
    one = queries_for_desk()
    make_waiting(jena, "Zwei")
    make_waiting(organisation("weimar"), "Drei")
    three = queries_for_desk()

    assert one == three
