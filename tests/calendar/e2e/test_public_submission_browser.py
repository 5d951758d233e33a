"""A visitor on a phone sends an event through the public form, confirms it with the e-mail's
link, and the office finds it on its desk; the form with its errors and the confirmation
page pass axe, in German and English, on a phone and a desktop."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event
from impulsregion.region.queries import association
from impulsregion.region.services import load_region
from tests.browser import assert_accessible
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WIDER = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
LINK = re.compile(r"https?://\S+/melden/bestaetigen/\S+/")
SHOTS = os.environ.get("IMPULSREGION_SHOTS", "")  # a folder: the test leaves its screenshots


@pytest.fixture
def region(transactional_db, settings, live_server) -> None:
    load_region()
    make_user("buero", role="office", organisation=association())
    settings.IMPULSREGION_SITE_URL = live_server.url  # the e-mail's link leads to this server


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
        # and in parts a person can read at full size
        width, height = page.evaluate("[innerWidth, document.documentElement.scrollHeight]")
        for number, top in enumerate(range(0, height, 1200)):
            clip = {"x": 0, "y": top, "width": width, "height": min(1200, height - top)}
            page.screenshot(path=f"{SHOTS}/{name}-{number}.png", full_page=True, clip=clip)


def _fill(page: Any, day: dt.date) -> None:
    page.get_by_label("Veranstalter", exact=True).fill("Kunstverein Apolda")
    page.get_by_label("E-Mail-Adresse").fill("kontakt@kunstverein.example")
    page.get_by_label("Titel der Veranstaltung").fill("Vernissage: Farben des Sommers")
    page.get_by_label("Kurztext (freiwillig)").fill("Malerei aus Thüringen")
    first = page.get_by_role("group", name="Termin 1")
    first.get_by_label("Datum").fill(day.isoformat())
    first.get_by_label("Beginn").fill("19:00")
    first.get_by_label("Ende (freiwillig)").fill("21:30")
    page.get_by_label("Name des Veranstaltungsorts").fill("Galerie am Markt")
    page.get_by_label("Straße und Hausnummer").fill("Markt 3")
    page.get_by_label("Postleitzahl").fill("99423")
    page.get_by_label("Ort", exact=True).fill("Weimar")
    page.get_by_label("Ausstellung & Museum").check()
    page.get_by_label("Ich bin einverstanden").check()


def test_visitor_sends_confirms_and_the_office_sees_it(page, region) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto_path("/kalender/")
    page.get_by_role("link", name="Kein Mitglied? Veranstaltung melden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Veranstaltung melden"

    # sent empty: the summary names each missing entry and leads to its field
    page.get_by_role("button", name="Veranstaltung senden").click()
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text().startswith("Bitte korrigieren Sie")
    summary.get_by_role("link", name="Geben Sie den Titel der Veranstaltung an.").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.get_by_label("Titel der Veranstaltung").get_attribute("aria-invalid") == "true"
    assert page.evaluate(WIDER) == 0
    assert_accessible(page)
    _shot(page, "form-errors-de-390")

    _fill(page, timezone.localdate() + dt.timedelta(days=30))
    page.get_by_role("button", name="Veranstaltung senden").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert Event.objects.count() == 0

    (message,) = mail.outbox
    page.goto(LINK.search(message.body).group(0))
    assert page.get_by_role("heading", level=1).inner_text() == "Bestätigen Sie Ihre Veranstaltung"
    assert page.evaluate(WIDER) == 0
    assert_accessible(page)
    _shot(page, "confirm-de-390")
    page.get_by_role("button", name="Bestätigen und an die Geschäftsstelle senden").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Vielen Dank: Ihre Veranstaltung liegt bei der Geschäftsstelle"
    )
    assert_accessible(page)

    # the office, signed in as itself, finds it on the desk and reviews it
    page.goto_path("/admin/login/")
    page.locator("#id_username").fill("buero")
    page.locator("#id_password").fill("pw-buero")
    page.locator("#login-form [type=submit]").click()
    assert page.get_by_role("link", name="1 Veranstaltung wartet auf Prüfung").is_visible()
    page.get_by_role("link", name="Die erste prüfen").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Prüfen: Vernissage: Farben des Sommers"
    )
    contact = page.locator(".review-contact")
    assert contact.inner_text() == (
        "Veranstalter (kein Mitglied): Kunstverein Apolda, kontakt@kunstverein.example"
    )
    _shot(page, "review-de-390")
    assert Event.objects.get().public_status == PublicStatus.SUBMITTED


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["de", "en"])
def test_form_fits_and_speaks_the_page_language(page, region, prefix: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto_path(f"{prefix}/kalender/melden/")
    expected = {"": "Veranstaltung melden", "/en": "Submit an event"}[prefix]
    assert page.get_by_role("heading", level=1).inner_text() == expected
    assert page.evaluate(WIDER) == 0
    assert_accessible(page)
    language = prefix.strip("/") or "de"
    _shot(page, f"form-{language}-{width}")

    page.get_by_role(
        "button", name={"": "Veranstaltung senden", "/en": "Send the event"}[prefix]
    ).click()
    assert page.evaluate(WIDER) == 0
    assert_accessible(page)
    if prefix:
        assert "Enter the title of the event." in page.get_by_role("alert").inner_text()
    _shot(page, f"form-errors-{language}-{width}")
