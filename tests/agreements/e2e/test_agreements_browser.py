"""The association's public pages in a real browser: axe-core clean, one h1, language marked."""

import pytest

from impulsregion.agreements.models import Meeting, Resolution
from impulsregion.agreements.services.loading import load_agreements
from impulsregion.region.services import load_region
from tests.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PAGES = [
    "/verein/",
    "/verein/vereinbarungen/zweckvereinbarung-restabfall/",
    "/verein/vereinbarungen/kooperationsvertrag-2004/",
    "/verein/beschluesse/DEMO-MV-2025-3/",
    "/en/verein/",
]


@pytest.fixture
def loaded(transactional_db):
    load_region()
    load_agreements()
    Resolution.objects.update(public=True)
    Meeting.objects.update(public=True)


@pytest.mark.parametrize("path", PAGES)
def test_association_page_has_no_wcag_violations(page, loaded, path):
    page.goto_path(path)

    assert page.get_attribute("html", "lang") == ("en" if path.startswith("/en/") else "de")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
