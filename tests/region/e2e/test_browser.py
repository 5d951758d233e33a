"""Every public page in a real browser: axe-core clean, keyboard usable, language marked."""

import pytest

from impulsregion.region.services import load_region
from tests.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PUBLIC_PAGES = [
    "/",
    "/region/",
    "/region/erfurt/",
    "/impressum/",
    "/barrierefreiheit/",
    "/en/",
    "/en/region/",
]


@pytest.fixture
def loaded(transactional_db):
    load_region()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_wcag_violations(page, loaded, path) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    page.goto_path(path)
    page.goto_path("/favicon.ico")  # where browsers look for the icon without being told
    page.go_back()
    assert failed == []  # the icon, styles, scripts and images of the page all load
    expected = "en" if path.startswith("/en/") else "de"
    assert page.get_attribute("html", "lang") == expected
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_keyboard_reaches_skip_link_and_main_content(page, loaded) -> None:
    page.goto_path("/region/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_by_keyboard_opens_english_page_and_back(page, loaded) -> None:
    page.goto_path("/region/")
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/region/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "About the region"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/region/") and "/en/" not in url)
    assert page.get_attribute("html", "lang") == "de"
    assert page.context.cookies() == []  # no CSRF cookie: nothing stops a front cache
