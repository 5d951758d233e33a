"""The API's interactive docs work in a real browser under their own strict policy (#14,
point 11): Swagger UI from this site's static files, every operation shown, a "Try it out"
call answered, and no request leaving the site."""

from __future__ import annotations

import json
from typing import Any

import pytest

from impulsregion.config.management.commands.export_openapi import openapi_document

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_docs_render_every_operation_without_leaving_the_site(
    browser: Any, live_server: Any, transactional_db: None
) -> None:
    operations = sum(len(methods) for methods in json.loads(openapi_document())["paths"].values())
    context = browser.new_context(locale="de-DE")  # the policy enforced, unlike the `page` fixture
    page = context.new_page()
    requested: list[str] = []
    problems: list[str] = []
    context.route("**/*", lambda route: _only_this_site(route, live_server.url, requested))
    page.on("console", lambda message: _note_error(message, problems))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").nth(operations - 1).wait_for()
    categories = page.locator(".opblock", has_text="/api/v1/categories")
    categories.locator(".opblock-summary").click()
    categories.get_by_role("button", name="Try it out").click()
    categories.get_by_role("button", name="Execute").click()
    status = categories.locator(".live-responses-table tbody .response-col_status")

    assert (page.locator(".opblock").count(), status.inner_text(), problems) == (
        operations,
        "200",
        [],
    )
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert f"{live_server.url}/static/ninja/swagger-ui-bundle.js" in requested
    context.close()


def _note_error(message: Any, problems: list[str]) -> None:
    if message.type == "error":  # a policy violation, a failed load, a script error
        problems.append(message.text)


def _only_this_site(route: Any, origin: str, requested: list[str]) -> None:
    requested.append(route.request.url)
    if route.request.url.startswith(origin):
        route.continue_()
    else:
        route.abort()
