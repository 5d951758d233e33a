"""A member editor finds venues by name and town in the event form's venue picker and
creates a new one from there (the "+" popup); the municipality follows from postcode and
town, a venue outside the region is refused; only the office changes venues."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.test import Client

from impulsregion.calendar.models import Place
from impulsregion.region.models import Organisation
from tests.factories.calendar import make_place, organisation

pytestmark = [pytest.mark.integration]


def _venue(**fields: str) -> dict[str, str]:
    """The venue form's fields; `_popup=""` sends it as the page, not as the popup."""
    values = {
        "name": "Glockenmuseum",
        "street": "Bahnhofstraße 41",
        "postal_code": "99510",
        "locality": "Apolda",
        "latitude": "",
        "longitude": "",
        "url": "",
        "capacity": "",
        "accessibility_note": "",
        "_popup": "1",
        **fields,
    }
    return {name: value for name, value in values.items() if name != "_popup" or value}


@pytest.fixture
def jena_editor(region_data, client: Client, editor_user) -> Client:
    client.force_login(editor_user(organisation("jena")))
    return client


def _popup_answer(response: Any) -> dict[str, str]:
    found = re.search(r'data-popup-response="([^"]+)"', response.content.decode())
    assert found, response.content.decode()[-2000:]
    return json.loads(html.unescape(found.group(1)))


def test_an_editor_creates_a_venue_from_the_event_form_and_its_municipality_follows(
    jena_editor: Client,
) -> None:
    form = jena_editor.get("/admin/calendar/place/add/?_to_field=id&_popup=1")

    answer = jena_editor.post(
        "/admin/calendar/place/add/?_to_field=id&_popup=1",
        _venue(latitude="51,0265", longitude="11,5135"),
    )

    assert form.status_code == 200
    place = Place.objects.get(name="Glockenmuseum")
    assert (place.ags, place.municipality) == (
        "16071000",
        Organisation.objects.get(slug="weimarer-land"),
    )
    assert (str(place.latitude), str(place.longitude)) == ("51.026500", "11.513500")
    assert _popup_answer(answer) == {
        "value": str(place.pk),
        "obj": "Glockenmuseum, Bahnhofstraße 41, 99510 Apolda",
    }


@pytest.mark.parametrize(
    ("postal_code", "locality", "member"),
    [
        pytest.param("", "Jena", "jena", id="town-only"),
        pytest.param("99428", "Isseroda", "weimarer-land", id="shared-postcode-district"),
        pytest.param("99428", "Weimar", "weimar", id="shared-postcode-city"),
        pytest.param("99084", "Erfurt", "erfurt", id="city-postcode"),
    ],
)
def test_the_municipality_is_resolved_from_postcode_or_town(
    jena_editor: Client, postal_code: str, locality: str, member: str
) -> None:
    answer = jena_editor.post(
        "/admin/calendar/place/add/",
        _venue(name="Saal", postal_code=postal_code, locality=locality, _popup=""),
    )

    assert answer.status_code == 302
    assert Place.objects.get(name="Saal").municipality == Organisation.objects.get(slug=member)


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        pytest.param(
            {"postal_code": "80331", "locality": "München"},
            "80331 München lies outside the Impulsregion (Erfurt, Weimar, Jena, Weimarer Land): "
            "the calendar takes only venues in the region.",
            id="munich",
        ),
        pytest.param(
            {"postal_code": "07751", "locality": "Golmsdorf"},
            "07751 Golmsdorf lies outside the Impulsregion (Erfurt, Weimar, Jena, Weimarer "
            "Land): the calendar takes only venues in the region.",
            id="saale-holzland-beside-jena",
        ),
        pytest.param(
            {"postal_code": "", "locality": "Apolda"},
            "Enter the postcode: the town alone does not say which municipality it is.",
            id="town-without-postcode",
        ),
        pytest.param(
            {"postal_code": "9951"},
            "A German postcode has five digits, e.g. 07743.",
            id="short-postcode",
        ),
        pytest.param(
            {"latitude": "48.1374", "longitude": "11.5755"},
            "These coordinates lie outside Thuringia. Check them (the region lies about "
            "latitude 50.9, longitude 11.4) or leave them empty.",
            id="coordinates-in-munich",
        ),
        pytest.param(
            {"latitude": "51.0265"},
            "Enter both latitude and longitude, or neither.",
            id="half-a-position",
        ),
    ],
)
def test_a_venue_outside_the_region_or_with_bad_coordinates_is_refused(
    jena_editor: Client, fields: dict[str, str], sentence: str
) -> None:
    answer = jena_editor.post("/en/admin/calendar/place/add/?_popup=1", _venue(**fields))

    assert answer.status_code == 200
    assert sentence in html.unescape(answer.content.decode())
    assert Place.objects.count() == 0


def test_a_venue_that_exists_is_named_instead_of_made_twice(jena_editor: Client) -> None:
    make_place("Volkshaus")

    answer = jena_editor.post(
        "/en/admin/calendar/place/add/",
        _venue(name="volkshaus", postal_code="07743", locality="Jena", _popup=""),
    )

    assert "This venue exists already: Volkshaus, Carl-Zeiß-Platz 15, 07743 Jena." in (
        html.unescape(answer.content.decode())
    )
    assert Place.objects.count() == 1


def test_the_venue_picker_finds_by_name_town_and_municipality_and_shows_the_address(
    jena_editor: Client,
) -> None:
    weimarer_land = Organisation.objects.get(slug="weimarer-land")
    make_place("Volkshaus")
    make_place(
        "Glockenmuseum",
        street="Bahnhofstraße 41",
        postal_code="99510",
        locality="Apolda",
        ags="16071000",
        municipality=weimarer_land,
    )

    def picked(term: str) -> list[str]:
        answer = jena_editor.get(
            "/admin/autocomplete/",
            {"app_label": "calendar", "model_name": "event", "field_name": "place", "term": term},
        )
        return [row["text"] for row in answer.json()["results"]]

    assert picked("Glocken") == ["Glockenmuseum, Bahnhofstraße 41, 99510 Apolda"]
    assert picked("apolda") == ["Glockenmuseum, Bahnhofstraße 41, 99510 Apolda"]
    assert picked("Weimarer Land") == ["Glockenmuseum, Bahnhofstraße 41, 99510 Apolda"]
    assert picked("Jena") == ["Volkshaus, Carl-Zeiß-Platz 15, 07743 Jena"]


def test_an_editor_creates_venues_but_only_the_office_changes_them(jena_editor: Client) -> None:
    place = make_place("Volkshaus")
    path = f"/admin/calendar/place/{place.pk}/change/"

    refused = jena_editor.post(path, _venue(name="Volkshaus (umbenannt)", _popup=""))
    event_form = jena_editor.get("/admin/calendar/event/add/").content.decode()

    assert refused.status_code == 403
    place.refresh_from_db()
    assert place.name == "Volkshaus"
    assert 'id="add_id_place"' in event_form  # the "+" beside the venue picker
    assert 'id="change_id_place"' not in event_form


def test_the_office_changes_a_venues_address_and_its_municipality_follows(
    region_data, client_office: Client
) -> None:
    place = make_place("Volkshaus")

    answer = client_office.post(
        f"/admin/calendar/place/{place.pk}/change/",
        _venue(
            name="Volkshaus", street="Markt 1", postal_code="99423", locality="Weimar", _popup=""
        ),
    )

    assert answer.status_code == 302
    place.refresh_from_db()
    assert (place.ags, place.municipality.slug) == ("16055000", "weimar")
