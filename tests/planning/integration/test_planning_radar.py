import pytest

from tests.factories.planning import make_kraemerbrueckenfest, make_region_towns

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def towns():  # type: ignore[no-untyped-def]
    towns = make_region_towns()
    make_kraemerbrueckenfest(towns["erfurt"])
    return towns


def test_radar_is_for_the_back_office_only(client, towns) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/planung/terminradar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/") or "login" in response["Location"]


def test_radar_lists_reasons_and_suggestions(client_office, towns) -> None:  # type: ignore[no-untyped-def]
    params = {
        "start": "2027-06-19",
        "end": "2027-06-20",
        "municipality": "weimar",
        "visitors": 20000,
        "window_end": "2027-07-04",
        "days": 2,
        "weekend": "on",
    }
    html = client_office.get("/planung/terminradar/", params).content.decode()

    assert "Punktzahl 50 von 100" in html
    assert "Großveranstaltung „Krämerbrückenfest“ in Erfurt an denselben Tagen" in html
    assert "Vorgeschlagene Termine" in html
    assert "Fr, 25.06.2027 – Sa, 26.06.2027" in html


def test_radar_shows_specific_error(client_office, towns) -> None:  # type: ignore[no-untyped-def]
    html = client_office.get(
        "/planung/terminradar/",
        {"start": "2020-01-01", "municipality": "weimar", "visitors": 0, "days": 2},
    ).content.decode()
    assert "Der Termin liegt in der Vergangenheit; bitte wählen Sie einen Tag ab heute." in html
