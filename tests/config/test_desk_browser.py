"""The office in a real browser: from the desk to the review of a waiting event, reject it
with a reason, publish the next — one click each, counted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Event
from tests.browser import assert_accessible
from tests.factories.calendar import make_event, organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

START = dt.datetime.now(tz=BERLIN).replace(minute=0, second=0, microsecond=0) + dt.timedelta(
    days=10
)


@pytest.fixture
def waiting(transactional_db) -> list[int]:
    jena, weimar = organisation("jena"), organisation("weimar")
    make_user("buero", role="office")
    return [
        make_event(
            title,
            org=org,
            published=False,
            public_status=PublicStatus.SUBMITTED,
            starts=(START,),
            short_de=short,
        ).pk
        for title, org, short in (
            ("Flohmarkt am Holzmarkt", jena, "Trödel und Kuchen"),
            ("Orgelnacht in der Herderkirche", weimar, "Orgelmusik bei Kerzenschein"),
        )
    ]


def _log_in(page: Any, username: str, prefix: str = "") -> None:
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"pw-{username}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state()


class Clicks:
    """Every click the office makes, counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def click(self, locator: Any) -> None:
        self.count += 1
        locator.click()
        self.page.wait_for_load_state()


def test_office_rejects_one_and_publishes_the_next_from_the_desk(page, waiting) -> None:
    first, second = waiting
    _log_in(page, "buero")
    clicks = Clicks(page)

    # the desk: what waits, and the first review one click away
    assert page.get_by_role("heading", name="Zu erledigen").is_visible()
    assert page.get_by_role("link", name="2 Veranstaltungen warten auf Prüfung").is_visible()
    assert_accessible(page)
    clicks.click(page.get_by_role("link", name="Die erste prüfen"))

    # the review page: the public page, the decision; reject with a reason
    assert page.get_by_role("heading", level=1).inner_text() == "Prüfen: Flohmarkt am Holzmarkt"
    assert page.get_by_role("heading", name="Flohmarkt am Holzmarkt", level=3).is_visible()
    assert_accessible(page)
    page.get_by_label("Grund der Ablehnung").fill("Bitte eine Spielstätte mit Adresse angeben.")
    clicks.click(page.get_by_role("button", name="Ablehnen"))

    # straight on to the next waiting event: publish it
    assert page.get_by_text("„Flohmarkt am Holzmarkt“ ist abgelehnt.").is_visible()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Prüfen: Orgelnacht in der Herderkirche"
    )
    clicks.click(page.get_by_role("button", name="Veröffentlichen"))

    assert page.get_by_text("Keine Veranstaltung wartet mehr auf Prüfung.").is_visible()
    assert page.get_by_role("link", name="0 Veranstaltungen warten auf Prüfung").is_visible()
    rejected, published = Event.objects.get(pk=first), Event.objects.get(pk=second)
    assert clicks.count == 3
    assert (rejected.public_status, rejected.rejection_reason) == (
        PublicStatus.REJECTED,
        "Bitte eine Spielstätte mit Adresse angeben.",
    )
    assert published.public_status == PublicStatus.PUBLISHED
    assert list(published.decisions.values_list("action", flat=True)) == [Decision.PUBLISHED]


def test_rejecting_without_a_reason_says_so_at_the_field(page, waiting) -> None:
    first, _second = waiting
    _log_in(page, "buero")
    page.goto_path(f"/admin/calendar/event/{first}/review/")

    page.get_by_role("button", name="Ablehnen").click()
    page.wait_for_load_state()

    field = page.get_by_label("Grund der Ablehnung")
    assert page.get_by_text("Geben Sie einen Grund für die Ablehnung an.").is_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "id_reason"
    assert Event.objects.get(pk=first).public_status == PublicStatus.SUBMITTED


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["de", "en"])
def test_desk_review_and_list_fit_a_phone(page, waiting, prefix: str) -> None:
    make_user("redaktion", role="editor", organisation=organisation("jena"))
    page.set_viewport_size({"width": 390, "height": 844})
    wider = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    paths = {
        "buero": [
            "/admin/",
            f"/admin/calendar/event/{waiting[0]}/review/",
            "/admin/calendar/event/",
        ],
        "redaktion": ["/admin/"],
    }

    overflow = {}
    for username, shown in paths.items():
        page.context.clear_cookies()
        _log_in(page, username, prefix)
        for path in shown:
            page.goto_path(prefix + path)
            overflow[(username, path)] = page.evaluate(wider)
            assert_accessible(page)

    assert set(overflow.values()) == {0}, overflow
