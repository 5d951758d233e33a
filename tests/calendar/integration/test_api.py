from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from ninja.responses import NinjaJSONEncoder

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Category, Event
from impulsregion.calendar.schemas import EventPage
from impulsregion.calendar.services.tokens import issue_api_token
from tests.factories.calendar import hall, make_event, make_place, organisation

pytestmark = pytest.mark.integration

SOON = dt.datetime.now(tz=BERLIN).replace(microsecond=0, second=0) + dt.timedelta(days=3)


@pytest.fixture
def events(db) -> None:
    jena, weimar = organisation("jena", ags="16053000"), organisation("weimar", ags="16055000")
    make_event(
        "Kulturarena Eröffnung",
        org=jena,
        place=make_place(),
        categories=("music",),
        starts=(SOON, SOON + dt.timedelta(days=40)),
    )
    make_event("Zwiebelmarkt", org=weimar, starts=(SOON + dt.timedelta(days=1),), is_free=True)


def test_list_with_filters_and_occurrences_in_range(events, client) -> None:
    start = SOON.date().isoformat()
    end = (SOON + dt.timedelta(days=5)).date().isoformat()

    data = client.get(f"/api/v1/events?municipality=jena&start={start}&end={end}").json()

    assert data["count"] == 1
    (item,) = data["items"]
    assert item["title_de"] == "Kulturarena Eröffnung"
    assert item["municipality"] == "jena"
    assert item["categories"] == ["music"]
    assert [o["start"] for o in item["occurrences"]] == [SOON.isoformat()]


def test_text_search_and_free_filter(events, client) -> None:
    assert [i["title_de"] for i in client.get("/api/v1/events?q=zwiebel").json()["items"]] == [
        "Zwiebelmarkt"
    ]
    assert [i["title_de"] for i in client.get("/api/v1/events?free=true").json()["items"]] == [
        "Zwiebelmarkt"
    ]


def test_pagination_orders_by_next_date(events, client) -> None:
    first = client.get("/api/v1/events?page_size=1").json()
    second = client.get("/api/v1/events?page_size=1&page=2").json()

    assert (first["count"], first["items"][0]["title_de"], second["items"][0]["title_de"]) == (
        2,
        "Kulturarena Eröffnung",
        "Zwiebelmarkt",
    )


@pytest.mark.parametrize(
    ("query", "loc", "message"),
    [
        pytest.param(
            "start=2026-13-01", ["query", "start"], "Enter a date as YYYY-MM-DD.", id="bad-date"
        ),
        pytest.param(
            "start=2026-07-02&end=2026-07-01",
            ["query", "end"],
            "The end date lies before the start date.",
            id="end-before-start",
        ),
        pytest.param(
            "page_size=500",
            ["query", "page_size"],
            "Enter a value of at most 100.",
            id="page-too-big",
        ),
    ],
)
def test_bad_parameters_get_a_specific_message(
    events, client, query: str, loc: list[str], message: str
) -> None:
    response = client.get(f"/api/v1/events?{query}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": loc, "msg": message}]}


def test_detail_places_and_categories(events, client) -> None:
    event = Event.objects.get(title_de="Zwiebelmarkt")

    detail = client.get(f"/api/v1/events/{event.pk}").json()
    places = client.get("/api/v1/places?municipality=jena").json()
    categories = client.get("/api/v1/categories").json()

    assert detail["price"]["is_free"] is True
    assert [p["name"] for p in places] == ["Volkshaus"]
    assert categories[0] == {
        "slug": "music",
        "name_de": "Musik & Konzert",
        "name_en": "Music & concerts",
    }
    assert client.get("/api/v1/events/999999").status_code == 404


