"""A member editor in a real browser: a new event with a weekly rule, its dates shown before
saving, a new venue made through the "+" beside the venue picker, saved; the dates are on
the event's page. At 1366 and 390 px, in German and in English (screenshots in
/tmp/shots-dates/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from impulsregion.calendar.models import Event, Place
from impulsregion.region.services import load_region
from tests.browser import assert_accessible
from tests.factories.calendar import organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SHOTS = Path("/tmp/shots-dates")
YEAR = dt.date.today().year + 1
# the Tuesdays of March of that year
TUESDAYS = [d for d in (dt.date(YEAR, 3, day) for day in range(1, 32)) if d.weekday() == 1]
WORDS = {
    "": {"preview": "Termine anzeigen", "weekday": "Dienstag", "save": "Sichern"},
    "/en": {"preview": "Show dates", "weekday": "Tuesday", "save": "Save"},
}


@pytest.fixture
def editor(transactional_db) -> str:
    load_region()
    make_user("redaktion", role="editor", organisation=organisation("jena"))
    return "redaktion"


def _log_in(page: Any, username: str, prefix: str) -> None:
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"pw-{username}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["de", "en"])
def test_an_editor_enters_a_weekly_rule_previews_it_makes_a_venue_and_saves(
    page: Any, editor: str, prefix: str, width: int
) -> None:
    words, tag = WORDS[prefix], f"{prefix.strip('/') or 'de'}-{width}"
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    _log_in(page, editor, prefix)
    page.goto_path(f"{prefix}/admin/calendar/event/add/")
    page.locator("#id_title_de").fill("Offene Probe im Volksbad")

    rule = page.locator("#series-0")
    rule.get_by_label(words["weekday"]).check()
    rule.locator("#id_series-0-first_date").fill(f"{YEAR}-03-01")
    rule.locator("#id_series-0-start_time").fill("19:30")
    rule.locator("#id_series-0-end_time").fill("21:00")
    rule.locator("#id_series-0-until").fill(f"{YEAR}-03-31")
    rule.get_by_role("button", name=words["preview"]).click()
    listed = rule.locator(".series-date-list li")
    listed.first.wait_for()
    rule.screenshot(path=SHOTS / f"e2e-rule-preview-{tag}.png")

    assert listed.count() == len(TUESDAYS)
    assert listed.first.inner_text().startswith(words["weekday"])
    assert Event.objects.count() == 0  # the preview saves nothing
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(page, context=".series-rule")

    with page.expect_popup() as opened:
        page.locator("#add_id_place").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.locator("#id_name").fill("Volksbad")
    popup.locator("#id_street").fill("Knebelstraße 10")
    popup.locator("#id_postal_code").fill("07743")
    popup.locator("#id_locality").fill("Jena")
    popup.screenshot(path=SHOTS / f"e2e-venue-popup-{tag}.png", full_page=True)
    with popup.expect_event("close"):  # the popup hands the venue back and closes itself
        popup.locator("input[name=_save]").click()
    chosen = page.locator("#select2-id_place-container")
    assert chosen.inner_text().strip().lstrip("×").strip() == (
        "Volksbad, Knebelstraße 10, 07743 Jena"
    )

    page.locator("input[name=_continue]").click()  # save and stay on the event
    page.wait_for_load_state()

    event = Event.objects.get(title_de="Offene Probe im Volksbad")
    assert event.place == Place.objects.get(name="Volksbad")
    assert event.place.municipality.slug == "jena"
    assert [o.start.date() for o in event.occurrences.order_by("start")] == TUESDAYS
    page.goto_path(f"{prefix}/admin/calendar/event/{event.pk}/change/")
    saved = page.locator("#series-0 .field-made_dates")
    saved.screenshot(path=SHOTS / f"e2e-saved-dates-{tag}.png")
    assert saved.locator("div.readonly div").count() == len(TUESDAYS)
    assert rule.locator("#id_series-0-until").input_value() == f"{YEAR}-03-31"
