"""Rows inside a back-office form (an event's dates, a route's stops, an organisation's key
figures) follow the role rules of the record, never Django's model permissions, which role
users do not have: the office sees and saves every inline, a member editor those of its own
records, a board member reads them."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib import admin
from django.test import Client

from impulsregion.calendar.models import Event
from tests.factories.calendar import make_event, organisation

pytestmark = [pytest.mark.integration]


def _with_inlines() -> list[tuple[str, admin.ModelAdmin]]:  # type: ignore[type-arg]
    return sorted(
        (f"{model._meta.app_label}/{model._meta.model_name}", model_admin)
        for model, model_admin in admin.site._registry.items()
        if model_admin.inlines
    )


@pytest.mark.parametrize(("path", "model_admin"), _with_inlines(), ids=lambda v: str(v))
def test_the_office_sees_every_inline_on_the_add_form(
    region_data, client: Client, rf, office_user, path: str, model_admin
) -> None:
    client.force_login(office_user)
    request = rf.get("/")
    request.user = office_user
    if not model_admin.has_add_permission(request):
        pytest.skip(f"{path} is made by the platform, not added by hand")

    page = client.get(f"/admin/{path}/add/")

    assert page.status_code == 200
    prefixes = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page.content.decode())
    assert len(prefixes) == len(model_admin.inlines), prefixes


def _new_event(client: Client, org_pk: int, title: str) -> int:
    return client.post(
        "/admin/calendar/event/add/",
        {
            "organisation": str(org_pk),
            "title_de": title,
            "status": "scheduled",
            "is_free": "unknown",
            "currency": "EUR",
            "licence": "CC BY 4.0",
            "images": "[]",
            "occurrences-TOTAL_FORMS": "2",
            "occurrences-INITIAL_FORMS": "0",
            "occurrences-0-day": "2027-03-14",
            "occurrences-0-start_time": "20:00",
            "occurrences-1-day": "2027-03-15",
            "occurrences-1-start_time": "18:00",
            "series-TOTAL_FORMS": "0",
            "series-INITIAL_FORMS": "0",
            "uploaded_images-TOTAL_FORMS": "0",
            "uploaded_images-INITIAL_FORMS": "0",
            "decisions-TOTAL_FORMS": "0",
            "decisions-INITIAL_FORMS": "0",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    ).status_code


@pytest.mark.parametrize("role", ["office", "editor"])
def test_office_and_editor_enter_an_events_dates_in_the_form(
    region_data, client: Client, make_user, role: str
) -> None:
    jena = organisation("jena")
    client.force_login(make_user(role, role=role, organisation=jena))

    status = _new_event(client, jena.pk, f"Orgelnacht ({role})")

    assert status == 302
    event = Event.objects.get(title_de=f"Orgelnacht ({role})")
    assert [o.start.strftime("%d.%m. %H:%M") for o in event.occurrences.order_by("start")] == [
        "14.03. 19:00",  # stored in UTC: 20:00 in Erfurt
        "15.03. 17:00",
    ]


def test_a_board_member_reads_the_dates_and_cannot_save(
    region_data, client: Client, make_user
) -> None:
    jena = organisation("jena")
    event = make_event("Orgelnacht", org=jena)
    client.force_login(make_user("vorstand", role="board", organisation=jena))

    page = client.get(f"/admin/calendar/event/{event.pk}/change/").content.decode()

    assert "5. Dezember 2026, 19:30" in html.unescape(page).replace("\xa0", " ")  # read only
    assert 'name="occurrences-0-day"' not in page
    assert _new_event(client, jena.pk, "Vorstandsnacht") == 403


def test_an_editor_of_one_member_finds_it_chosen_in_a_new_event(
    region_data, client: Client, make_user
) -> None:
    jena = organisation("jena")
    client.force_login(make_user("redaktion", role="editor", organisation=jena))

    page = client.get("/admin/calendar/event/add/").content.decode()

    assert re.search(rf'<option value="{jena.pk}" selected>', page)
