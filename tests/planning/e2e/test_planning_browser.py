"""Planning pages in a real browser: axe-core clean; the route planner works without JavaScript."""

import pytest

from impulsregion.planning.demo import load_planning
from impulsregion.region.models import Organisation
from impulsregion.region.services import load_region
from tests.browser import assert_accessible
from tests.factories.planning import make_kraemerbrueckenfest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SLUG = "lange-nacht-der-museen-2027"


@pytest.fixture
def loaded(transactional_db):  # type: ignore[no-untyped-def]

    load_region()
    erfurt = Organisation.objects.get(slug="erfurt")
    make_kraemerbrueckenfest(erfurt)
    load_planning()


@pytest.mark.parametrize(
    "path",
    [
        "/planung/?year=2027",
        "/jahresueberblick/2027/",
        f"/museumsnacht/{SLUG}/",
        "/en/jahresueberblick/2027/",
    ],
)
def test_planning_page_has_no_wcag_violations(page, loaded, path) -> None:  # type: ignore[no-untyped-def]
    page.goto_path(path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_route_planner_builds_plan_and_points_out_overlap(page, loaded) -> None:  # type: ignore[no-untyped-def]
    page.goto_path(f"/museumsnacht/{SLUG}/")
    page.get_by_label("18:00–19:00: Führung: Mittelalterliche Tafelbilder").check()
    page.get_by_label("18:00–18:45: Lesung: Goethe bei Nacht").check()
    page.get_by_role("button", name="Meinen Plan erstellen").click()

    assert page.get_by_role("alert").inner_text().strip() == (
        "„Lesung: Goethe bei Nacht“ und „Führung: Mittelalterliche Tafelbilder“ überschneiden sich um 45 Minuten."
    )
    assert_accessible(page)
