import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.region import make_member

pytestmark = pytest.mark.integration


def test_home_page_names_the_region_and_the_board_in_german(client, region_data, settings) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Impulsregion Erfurt, Weimar, Jena, Weimarer Land" in html
    assert "Landkreis Weimarer Land" in html


def test_english_version_is_under_en(client, region_data) -> None:
    html = client.get("/en/region/").content.decode()
    assert '<html lang="en">' in html
    assert "Board by year" in html
    assert "The association is founded" in html


def test_about_page_shows_members_board_and_history(client, region_data) -> None:
    html = client.get("/region/").content.decode()
    assert "Vorstand nach Jahren" in html
    assert "Peter Kleine, Weimar" in html
    assert "Christiane Schmidt-Rose, Weimarer Land" in html
    assert "Gründung des Vereins" in html
    assert "Regiomobil-Ticket" in html
    assert "213.981" in html  # German thousands separator


def test_unconfirmed_facts_are_marked(client, region_data) -> None:
    html = client.get("/region/").content.decode()
    assert "Datum nicht bestätigt" in html


def test_organisation_page_shows_key_figures_with_source(client, region_data) -> None:
    html = client.get("/region/jena/").content.decode()
    assert "16053000" in html
    assert "Thüringer Landesamt für Statistik" in html


def test_unknown_organisation_is_404(client, db) -> None:
    assert client.get("/region/atlantis/").status_code == 404


@pytest.mark.parametrize("path", ["/impressum/", "/barrierefreiheit/", "/en/barrierefreiheit/"])
def test_legal_pages_render(client, db, path) -> None:
    assert client.get(path).status_code == 200


def test_language_switch_keeps_the_page(client, db) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/region/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/region/"


@pytest.mark.parametrize("count", [1, 3])
def test_about_page_uses_a_constant_number_of_queries(client, db, count) -> None:
    for index in range(count):
        make_member(f"stadt-{index}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/region/")
    assert len(queries) == 5


def test_pages_send_a_content_security_policy(client, db) -> None:
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
