"""Public pages a front cache may keep: anonymous pages are public for a minute with a
validator and set no cookie; a change of the calendar ends the validator; a signed-in user's
pages are kept by no one; the language switch is a plain link."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event
from tests.factories.calendar import make_event, make_place, organisation

pytestmark = pytest.mark.integration

SOON = dt.datetime.now(tz=BERLIN).replace(microsecond=0) + dt.timedelta(days=3)
PUBLIC = "public, max-age=10, stale-while-revalidate=30"


@pytest.fixture
def one_minute() -> None:
    """A calendar page's validator names the minute: start a test well inside one."""
    if dt.datetime.now(tz=dt.UTC).second >= 55:
        time.sleep(61 - dt.datetime.now(tz=dt.UTC).second)


@pytest.fixture
def concert(db) -> Event:
    organisation("jena", ags="16053000")
    return make_event("Orgelkonzert", place=make_place(), starts=(SOON,))


def _pages(concert: Event) -> list[str]:
    return ["/", "/kalender/", "/en/kalender/", concert.get_absolute_url()]


def test_anonymous_pages_are_public_with_a_validator_and_no_cookie(concert, one_minute) -> None:
    for url in _pages(concert):
        client = Client()
        response = client.get(url)

        assert (response.status_code, response.headers["Cache-Control"]) == (200, PUBLIC), url
        assert response.headers["ETag"].startswith('"'), url
        vary = {part.strip() for part in response.headers["Vary"].split(",")}
        assert vary == {"Cookie", "Accept-Encoding"}, url  # the language is the URL's prefix
        assert response.cookies == {}, url
        assert client.cookies == {}, url


def test_a_second_request_with_the_validator_is_answered_304(concert, one_minute) -> None:
    for url in _pages(concert):
        client = Client()
        etag = client.get(url).headers["ETag"]

        again = client.get(url, HTTP_IF_NONE_MATCH=etag)

        assert (again.status_code, again.content) == (304, b""), url
        assert again.headers["ETag"] == etag, url
        assert again.headers["Cache-Control"] == PUBLIC, url


def test_pages_in_the_two_languages_have_different_validators(concert, one_minute) -> None:
    german = Client().get("/kalender/").headers["ETag"]
    english = Client().get("/en/kalender/").headers["ETag"]

    assert german != english
    assert Client().get("/en/kalender/", HTTP_IF_NONE_MATCH=german).status_code == 200


def test_an_edit_by_the_office_ends_the_validator(concert, client_office, one_minute) -> None:
    visitor = Client()
    pages = {url: visitor.get(url).headers["ETag"] for url in _pages(concert)[1:]}

    concert.title_de = "Orgelnacht"
    concert.save()

    for url, etag in pages.items():
        response = visitor.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, url
        assert "Orgelnacht" in response.content.decode(), url


