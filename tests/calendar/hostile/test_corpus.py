"""Every payload of the hostile corpus through every importer and the write API, followed to
every public surface (#14, "Hardening").

For each channel, every payload's record goes in with a plain companion record (`channels`),
all of them kept for the channel's tests in one transaction that is rolled back at the end.
Each payload's test then checks its import (no exception but `ImportRejected`, bounded time,
a reason for each refused record) and reads, anonymously, its event page with the JSON-LD, the
calendar's search and the API's detail (and search); one test per channel reads the surfaces
all events share: the calendar list, the iCalendar, Atom and JSON-LD feeds, each event's own
.ics, the API's list and the planning CSV. Nothing may answer with a server error, carry
anything executable, or break a feed; the counts must be right and the payload's text must
arrive, escaped, where text is shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from impulsregion.calendar.messages import PROBLEMS
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.services.tokens import issue_api_token
from tests.calendar.hostile import sources, surfaces
from tests.calendar.hostile.channels import (
    IMPORT_SECONDS,
    MARKERS,
    START,
    Loaded,
    Outcome,
    records,
)
from tests.calendar.hostile.corpus import CHANNELS, CORPUS, NAMES, Payload
from tests.factories.calendar import organisation, trust
from tests.factories.region import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FEED_ITEMS = 200  # the Atom and JSON-LD feeds list at most this many dates
LISTED = {"title", "description", "venue"}  # what the calendar's list shows of an event
TOO_LONG = 'The field "%(field)s" has %(length)s characters; at most %(limit)s are allowed.'


# What the corpus finds and is not fixed yet: channel, payload → why it fails. Their tests are
# expected to fail (strictly), and load their record themselves.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}  # (channel, payload) → why it fails, for now


def known_failure(channel: str, payload: Payload) -> str | None:
    return KNOWN_FAILURES.get((channel, payload.name))


@pytest.fixture(scope="module")
def loaded(channel: str, django_db_setup: None, django_db_blocker: Any) -> Iterator[Loaded]:
    """Every payload of the corpus through `channel` (but the known failures, which their
    tests load themselves), kept for the channel's tests: each test runs in a savepoint inside
    this transaction, which is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        jena = organisation("jena", ags="16053000")
        trust(jena)
        state = Loaded(channel, jena)
        if channel == "api":
            editor = make_user("redaktion", role="editor", organisation=jena)
            state.key = issue_api_token(
                organisation=jena, user=editor, name="corpus", acting_user=editor
            )[1]
        for payload in CORPUS:
            if not known_failure(channel, payload):
                state.outcomes[payload.name] = state.load(payload)
        yield state
        transaction.set_rollback(True)


def _reason_fits(reason: str, codes: frozenset[str]) -> bool:
    """Whether `reason` is the translated sentence of one of the problem `codes` ("overlong":
    the sentence of a text too long for its column), whatever value it names."""
    for code in codes:
        template = (
            gettext(TOO_LONG) if code == "overlong" else str(PROBLEMS[code.removeprefix("file:")])
        )
        pattern = re.sub(r"%\\\(\w+\\\)s", ".*", re.escape(template))
        if re.fullmatch(pattern, reason, re.DOTALL):
            return True
    return False


def _check_outcome(channel: str, payload: Payload, outcome: Outcome) -> None:
    refused = payload.refused_by(channel)
    assert outcome.error == "", outcome.error
    assert outcome.seconds < IMPORT_SECONDS
    if channel == "api":
        if refused:
            assert outcome.status == 422
            assert outcome.detail
            for detail in outcome.detail:  # each refused field, with its sentence
                assert set(map(str, detail["loc"])) & refused, detail
                assert detail["msg"].strip()
        else:
            assert outcome.status == 201, outcome.detail
        assert outcome.created == 1 + (not refused)
        return
    with translation.override("de"):
        if any(code.startswith("file:") for code in refused):
            assert _reason_fits(outcome.refused, refused), outcome.refused
            assert outcome.created == 0
            return
        assert outcome.refused == ""
        hostile_id = records(channel, payload)[0].uid
        if refused:
            assert list(outcome.rejected) == [hostile_id]
            assert _reason_fits(outcome.rejected[hostile_id], refused), outcome.rejected
        else:
            assert outcome.rejected == {}
        assert outcome.created == 1 + (not refused)


def _get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def _api_list(client: Client) -> list[dict[str, Any]]:
    """All events of the API's list, page by page; its count agrees with them."""
    items: list[dict[str, Any]] = []
    for number in range(1, 10):
        page = _get(client, f"/api/v1/events?page_size=100&page={number}").json()
        items += page["items"]
        if not page["has_next"]:
            assert page["count"] == len(items)
            return items
    raise AssertionError("more pages than events")


def _shown(channel: str, payload: Payload) -> str | None:
    if sources.target(channel, payload.field) != payload.field:
        return None  # the value rode in the title: nothing particular to look for
    return payload.shown_in(channel)


