"""A member's editor imports a calendar file in a real browser: upload, see the dry run,
confirm, find the events in the list. Screenshots at 390 and 1366 px in German and English go
to $IMPULSREGION_SHOTS when it is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from impulsregion.calendar.models import Event
from tests.browser import assert_accessible
from tests.calendar.integration.test_import_in_browser import SPIELPLAN
from tests.factories.calendar import organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def editor(transactional_db) -> Any:
    organisation("weimar")
    return make_user("theaterhaus", role="editor", organisation=organisation("jena"))


def _log_in(page: Any, username: str, prefix: str = "") -> None:
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"pw-{username}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state()


def _shoot(page: Any, name: str) -> None:
    folder = os.environ.get("IMPULSREGION_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _upload(page: Any, prefix: str, tmp_path: Path) -> None:
    file = tmp_path / "spielplan.ics"
    file.write_bytes(SPIELPLAN)
    page.goto_path(f"{prefix}/admin/calendar/event/")
    page.locator("a[href$='/admin/calendar/importrun/import/']").click()
    page.wait_for_load_state()
    page.locator("#id_file").set_input_files(str(file))


def test_an_editor_uploads_a_calendar_sees_the_dry_run_and_imports_it(  # type: ignore[no-untyped-def]
    page, editor, tmp_path
) -> None:
    _log_in(page, "theaterhaus")
    _upload(page, "", tmp_path)
    assert page.get_by_role("heading", name="Kalender importieren", level=1).is_visible()
    assert page.locator("#id_organisation").input_value() == str(organisation("jena").pk)
    assert_accessible(page)
    _shoot(page, "import-form-de")

    page.get_by_role("button", name="Prüfen (Probelauf)").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Probelauf: was der Import tun würde").is_visible()
    assert page.get_by_role("row", name="neue Veranstaltungen 2").is_visible()
    assert page.get_by_text("Stammtisch (1 Veranstaltung)").is_visible()
    assert Event.objects.count() == 0
    assert_accessible(page)
    _shoot(page, "import-preview-de")

    page.get_by_role("button", name="Bestätigen: Import ausführen").click()
    page.wait_for_load_state()

    assert page.get_by_text("Importiert: 2 neu").is_visible()
    assert page.get_by_role("link", name="Jazz im Hof").is_visible()
    assert page.get_by_role("link", name="Faust I").is_visible()
    assert Event.objects.count() == 2
    _shoot(page, "import-done-de")


def test_the_import_pages_in_english(page, editor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _log_in(page, "theaterhaus", prefix="/en")
    _upload(page, "/en", tmp_path)
    assert page.get_by_role("heading", name="Import a calendar", level=1).is_visible()
    _shoot(page, "import-form-en")

    page.get_by_role("button", name="Check the file (dry run)").click()
    page.wait_for_load_state()

    assert page.get_by_role("row", name="new events 2").is_visible()
    assert_accessible(page)
    _shoot(page, "import-preview-en")