def test_write_api_creates_and_submits_through_the_services(events, client, editor_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)
    _token, key = issue_api_token(
        organisation=jena, user=editor, name="Spielplan-Export", acting_user=editor
    )
    payload = {
        "title_de": "Sommerkino",
        "occurrences": [{"start": SOON.isoformat()}],
        "categories": ["film"],
        "place_id": hall(jena).pk,
    }

    created = client.post(
        "/api/v1/events?submit=true",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    anonymous = client.post("/api/v1/events", json.dumps(payload), content_type="application/json")
    naive = client.post(
        "/api/v1/events",
        json.dumps({**payload, "occurrences": [{"start": "2026-07-04T20:00:00"}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert created.status_code == 201
    event = Event.objects.get(pk=created.json()["id"])
    assert (event.public_status, event.organisation.slug, event.created_by) == (
        PublicStatus.SUBMITTED,
        "jena",
        editor,
    )
    assert anonymous.status_code == 401
    assert naive.status_code == 422


@pytest.mark.parametrize(
    ("occurrence", "extra", "loc", "message"),
    [
        pytest.param(
            {"start": SOON.isoformat(), "all_day": 0},
            {},
            ["body", "occurrences", 0, "all_day"],
            "Enter true or false.",
            id="number-for-a-boolean",
        ),
        pytest.param(
            {"start": 1_800_000_000},
            {},
            ["body", "occurrences", 0, "start"],
            "Enter a date and time as YYYY-MM-DDTHH:MM.",
            id="seconds-for-a-date-time",
        ),
        pytest.param(
            {"start": "0230-06-25T16:27:11-21:36"},
            {},
            ["body", "occurrences", 0, "start"],
            "Enter a value of at least 1990-01-01.",
            id="year-230",
        ),
        pytest.param(
            {"start": SOON.isoformat()},
            {"price_text": "ab 5\x00 €"},
            ["body", "price_text"],
            "Null characters are not allowed.",
            id="null-character",
        ),
        pytest.param(
            {"start": SOON.isoformat()},
            {"expected_visitors": 2**40},
            ["body", "expected_visitors"],
            "Enter a value of at most 10000000.",
            id="visitors-beyond-the-database",
        ),
    ],
)
def test_write_api_takes_the_json_types_its_schema_states(
    events, client, editor_user, occurrence, extra, loc, message
) -> None:
    # the contract test found all_day: 0 taken; the same lax mode took seconds for a date-time
    jena = organisation("jena")
    editor = editor_user(jena)
    _token, key = issue_api_token(organisation=jena, user=editor, name="Feed", acting_user=editor)
    payload = {"title_de": "Sommerkino", "occurrences": [occurrence], **extra}

    response = client.post(
        "/api/v1/events",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": loc, "msg": message}]}
    assert not Event.objects.filter(title_de="Sommerkino").exists()


def test_write_api_takes_any_offset_iso_8601_allows(events, client, editor_user) -> None:
    # found by the contract test: PostgreSQL refused the offset -21:36 (a 500)
    jena = organisation("jena")
    editor = editor_user(jena)
    _token, key = issue_api_token(organisation=jena, user=editor, name="Feed", acting_user=editor)
    start = SOON.replace(tzinfo=dt.timezone(-dt.timedelta(hours=21, minutes=36)))
    payload = {"title_de": "Sommerkino", "occurrences": [{"start": start.isoformat()}]}

    response = client.post(
        "/api/v1/events",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 201
    event = Event.objects.get(pk=response.json()["id"])
    assert [o.start for o in event.occurrences.all()] == [start]


def test_an_event_id_beyond_64_bits_is_an_invalid_value(events, client) -> None:
    response = client.get(f"/api/v1/events/{2**63}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["path", "event_id"], "msg": "Enter a value of at most 9223372036854775807."}
        ]
    }


def test_german_stemming_on_postgresql(events, client) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("German stemming is PostgreSQL's; SQLite's FTS5 matches word prefixes")

    data = client.get("/api/v1/events?q=Eröffnungen").json()

    assert [i["title_de"] for i in data["items"]] == ["Kulturarena Eröffnung"]


def test_search_finds_words_beginning_with_the_text_not_the_neighbours_of_its_stem(
    db, client
) -> None:
    weimar = organisation("weimar", ags="16055000")
    for title in ("Krämerbrückenfest", "Bauernmarkt", "Bauhaus-Spaziergang", "Batebi Quartett"):
        make_event(title, org=weimar, starts=(SOON,))

    def found(q: str) -> list[str]:
        return sorted(i["title_de"] for i in client.get(f"/api/v1/events?q={q}").json()["items"])

    # the umlaut as typed; "Bauer" and "Batebe" share the German stems "bau" and "bateb" with
    # the other titles, which a prefix of the stem would find
    assert found("Krämer") == ["Krämerbrückenfest"]
    assert found("Bauer") == ["Bauernmarkt"]
    assert found("Bau") == ["Bauernmarkt", "Bauhaus-Spaziergang"]
    assert found("Batebe") == []
    assert found("batebi") == ["Batebi Quartett"]
    assert found("%21%3F") == []  # "!?": nothing to search for finds nothing


def test_list_is_written_in_the_schema_shape_and_agrees_with_the_detail(events, client) -> None:
    Event.objects.filter(title_de="Zwiebelmarkt").update(
        images=[{"url": "https://example.org/zwiebel.jpg", "credit": "Stadt Weimar"}],
        price_min="3.50",
    )
    zwiebelmarkt = Event.objects.get(title_de="Zwiebelmarkt")
    zwiebelmarkt.categories.set(Category.objects.filter(slug__in=["other", "festival", "music"]))

    data = client.get("/api/v1/events").json()
    details = [client.get(f"/api/v1/events/{item['id']}").json() for item in data["items"]]

    # what ninja writes after validating against the declared schema: same keys, same formats
    validated = EventPage.model_validate(data).model_dump()
    assert json.loads(json.dumps(validated, cls=NinjaJSONEncoder)) == data
    assert data["items"] == details
    assert details[1]["images"] == [
        {
            "url": "https://example.org/zwiebel.jpg",
            "credit": "Stadt Weimar",
            "licence": "",
            "alt": "",
        }
    ]
    assert details[1]["categories"] == ["music", "festival", "other"]  # the vocabulary's order
    assert (data["count"], data["count_exact"], data["has_next"]) == (2, True, False)
