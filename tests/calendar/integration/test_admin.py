from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar import admin as calendar_admin
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import ApiToken, Event
from tests.factories.calendar import make_event, organisation
from tests.jobs import run_jobs

pytestmark = pytest.mark.integration


def test_editor_lists_own_events_and_office_publishes_by_action(
    db, client, editor_user, office_user
) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    own = make_event(
        "Eigene Lesung", org=jena, published=False, public_status=PublicStatus.SUBMITTED
    )
    make_event("Fremdes Konzert", org=weimar)
    client.force_login(editor_user(jena))

    listing = client.get("/admin/calendar/event/").content.decode()
    client.force_login(office_user)
    client.post("/admin/calendar/event/", {"action": "publish", "_selected_action": [own.pk]})

    own.refresh_from_db()
    assert "Eigene Lesung" in listing
    assert own.public_status == PublicStatus.PUBLISHED
    assert own.public_from is not None
    assert own.public_from <= dt.datetime.now(tz=dt.UTC)


def test_editor_cannot_open_another_organisations_event(db, client, editor_user) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    other = make_event("Fremdes Konzert", org=weimar)
    client.force_login(editor_user(jena))

    response = client.post(f"/admin/calendar/event/{other.pk}/change/", {"title_de": "Gekapert"})

    other.refresh_from_db()
    assert response.status_code in (302, 403)
    assert other.title_de == "Fremdes Konzert"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/calendar/event/",
        "/admin/calendar/event/add/",
        "/admin/calendar/place/",
        "/admin/calendar/duplicateproposal/",
        "/admin/calendar/importrun/",
        "/admin/calendar/apitoken/add/",
        "/admin/calendar/publisher/",
    ],
)
def test_back_office_pages_open_for_the_office(db, client_office, path: str) -> None:
    organisation("jena")

    response = client_office.get(path)

    assert response.status_code == 200


def test_event_change_page_opens(db, client_office) -> None:
    event = make_event("Konzert", org=organisation("jena"))

    assert client_office.get(f"/admin/calendar/event/{event.pk}/change/").status_code == 200


def test_office_issues_an_api_token_and_sees_it_once(db, client_office, editor_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)

    response = client_office.post(
        "/admin/calendar/apitoken/add/",
        {"organisation": jena.pk, "user": editor.pk, "name": "Spielplan"},
        follow=True,
    )

    token = ApiToken.objects.get()
    page = response.content.decode()
    assert (token.organisation, token.user, token.name) == (jena, editor, "Spielplan")
    assert token.prefix in page
    assert len(token.key_hash) == 64


def test_office_publishes_a_large_selection_as_a_background_job(
    db, client, office_user, monkeypatch
) -> None:
    monkeypatch.setattr(calendar_admin, "PUBLISH_IN_REQUEST", 2)  # instead of making 501 events
    jena = organisation("jena")
    drafts = [
        make_event(f"Import {n}", org=jena, published=False, public_status=PublicStatus.SUBMITTED)
        for n in range(3)
    ]
    client.force_login(office_user)

    answer = client.post(
        "/admin/calendar/event/",
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    ).content.decode()

    assert "3 Veranstaltungen werden im Hintergrund veröffentlicht" in answer
    assert not Event.objects.filter(public_status=PublicStatus.PUBLISHED).exists()
    run_jobs()
    assert Event.objects.filter(public_status=PublicStatus.PUBLISHED).count() == 3
    jobs = client.get("/admin/common/job/").content.decode()
    assert "Veranstaltungen veröffentlichen" in jobs
    assert "erledigt" in jobs
