"""Programme links (#14, point 10): an event becomes part of an umbrella event of its own
member, or of one the office opened to other members (a joint event such as the museum night);
never its own umbrella, never in a cycle. The API and the back office say why, in German."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.publishing import publish_events
from impulsregion.calendar.services.tokens import issue_api_token
from tests.e2e_support import form_fields
from tests.factories.calendar import hall, make_event, organisation, trust

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = dt.datetime(2027, 5, 15, 18, 0, tzinfo=BERLIN)


@pytest.fixture
def erfurt_api(client: Client, editor_user):  # type: ignore[no-untyped-def]
    erfurt = organisation("erfurt")
    editor = editor_user(erfurt)
    _token, key = issue_api_token(organisation=erfurt, user=editor, name="t", acting_user=editor)

    def send(method: str, path: str, **fields: object):  # type: ignore[no-untyped-def]
        body = {
            "title_de": "Lange Nacht",
            "occurrences": [{"start": START.isoformat()}],
            "place_id": hall(erfurt).pk,
            **fields,
        }
        return getattr(client, method)(
            path,
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
            HTTP_ACCEPT_LANGUAGE="de",
        )

    return send


def test_an_event_of_another_member_is_no_umbrella_unless_the_office_opened_it(
    erfurt_api,
) -> None:
    weimar_festival = make_event("Kunstfest", org=organisation("weimar"))

    refused = erfurt_api("post", "/api/v1/events", parent_id=weimar_festival.pk)
    weimar_festival.open_programme = True
    weimar_festival.save()
    accepted = erfurt_api("post", "/api/v1/events", parent_id=weimar_festival.pk)

    assert refused.status_code == 422
    assert "gehört einem anderen Mitglied" in refused.json()["detail"][0]["msg"]
    assert accepted.status_code == 201
    assert Event.objects.get(pk=accepted.json()["id"]).parent == weimar_festival
    assert list(weimar_festival.sub_events.all()) == [Event.objects.get(pk=accepted.json()["id"])]


def test_no_event_is_its_own_umbrella_and_no_cycle_forms(erfurt_api) -> None:
    erfurt = organisation("erfurt")
    trust(erfurt)  # changes apply at once
    night, item = make_event("Krämerbrückenfest", org=erfurt), make_event("Markt", org=erfurt)

    own = erfurt_api("put", f"/api/v1/events/{night.pk}", parent_id=night.pk)
    linked = erfurt_api("put", f"/api/v1/events/{item.pk}", parent_id=night.pk)
    cycle = erfurt_api("put", f"/api/v1/events/{night.pk}", parent_id=item.pk)
    deeper = erfurt_api("post", "/api/v1/events", parent_id=item.pk)

    assert own.status_code == 422
    assert "nicht ihre eigene" in own.json()["detail"][0]["msg"]
    assert linked.status_code == 200
    assert cycle.status_code == 422
    assert deeper.status_code == 422
    night.refresh_from_db()
    assert night.parent is None


def test_the_back_office_refuses_an_umbrella_of_another_member_at_the_field(
    client: Client, editor_user
) -> None:
    erfurt = organisation("erfurt")
    client.force_login(editor_user(erfurt))
    item = make_event("Lesung", org=erfurt)
    foreign = make_event("Kunstfest", org=organisation("weimar"))
    path = f"/admin/calendar/event/{item.pk}/change/"
    fields = dict(form_fields(client.get(path).content.decode(), "event_form"))

    answer = client.post(path, {**fields, "parent": str(foreign.pk)}, HTTP_ACCEPT_LANGUAGE="de")
    picker = client.get(
        "/admin/autocomplete/",
        {"app_label": "calendar", "model_name": "event", "field_name": "parent", "term": ""},
    ).json()

    assert answer.status_code == 200
    assert "gehört einem anderen Mitglied" in answer.content.decode()
    item.refresh_from_db()
    assert item.parent is None
    assert {r["text"] for r in picker["results"]} == {"Lesung"}


def test_a_pending_change_that_became_a_cycle_is_not_published(erfurt_api, office_user) -> None:
    erfurt = organisation("erfurt")
    night, item = make_event("Krämerbrückenfest", org=erfurt), make_event("Markt", org=erfurt)
    erfurt_api("put", f"/api/v1/events/{item.pk}", parent_id=night.pk)  # waits for review
    erfurt_api("put", f"/api/v1/events/{night.pk}", parent_id=item.pk)  # waits as well

    report = publish_events(
        events=[item.pk, night.pk], user=office_user, now=dt.datetime.now(dt.UTC)
    )

    item.refresh_from_db()
    night.refresh_from_db()
    assert {item.parent, night.parent} in ({night, None}, {item, None})  # one link, no cycle
    assert report.published == 1
    assert len(report.skipped) == 1
    (skipped, _title, why) = report.skipped[0]
    assert "Teil einer anderen" in why or "eigene Programmpunkte" in why
    assert Event.objects.get(pk=skipped).pending_changes  # still waiting for review
