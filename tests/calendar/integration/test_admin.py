from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.enums import PublicStatus
from tests.factories.calendar import make_event, organisation

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
