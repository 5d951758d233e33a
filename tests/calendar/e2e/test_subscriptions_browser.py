"""A member's editor registers the member's feed in a real browser (logged in through the form,
never a superuser), has it fetched, sees what it delivered; the second fetch is answered 304;
when the feed breaks, the page shows why and the editors get one e-mail."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from impulsregion.calendar.models import Event, FeedSubscription
from tests.browser import assert_accessible
from tests.calendar.integration.test_subscriptions import NOT_FOUND, feed, run_due_feeds
from tests.factories.calendar import organisation
from tests.factories.region import make_user
from tests.jobs import run_jobs

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

__all__ = ["feed"]  # the local feed server, a fixture of the integration tests
WIDER = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _look(page: Any, name: str) -> None:
    assert_accessible(page)
    assert page.evaluate(WIDER) == 0, f"{page.url} is wider than the screen"
    folder = os.environ.get("IMPULSREGION_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize(("prefix", "width"), [("", 390), ("/en", 1366)], ids=["de", "en"])
def test_an_editor_registers_a_feed_and_sees_its_health(
    page, transactional_db, feed, prefix: str, width: int
) -> None:
    words = {
        "": ("Feed-Abonnement hinzufügen", "Sichern", "Sichern und jetzt abrufen", "in Ordnung"),
        "/en": ("Add feed subscription", "Save", "Save and fetch now", "working"),
    }[prefix]
    add, save, fetch, healthy = words
    jena = organisation("jena")
    make_user("redaktion", role="editor", organisation=jena, email="redaktion@theaterhaus.de")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill("redaktion")
    page.locator("#id_password").fill("pw-redaktion")
    page.locator("#login-form [type=submit]").click()

    # register: name and address; the organisation is the editor's own
    page.goto_path(f"{prefix}/admin/calendar/feedsubscription/")
    page.get_by_role("link", name=add).click()
    page.locator("#id_name").fill("Spielplan Theaterhaus")
    page.locator("#id_url").fill(f"http://{feed.host}/spielplan.ics")
    _look(page, f"feed-add{prefix.replace('/', '-')}-{width}")
    page.get_by_role("button", name=save, exact=True).click()
    page.wait_for_load_state()
    subscription = FeedSubscription.objects.get()
    assert subscription.organisation == jena

    # first fetch: the event arrives, the health says so
    page.locator("#result_list").get_by_role("link", name="Spielplan Theaterhaus").click()
    page.get_by_role("button", name=fetch).click()
    page.wait_for_load_state()
    run_jobs()
    page.reload()
    assert healthy in page.locator(".field-status").inner_text()
    assert Event.objects.filter(title_de="Sommertheater im Hof", organisation=jena).exists()
    _look(page, f"feed-healthy{prefix.replace('/', '-')}-{width}")

    # second fetch: the server is asked whether the feed changed and says no (304)
    page.get_by_role("button", name=fetch).click()
    page.wait_for_load_state()
    run_jobs()
    assert feed.requests[-1].get("If-None-Match") == '"spielplan-1"'
    assert Event.objects.count() == 1

    # the feed breaks: three failed runs, the reason on the page, one e-mail to the editors
    feed.answer = "missing"
    for _ in range(3):
        run_due_feeds()
    page.reload()
    error = page.locator(".field-last_error_text").inner_text()
    if prefix == "":
        assert NOT_FOUND in error
    else:
        assert "HTTP 404" in error
    assert [message.to for message in mail.outbox] == [["redaktion@theaterhaus.de"]]
    _look(page, f"feed-broken{prefix.replace('/', '-')}-{width}")
