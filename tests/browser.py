"""Accessibility assertion for browser tests (axe-core in the real page)."""

from __future__ import annotations

from typing import Any

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page: Any, *, context: str | None = None) -> None:
    """Run axe-core on the page and fail with its report on any WCAG 2.1 AA violation."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 - heavy browser library (conftest imports this module), loaded only in browser tests

    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
