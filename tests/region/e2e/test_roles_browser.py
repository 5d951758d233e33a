"""Each role in a real browser, logged in through the login form (never a superuser): it does
the work `docs/back-office.md` gives it and is refused where the table says no. The office's
review (publish, reject) is `tests/config/test_desk_browser.py`; the event form's parts have
their own browser tests beside the calendar's."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event
from impulsregion.region.models import KeyFigure
from tests.browser import assert_accessible
from tests.factories.calendar import hall, make_event, organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

NEXT_MONTH = (dt.datetime.now(tz=BERLIN) + dt.timedelta(days=30)).date()
WIDER = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
WORDS = {
    "": {
        "add_event": "Veranstaltung hinzufügen",
        "submitted": "ist gespeichert und zur Prüfung an die Geschäftsstelle eingereicht",
        "missing": "existiert nicht",
        "add_figure": "Kennzahl hinzufügen",
    },
    "/en": {
        "add_event": "Add event",
        "submitted": "is saved and submitted to the regional office for review",
        "missing": "doesn’t exist",
        "add_figure": "Add another key figure",
    },
}


@pytest.fixture
def region(transactional_db) -> dict[str, Any]:
    jena, weimar = organisation("jena"), organisation("weimar")
    make_user("buero", role="office")
    make_user("vorstand", role="board", organisation=weimar)
    make_user("redaktion", role="editor", organisation=jena)
    start = dt.datetime.combine(NEXT_MONTH, dt.time(19, 30), tzinfo=BERLIN)
    return {
        "jena": jena,
        "weimar": weimar,
        "venue": hall(jena),
        "weimar_draft": make_event(
            "Entwurf aus Weimar", org=weimar, published=False, starts=(start,)
        ),
        "published": make_event("Sommerkonzert im Park", org=weimar, starts=(start,)),
    }


def _log_in(page: Any, username: str, prefix: str) -> None:
    page.context.clear_cookies()
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"pw-{username}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state()


def _look(page: Any, name: str) -> None:
    """Every page a role works on: accessible, no sideways scrolling, kept as a screenshot when
    IMPULSREGION_SCREENSHOTS names a folder (for the person who looks at them)."""
    assert_accessible(page)
    assert page.evaluate(WIDER) == 0, f"{page.url} is wider than the screen"
    folder = os.environ.get("IMPULSREGION_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize(
    ("prefix", "width"), [("", 390), ("/en", 1366)], ids=["de-phone", "en-desktop"]
)
def test_a_member_editor_enters_an_event_and_submits_it(
    page, region, prefix: str, width: int
) -> None:
    words = WORDS[prefix]
    page.set_viewport_size({"width": width, "height": 900})
    _log_in(page, "redaktion", prefix)
    _look(page, f"editor-desk{prefix.replace('/', '-')}")

    page.goto_path(f"{prefix}/admin/calendar/event/")
    page.get_by_role("link", name=words["add_event"]).click()
    page.wait_for_load_state()
    # the organisation is the editor's own, chosen already
    assert page.locator("#id_organisation").input_value() == str(region["jena"].pk)
    page.locator("#id_title_de").fill("Lesung im Theaterhaus")
    page.locator("#id_occurrences-0-day").fill(NEXT_MONTH.isoformat())  # the browser's date box
    page.locator("#id_occurrences-0-start_time").fill("19:30")
    page.locator(".field-place .select2-selection").click()
    page.locator(".select2-search__field").fill(region["venue"].name[:6])
    page.locator(".select2-results__option", has_text=region["venue"].name).first.click()
    _look(page, f"editor-event-form{prefix.replace('/', '-')}")
    page.locator("[name=_submit]").click()  # "Speichern und einreichen"
    page.wait_for_load_state()
    assert page.get_by_text(words["submitted"]).is_visible()

    event = Event.objects.get(title_de="Lesung im Theaterhaus")
    assert event.organisation == region["jena"]
    assert event.place == region["venue"]
    assert event.public_status == PublicStatus.SUBMITTED
    assert [o.start.astimezone(BERLIN).time() for o in event.occurrences.all()] == [dt.time(19, 30)]
    page.goto_path(f"{prefix}/admin/calendar/event/")
    _look(page, f"editor-list{prefix.replace('/', '-')}")

    # refused: another member's draft, the office's review page
    page.goto_path(f"{prefix}/admin/calendar/event/{region['weimar_draft'].pk}/change/")
    assert words["missing"] in page.locator(".messagelist").inner_text()
    assert "Entwurf aus Weimar" not in page.content()
    answer = page.goto_path(f"{prefix}/admin/calendar/event/{event.pk}/review/")
    assert answer.status == 403


def test_a_member_editor_keeps_the_key_figures_of_its_own_organisation_only(page, region) -> None:
    _log_in(page, "redaktion", "")
    page.goto_path(f"/admin/region/organisation/{region['jena'].pk}/change/")
    page.locator(".add-row a", has_text=WORDS[""]["add_figure"]).click()
    row = page.locator(".dynamic-key_figures").last
    row.locator("select[name$=kind]").select_option(index=1)
    row.locator("input[name$=value]").fill("111000")
    row.locator("input[name$=reference_date]").fill("31.12.2025")
    row.locator("input[name$=source]").fill("Thüringer Landesamt für Statistik, 1.12.2026")
    _look(page, "editor-organisation")
    page.locator("[name=_save]").click()
    page.wait_for_load_state()
    assert KeyFigure.objects.filter(organisation=region["jena"], value=111000).exists()

    page.goto_path(f"/admin/region/organisation/{region['weimar'].pk}/change/")
    assert page.locator("[name=_save]").count() == 0
    assert page.locator(".add-row a").count() == 0


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["de", "en"])
def test_a_board_member_reads_everything_and_changes_nothing(page, region, prefix: str) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    _log_in(page, "vorstand", prefix)
    _look(page, f"board-desk{prefix.replace('/', '-')}")

    page.goto_path(f"{prefix}/admin/calendar/event/")
    assert page.get_by_role("link", name=WORDS[prefix]["add_event"]).count() == 0
    assert page.get_by_text("Entwurf aus Weimar").is_visible()  # drafts: the board reads them
    page.get_by_role("link", name="Entwurf aus Weimar").click()
    page.wait_for_load_state()
    assert page.locator("[name=_save]").count() == 0
    _look(page, f"board-event{prefix.replace('/', '-')}")

    for refused in (
        f"/admin/calendar/event/{region['weimar_draft'].pk}/review/",
        "/admin/calendar/event/add/",
        "/admin/region/staffrole/add/",
    ):
        assert page.goto_path(prefix + refused).status == 403, refused


EDITORS_WORK = {
    "event",
    "place",
    "feedsubscription",
    "hold",
    "keyfigure",
    "organisation",
    "document",
}


def test_every_back_office_list_and_form_a_role_uses_passes_axe(page, transactional_db) -> None:
    """axe-core on the back office's pages: as the office every list, as a member editor every
    form it may fill in and the first record of each list of its work (the lists look alike; the
    forms do not)."""
    from django.contrib import admin  # noqa: PLC0415 - the registry, read at run time

    from tests.conftest import load_region  # noqa: PLC0415 - the region's facts, as make run loads them

    load_region()
    make_user("buero", role="office")
    make_user("redaktion", role="editor", organisation=organisation("jena"))
    paths = sorted(
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
        if model._meta.label != "auth.Group"
    )
    visits = {
        "buero": ["/admin/", *paths],
        "redaktion": [
            "/admin/",
            *(f"{path}add/" for path in paths),
            *(path for path in paths if path.split("/")[3] in EDITORS_WORK),
        ],
    }
    failures: dict[str, str] = {}

    def check(who: str) -> None:
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures[f"{who} {page.url}"] = str(error)[:800]

    for username, urls in visits.items():
        _log_in(page, username, "")
        for url in urls:
            if page.goto_path(url).status != 200:
                continue
            check(username)
            first = page.locator("#result_list tbody th a").first
            if username == "redaktion" and first.count():
                first.click()
                page.wait_for_load_state()
                check(username)
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
