"""The fare calculator in a real browser: keyboard only, axe-core clean, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from impulsregion.transit.domain.revenue import parse_key
from impulsregion.transit.queries import forget_tariff
from impulsregion.transit.reports import build_report, render_html
from impulsregion.transit.services import load_tariff
from tests.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def tariff_loaded(transactional_db):
    forget_tariff()
    load_tariff()
    yield
    forget_tariff()


def test_calculator_by_keyboard_is_accessible(page, tariff_loaded):
    page.goto_path("/tarif/")
    assert page.locator("h1").inner_text() == "Tarifrechner"
    assert_accessible(page)

    page.get_by_label("Von").focus()
    page.keyboard.type("Erfurt, Anger")
    page.keyboard.press("Tab")
    page.keyboard.type("Erfurt, Hauptbahnhof")
    page.keyboard.press("Tab")
    page.keyboard.type("01092025")
    page.keyboard.press("Tab")
    page.keyboard.type("1000")
    page.get_by_label("Kinder 6–14 Jahre").fill("1")
    page.get_by_label("Kinder 6–14 Jahre").press("Enter")
    page.wait_for_selector("table.fares")

    first_row = page.locator("table.fares tbody tr").first
    assert first_row.locator("th").inner_text() == "Einzelfahrt"
    assert first_row.locator("td.price").inner_text() == "4,80 €"
    assert page.get_attribute("#id_origin", "list") == "stop-names"
    assert_accessible(page)


def test_unknown_stop_in_english_is_accessible(page, tariff_loaded):
    page.goto_path(
        "/en/tarif/?origin=Erfurt+Angr&destination=Jena+West&adults=1&children=0&infants=0"
    )

    assert page.get_attribute("html", "lang") == "en"
    assert "Did you mean: Erfurt, Anger" in page.locator("#id_origin-error").inner_text()
    assert page.get_attribute("#id_origin", "aria-invalid") == "true"
    assert_accessible(page)


def test_revenue_report_html_is_accessible(page, tariff_loaded):
    data = Path(__file__).resolve().parents[3] / "src" / "impulsregion" / "transit" / "data"
    report = build_report(
        data / "demo_sales.csv", data / "demo_counts.csv", parse_key("passenger_km")
    )

    page.set_content(render_html(report, "de"))

    assert (
        page.locator("svg[role=img] title").text_content()
        == "Einnahmeanteile je Verkehrsunternehmen"
    )
    assert_accessible(page)
