"""The office reviews an event on one page: the public page, a pending edit as old → new,
publish in one POST, reject with a reason in one POST; the event list's columns."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Event, ModerationDecision
from impulsregion.calendar.services.moderation import EventInput, update_event
from tests.factories.calendar import hall, make_event, organisation

pytestmark = pytest.mark.integration

START = dt.datetime(2027, 7, 4, 20, tzinfo=BERLIN)
NOW = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)


class _Table(HTMLParser):
    """The body rows of the table with class `css_class`, each a list of cell texts (one
    line per date or value: the cell's <div>s joined by " | ")."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.inside = self.body = False
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.inside = self.css_class in (dict(attrs).get("class") or "").split()
        elif self.inside and tag == "tbody":
            self.body = True
        elif self.body and tag == "tr":
            self.rows.append([])
        elif self.body and tag in ("th", "td"):
            self._cell = []
        elif self._cell is not None and tag == "div" and self._cell:
            self._cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "table":
            self.inside = self.body = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows(html: str, css_class: str) -> list[list[str]]:
    parser = _Table(css_class)
    parser.feed(html)
    return parser.rows


def submitted(title: str, org: Any = None, **fields: Any) -> Event:
    return make_event(
        title,
        org=org or organisation("jena"),
        published=False,
        public_status=PublicStatus.SUBMITTED,
        starts=(START,),
        **fields,
    )


def pending_edit(event: Event, editor: Any, title: str, starts: list[dt.datetime]) -> Event:
    """An untrusted member's edit of its published event, waiting for the office."""
    data = EventInput(
        title_de=title,
        spans=[Span(s, s + dt.timedelta(hours=2)) for s in starts],
        place_id=event.place_id,
    )
    return update_event(event=event, data=data, user=editor, now=NOW)


@pytest.fixture
def office(client: Any, office_user: Any) -> Any:
    client.force_login(office_user)
    return client


def review_url(event: Event, prefix: str = "") -> str:
    return f"{prefix}/admin/calendar/event/{event.pk}/review/"


def test_review_shows_a_pending_edit_old_to_new_and_the_public_page_after_it(
    db, office, editor_user
) -> None:
    jena = organisation("jena")
    event = make_event("Sommerkonzert", org=jena, place=hall(jena), starts=(START,))
    later = START + dt.timedelta(days=1)
    pending_edit(event, editor_user(jena), "Sommerkonzert im Park", [START, later])

    response = office.get(review_url(event))
    html = response.content.decode()

    assert response.status_code == 200
    assert rows(html, "review-changes") == [
        ["Titel (deutsch)", "Sommerkonzert", "Sommerkonzert im Park"],
        [
            "Termine",
            "4. Juli 2027, 20:00 Uhr – 22:00",
            "4. Juli 2027, 20:00 Uhr – 22:00 | 5. Juli 2027, 20:00 Uhr – 22:00 neu",
        ],
    ]
    assert '<h3 id="preview-title">Sommerkonzert im Park</h3>' in html
    assert "Änderung veröffentlichen" in html
    assert "Änderung ablehnen" in html
    # the public still sees the published version until the office decides
    assert Event.objects.get(pk=event.pk).title_de == "Sommerkonzert"


def test_review_page_is_in_english_under_en(db, office, editor_user) -> None:
    jena = organisation("jena")
    event = make_event("Sommerkonzert", org=jena, place=hall(jena), starts=(START,))
    pending_edit(event, editor_user(jena), "Sommerkonzert im Park", [START])

    html = office.get(review_url(event, "/en")).content.decode()

    assert rows(html, "review-changes") == [
        ["Title (German)", "Sommerkonzert", "Sommerkonzert im Park"]
    ]
    assert "Publish the edit" in html
    assert '<label for="id_reason">Reason for the rejection</label>' in html


def test_office_publishes_in_one_post_and_goes_on_to_the_next(db, office, office_user) -> None:
    first = submitted("Lesung im Volksbad")
    second = submitted("Orgelnacht", org=organisation("weimar"))

    response = office.post(review_url(first), {"action": "publish"})

    first.refresh_from_db()
    decision = ModerationDecision.objects.filter(event=first).last()
    assert response.status_code == 302
    assert response["Location"] == review_url(second)
    assert first.public_status == PublicStatus.PUBLISHED
    assert first.public_from is not None
    assert (decision.action, decision.actor) == (Decision.PUBLISHED, office_user)


def test_office_rejects_with_a_reason_in_one_post(db, office, office_user) -> None:
    event = submitted("Flohmarkt")

    response = office.post(
        review_url(event), {"action": "reject", "reason": "Es fehlt die Uhrzeit des Endes."}
    )

    event.refresh_from_db()
    decision = ModerationDecision.objects.filter(event=event).last()
    assert response.status_code == 302
    assert response["Location"] == "/admin/"  # nothing else waits: back to the desk
    assert (event.public_status, event.rejection_reason) == (
        PublicStatus.REJECTED,
        "Es fehlt die Uhrzeit des Endes.",
    )
    assert (decision.action, decision.actor, decision.reason) == (
        Decision.REJECTED,
        office_user,
        "Es fehlt die Uhrzeit des Endes.",
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "„Flohmarkt“ ist abgelehnt.",
        "Keine Veranstaltung wartet mehr auf Prüfung.",
    ]


@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_rejecting_needs_a_reason_said_in_german(db, office, reason: str) -> None:
    event = submitted("Flohmarkt")

    response = office.post(review_url(event), {"action": "reject", "reason": reason})

    event.refresh_from_db()
    assert response.status_code == 400
    assert "Geben Sie einen Grund für die Ablehnung an." in response.content.decode()
    assert event.public_status == PublicStatus.SUBMITTED
    assert not event.decisions.filter(action=Decision.REJECTED).exists()


def test_rejecting_a_pending_edit_keeps_the_published_version(
    db, office, editor_user, office_user
) -> None:
    jena = organisation("jena")
    event = make_event("Sommerkonzert", org=jena, place=hall(jena), starts=(START,))
    pending_edit(event, editor_user(jena), "Sommerkonzert (falsch)", [START])

    office.post(review_url(event), {"action": "reject", "reason": "Der Titel stimmt nicht."})

    event.refresh_from_db()
    decision = event.decisions.last()
    assert (event.title_de, event.public_status, event.pending_changes) == (
        "Sommerkonzert",
        PublicStatus.PUBLISHED,
        {},
    )
    assert (decision.action, decision.reason) == (Decision.REJECTED, "Der Titel stimmt nicht.")


def test_publishing_what_lacks_a_venue_stays_on_the_page_with_the_reason(db, office) -> None:
    event = submitted("Ohne Ort", place=None)

    response = office.post(review_url(event), {"action": "publish"}, follow=True)

    event.refresh_from_db()
    assert response.redirect_chain == [(review_url(event), 302)]
    assert event.public_status == PublicStatus.SUBMITTED
    assert (
        "Es fehlt ein Veranstaltungsort (oder „Online-Veranstaltung“ ankreuzen und den Link "
        "angeben)." in response.content.decode()
    )


@pytest.mark.parametrize("role", ["editor", "board"])
def test_only_the_office_opens_the_review_page(db, client, make_user, role: str) -> None:
    jena = organisation("jena")
    event = submitted("Lesung", org=jena)
    client.force_login(make_user("member", role=role, organisation=jena))

    shown = client.get(review_url(event))
    posted = client.post(review_url(event), {"action": "publish"})

    event.refresh_from_db()
    assert (shown.status_code, posted.status_code) == (403, 403)
    assert event.public_status == PublicStatus.SUBMITTED


def _cells(html: str, column: str) -> list[str]:
    found = re.findall(rf'<td class="field-{column}[^"]*">(.*?)</td>', html, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in found]


def test_event_list_shows_next_date_organisation_status_and_review_link(db, office) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    soon = dt.datetime.now(tz=BERLIN).replace(microsecond=0, second=0, minute=0)
    upcoming = (soon + dt.timedelta(days=30), soon + dt.timedelta(days=3))
    submitted_event = make_event(
        "A: Lesung",
        org=jena,
        published=False,
        public_status=PublicStatus.SUBMITTED,
        starts=(soon - dt.timedelta(days=10), *upcoming),
    )
    make_event("B: Konzert", org=weimar, starts=(soon - dt.timedelta(days=3),))
    make_event("C: Ohne Termin", org=weimar, starts=())

    html = office.get("/admin/calendar/event/").content.decode()

    nearest = (soon + dt.timedelta(days=3)).strftime("%d.%m.%Y %H:%M")
    past = (soon - dt.timedelta(days=3)).strftime("%d.%m.%Y %H:%M")
    assert _cells(html, "next_date") == [nearest, f"{past} (vorbei)", "-"]
    assert _cells(html, "organisation") == ["Stadt Jena", "Stadt Weimar", "Stadt Weimar"]
    assert _cells(html, "state") == ["zur Prüfung vorgelegt", "veröffentlicht", "veröffentlicht"]
    assert _cells(html, "review_link") == ["Prüfen", "-", "-"]
    assert f'href="/admin/calendar/event/{submitted_event.pk}/review/"' in html


def test_event_list_asks_as_many_queries_for_three_events_as_for_one(db, office) -> None:
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert office.get("/admin/calendar/event/?todo=review").status_code == 200
        return len(captured)

    submitted("Eins")
    one = queries_for_list()
    submitted("Zwei", org=organisation("weimar"))
    submitted("Drei", org=organisation("erfurt"))
    three = queries_for_list()

    assert one == three


def test_editors_see_other_members_events_only_once_published(db, client, editor_user) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    make_event("Jenaer Entwurf", org=jena, published=False)
    make_event("Weimarer Entwurf", org=weimar, published=False)
    make_event("Weimarer Konzert", org=weimar)
    client.force_login(editor_user(jena))

    html = client.get("/admin/calendar/event/").content.decode()

    assert re.findall(r'<th class="field-title_de"><a [^>]*>([^<]*)</a>', html) == [
        "Jenaer Entwurf",
        "Weimarer Konzert",
    ]


def test_waiting_list_is_in_the_order_the_review_page_goes_through(db, office) -> None:
    older = submitted("Zwiebelmarkt")
    newer = submitted("Adventskonzert", org=organisation("weimar"))
    html = office.get("/admin/calendar/event/?todo=review").content.decode()
    listed = re.findall(r'<th class="field-title_de"><a [^>]*>([^<]*)</a>', html)

    response = office.post(review_url(older), {"action": "publish"})

    assert listed == ["Zwiebelmarkt", "Adventskonzert"]  # the longest unchanged first
    assert re.findall(r'class="[^"]*\bsorted\b', html) == []  # no column claims this order
    assert response["Location"] == review_url(newer)
