"""Fixtures shared by every app's tests: data folder, users with roles, a real browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck, settings

from impulsregion.calendar.reads.cache import forget_bodies
from impulsregion.region.services import load_region
from tests.browser import assert_accessible
from tests.factories import region as region_factories

__all__ = ["assert_accessible"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests must not flake on a busy two-core machine: no per-example deadline.
settings.register_profile(
    "impulsregion", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "impulsregion"))

CHECKOUT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("IMPULSREGION_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Every test starts in German, the site's language: a request in English leaves English
    active in its thread (Django's locale middleware does not switch back)."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> None:
    """Every test starts with an empty cache (counts, rendered list items, feed state), as
    rows of one test must not meet answers cached for another's."""
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        cache.clear()
        forget_bodies()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real third-party test files (``../shared/data`` beside the checkout)."""
    path = Path(os.environ.get("IMPULSREGION_SHARED_DATA", CHECKOUT.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.fail(f"The shared test data folder {path} is missing (it lies beside the checkout).")
    return path


@pytest.fixture
def region_data(db: None) -> None:
    """The region's real facts, loaded as ``make run`` loads them."""
    load_region()


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    return region_factories.make_user


@pytest.fixture
def office_user(make_user: Callable[..., Any]) -> Any:
    return make_user("office", role="office")


@pytest.fixture
def editor_user(make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``editor_user(organisation)`` → a staff user who edits for that organisation."""

    def factory(organisation: Any, username: str = "editor") -> Any:
        return make_user(username, role="editor", organisation=organisation)

    return factory


@pytest.fixture
def client_office(client: Any, office_user: Any) -> Any:
    client.force_login(office_user)
    return client


# --- browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("IMPULSREGION_BROWSER_TESTS", "on") == "off":
        pytest.skip("browser tests turned off by IMPULSREGION_BROWSER_TESTS=off")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}, which is missing: "
            "run `make system` as root (or `apt-get install chromium`), point "
            "IMPULSREGION_CHROMIUM at another Chromium, or set IMPULSREGION_BROWSER_TESTS=off "
            "to leave them out on purpose."
        )
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - heavy browser library, loaded only when a browser test runs

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page; ``page.goto_path("/region/")`` opens a path on the live server."""
    context = browser.new_context(bypass_csp=True, locale="de-DE")
    page = context.new_page()
    page.goto_path = lambda path: page.goto(f"{live_server.url}{path}")
    yield page
    context.close()