def test_a_publication_by_the_office_ends_the_validator(concert, client_office, one_minute) -> None:
    draft = make_event(
        "Jazz im Hof",
        starts=(SOON,),
        published=False,
        public_status=PublicStatus.SUBMITTED,
    )
    visitor = Client()
    before = visitor.get("/kalender/")

    client_office.post(
        "/admin/calendar/event/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    after = visitor.get("/kalender/", HTTP_IF_NONE_MATCH=before.headers["ETag"])

    assert "Jazz im Hof" not in before.content.decode()
    assert after.status_code == 200
    assert "Jazz im Hof" in after.content.decode()


def test_a_deletion_by_the_office_ends_the_validator(concert, client_office, one_minute) -> None:
    visitor = Client()
    listing = visitor.get("/kalender/").headers["ETag"]
    page = visitor.get(concert.get_absolute_url()).headers["ETag"]

    client_office.post(f"/admin/calendar/event/{concert.pk}/delete/", {"post": "yes"})

    after = visitor.get("/kalender/", HTTP_IF_NONE_MATCH=listing)
    assert after.status_code == 200
    assert "Orgelkonzert" not in after.content.decode()
    assert visitor.get(concert.get_absolute_url(), HTTP_IF_NONE_MATCH=page).status_code == 404


def test_the_office_gets_pages_no_one_keeps(concert, client_office) -> None:
    draft = make_event("Entwurf einer Lesung", starts=(SOON,), published=False)

    for url in ["/", "/kalender/", concert.get_absolute_url(), draft.get_absolute_url()]:
        response = client_office.get(url)

        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, url
        assert "public" not in cache_control, url
        assert "ETag" not in response.headers, url
        assert "Cookie" in response.headers["Vary"], url


def test_the_office_is_not_answered_304_with_a_visitors_validator(concert, client_office) -> None:
    etag = Client().get(concert.get_absolute_url()).headers["ETag"]

    response = client_office.get(concert.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200


def test_the_language_switch_leads_to_the_english_page_and_back(concert) -> None:
    visitor = Client()
    german = visitor.get("/kalender/?municipality=jena").content.decode()
    to_english = '<a href="/en/kalender/?municipality=jena" hreflang="en" lang="en">English</a>'

    english = visitor.get("/en/kalender/?municipality=jena").content.decode()
    to_german = '<a href="/kalender/?municipality=jena" hreflang="de" lang="de">Deutsch</a>'

    assert to_english in german
    assert '<html lang="de">' in german
    assert to_german in english
    assert '<html lang="en">' in english
    assert "<h1>Culture calendar</h1>" in english
    assert visitor.cookies == {}


def _queries_of(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def test_a_plain_event_page_asks_no_programme_query(concert) -> None:
    queries = _queries_of(Client(), concert.get_absolute_url())

    by_umbrella = [sql for sql in queries if f'"parent_id" = {concert.pk}' in sql]
    # data version, event, its dates, "an umbrella?", its first uploaded image, categories
    assert len(queries) == 6
    assert len(by_umbrella) == 1  # is it an umbrella? one lookup in the index, no programme
    assert by_umbrella[0].endswith("LIMIT 1")


@pytest.mark.parametrize("items", [1, 3])
def test_an_umbrella_page_asks_the_same_queries_for_one_and_three_items(db, items) -> None:
    organisation("jena", ags="16053000")
    night = make_event("Lange Nacht der Museen", starts=(SOON,))
    for number in range(items):
        make_event(f"Führung {number}", parent=night, place=make_place(), starts=(SOON,))
    make_event("Ohne Termin", parent=night, starts=())

    queries = _queries_of(Client(), night.get_absolute_url())

    assert len(queries) == 8  # the plain page's six, the programme's dates and undated items


def test_a_visitors_page_is_rendered_once_for_every_visitor_until_the_data_changes(
    concert, one_minute
) -> None:
    first = Client().get("/kalender/")
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/kalender/")  # another visitor, no validator of their own

    assert second.status_code == 200
    assert second.content == first.content
    assert len(queries) <= 2, [q["sql"] for q in queries]  # the data version, nothing rendered

    concert.title_de = "Orgelnacht"
    concert.save()
    assert "Orgelnacht" in Client().get("/kalender/").content.decode()


def test_a_signed_in_editor_is_never_served_a_visitors_kept_page(concert, client_office) -> None:
    draft = make_event("Entwurf einer Lesung", starts=(SOON,), published=False)
    Client().get(draft.get_absolute_url())  # a visitor: 404, nothing kept
    Client().get("/kalender/")

    page = client_office.get(draft.get_absolute_url()).content.decode()
    assert "Entwurf einer Lesung" in page
    assert "Nicht öffentlich" in page


def test_the_home_page_is_kept_for_seconds_for_visitors_without_cookies(
    concert, client_office
) -> None:
    first = Client().get("/")
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/")

    assert second.status_code == 200
    assert second.content == first.content
    assert len(queries) == 0
    for header in ("Content-Security-Policy", "Content-Language", "X-Frame-Options"):
        assert second.headers[header] == first.headers[header], header
    # the office (a session cookie) never gets the visitors' copy
    with CaptureQueriesContext(connection) as queries:
        office = client_office.get("/")
    assert len(queries) > 0
    assert "private" in office.headers["Cache-Control"]