@pytest.mark.parametrize("payload", CORPUS, ids=NAMES)
@pytest.mark.parametrize("channel", CHANNELS, scope="module")
def test_payload_is_refused_with_a_reason_or_shown_harmlessly(
    request: pytest.FixtureRequest,
    client: Client,
    loaded: Loaded,
    channel: str,
    payload: Payload,
) -> None:
    reason = known_failure(channel, payload)
    if reason is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    outcome = loaded.outcomes.get(payload.name) or loaded.load(payload)
    _check_outcome(channel, payload, outcome)
    assert (outcome.event is not None) == (not payload.refused_by(channel))
    if outcome.event is None:
        return
    event = Event.objects.only("pk", "title_de").get(pk=outcome.event)
    dates = event.occurrences.count()
    assert dates == payload.dates if payload.dates is not None else 1 <= dates <= 1000
    shown = _shown(channel, payload)
    if shown is not None and payload.field == "title":
        assert shown in event.title_de  # the payload's text arrived
    marker = MARKERS[payload.name]

    body = _get(client, event.get_absolute_url()).content.decode()
    page = surfaces.read_page(body, json_ld=1)
    surfaces.assert_escaped(event.title_de, body, page)
    if shown is not None and payload.field != "title":  # a title's text: in the title
        surfaces.assert_escaped(shown, body, page)
    if payload.field == "url" and shown is not None:
        assert ("a", "href", shown) in page.attributes
    items = surfaces.json_ld_of(page)
    assert {item["name"] for item in items} == {event.title_de}
    surfaces.check_json_ld_links(items)

    if sources.target(channel, payload.field) in LISTED:
        listing = _get(client, f"/kalender/?q={quote(marker)}").content.decode()
        surfaces.assert_escaped(event.title_de, listing, surfaces.read_page(listing))
        assert sources.COMPANION_TITLE not in listing
        for text in payload.absent:
            assert text not in listing
    if payload.search:
        query = quote(f"{marker} {payload.value}"[:100])
        assert escape(event.title_de) in _get(client, f"/kalender/?q={query}").content.decode()
        found = _get(client, f"/api/v1/events?q={query}").json()
        assert [item["title_de"] for item in found["items"]] == [event.title_de]

    detail = _get(client, f"/api/v1/events/{event.pk}").json()
    assert detail["title_de"] == event.title_de
    assert len(detail["occurrences"]) == dates
    surfaces.check_api_links(detail)
    minimum = detail["price"]["minimum"]
    assert minimum is None or 0 <= float(minimum) < 1_000_000

    for text in payload.absent:
        assert text not in body + json.dumps(detail)


@pytest.mark.parametrize("channel", CHANNELS, scope="module")
def test_the_shared_surfaces_list_every_event_of_the_corpus_harmlessly(
    client: Client, loaded: Loaded, channel: str
) -> None:
    outcomes = loaded.outcomes
    titles = dict(Event.objects.filter(public_from__isnull=False).values_list("pk", "title_de"))
    assert len(titles) == sum(o.created for o in outcomes.values())
    dates = {pk: Occurrence.objects.filter(event_id=pk).count() for pk in titles}

    surfaces.read_page(_get(client, "/kalender/").content.decode())

    by_event = surfaces.feed_events(surfaces.read_ics(_get(client, "/feeds/events.ics").content))
    assert {pk: len(v) for pk, v in by_event.items()} == dates
    assert {pk: {str(v["SUMMARY"]) for v in vs} for pk, vs in by_event.items()} == {
        pk: {title} for pk, title in titles.items()
    }
    for name, outcome in outcomes.items():
        if outcome.event is not None:
            own = _get(client, f"/feeds/events/{outcome.event}.ics").content
            vevents = surfaces.feed_events(surfaces.read_ics(own))
            summaries = [str(v["SUMMARY"]) for v in vevents.get(outcome.event, [])]
            assert list(vevents) == [outcome.event], name
            assert summaries == [titles[outcome.event]] * dates[outcome.event], name

    entries = surfaces.read_atom(_get(client, "/feeds/events.atom").content)
    assert len(entries) == min(FEED_ITEMS, sum(dates.values()))
    assert {(e.findtext(f"{surfaces.ATOM}title") or "").split(" – ", 1)[1] for e in entries} <= set(
        titles.values()
    )
    document = json.loads(_get(client, "/feeds/events.jsonld").content)
    items = [element["item"] for element in document["itemListElement"]]
    assert len(items) == min(FEED_ITEMS, sum(dates.values()))
    assert {item["name"] for item in items} <= set(titles.values())
    surfaces.check_json_ld_links(items)

    listed = _api_list(client)
    assert len(listed) == len(titles)
    assert sorted(item["title_de"] for item in listed) == sorted(titles.values())
    for item in listed:
        surfaces.check_api_links(item)

    # the planning CSV: a row for each week of each major event with dates from that year on
    rows = surfaces.read_csv(_get(client, f"/planung/{START.year}.csv").content)
    cells = {row[5] for row in rows[1:] if row[4] == "major_event"}
    planned = set(
        Occurrence.objects.filter(start__year__gte=START.year).values_list("event_id", flat=True)
    )
    expected = {
        name: surfaces.safe_cell(o.title) for name, o in outcomes.items() if o.event in planned
    }
    assert {name: cell for name, cell in expected.items() if cell not in cells} == {}
    assert cells == set(expected.values())
