"""An event is submitted or published only with a date and a venue, or online with the link
to join (#15, point 3); the office's action and the API say which event lacks what, in German,
and publish none of those."""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.tokens import issue_api_token
from tests.factories.calendar import hall, make_event, organisation

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _waiting(title: str, **fields):  # type: ignore[no-untyped-def]
    return make_event(title, published=False, public_status=PublicStatus.SUBMITTED, **fields)


def test_the_office_publishes_only_complete_events_and_hears_what_the_others_lack(
    client: Client, office_user
) -> None:
    jena = organisation("jena")
    complete = _waiting("Orgelnacht", org=jena)
    undated = _waiting("Lesung ohne Termin", org=jena, starts=())
    placeless = _waiting("Konzert ohne Ort", org=jena, place=None)
    online = _waiting("Vortrag im Netz", org=jena, place=None, is_online=True)
    stream = _waiting("Stream", org=jena, place=None, is_online=True, url="https://live.example/")
    client.force_login(office_user)

    answer = client.post(
        "/admin/calendar/event/",
        {
            "action": "publish",
            "_selected_action": [e.pk for e in (complete, undated, placeless, online, stream)],
        },
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    )

    said = [str(m) for m in get_messages(answer.wsgi_request)]
    published = set(
        Event.objects.filter(public_status=PublicStatus.PUBLISHED).values_list(
            "title_de", flat=True
        )
    )
    assert published == {"Orgelnacht", "Stream"}
    assert "Lesung ohne Termin: Es fehlt ein Termin." in said
    assert (
        "Konzert ohne Ort: Es fehlt ein Veranstaltungsort (oder „Online-Veranstaltung“ ankreuzen "
        "und den Link angeben)." in said
    )
    assert "Vortrag im Netz: Es fehlt der Link zur Online-Veranstaltung (Feld „Website“)." in said
    assert "2 Veranstaltungen veröffentlicht." in said


def test_the_api_refuses_to_submit_an_event_without_a_venue(client: Client, editor_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)
    _token, key = issue_api_token(organisation=jena, user=editor, name="t", acting_user=editor)
    body = {"title_de": "Sommerkino", "occurrences": [{"start": "2027-07-04T21:00:00+02:00"}]}

    def post(**fields: object):  # type: ignore[no-untyped-def]
        return client.post(
            "/api/v1/events?submit=true",
            json.dumps({**body, **fields}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
            HTTP_ACCEPT_LANGUAGE="de",
        )

    refused = post()
    accepted = post(place_id=hall(jena).pk)

    assert refused.status_code == 422
    assert "Es fehlt ein Veranstaltungsort" in refused.json()["detail"][0]["msg"]
    assert accepted.status_code == 201
    assert Event.objects.get(pk=accepted.json()["id"]).public_status == PublicStatus.SUBMITTED
