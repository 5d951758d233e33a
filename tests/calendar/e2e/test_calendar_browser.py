from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.domain.types import BERLIN
from tests.browser import assert_accessible
from tests.factories.calendar import make_event, make_place, organisation

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SOON = dt.datetime.now(tz=BERLIN).replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=2)


@pytest.fixture
def calendar_events(transactional_db) -> int:
    jena = organisation("jena", ags="16053000")
    organisation("weimar", ags="16055000")
    event = make_event(
        "Kulturarena: Konzert",
        org=jena,
        place=make_place(),
        starts=(SOON,),
        categories=("music",),
        short_de="Sommerkonzert vor dem Theaterhaus",
        is_free=True,
        access_wheelchair=True,
    )
    make_event("Zwiebelmarkt", org=jena, starts=(SOON + dt.timedelta(days=1),), duration=None)
    # a programme item: the event page shows its programme as a table
    make_event("Open-Air-Kino", org=jena, parent=event, starts=(SOON + dt.timedelta(hours=2),))
    return event.pk


def test_calendar_pages_pass_axe(page, calendar_events) -> None:
    for path in (
        "/kalender/",
        f"/kalender/monat/{SOON.year}/{SOON.month}/",
        f"/kalender/veranstaltung/{calendar_events}/",
        "/kalender/einbetten/jena/",
    ):
        page.goto_path(path)
        assert_accessible(page)


def test_filters_and_month_view_work_with_the_keyboard(page, calendar_events) -> None:
    page.goto_path("/kalender/")
    page.get_by_label("Suche").fill("Kulturarena")
    page.get_by_label("Suche").press("Enter")
    page.wait_for_load_state()

    assert page.locator("article.event-item").count() == 1
    page.goto_path(f"/kalender/monat/{SOON.year}/{SOON.month}/")
    link = page.get_by_role("link", name="Kulturarena: Konzert")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Kulturarena: Konzert"
