import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from impulsregion.agreements.models import Agreement, CostYear, Resolution
from impulsregion.agreements.services.loading import load_agreements
from tests.pdf import pdf_text

pytestmark = pytest.mark.integration


@pytest.fixture
def loaded(region_data):
    load_agreements()


def _call(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_agreements_is_idempotent(loaded):
    counts = (Agreement.objects.count(), CostYear.objects.count(), Resolution.objects.count())

    report = load_agreements()

    assert (
        (Agreement.objects.count(), CostYear.objects.count(), Resolution.objects.count())
        == counts
        == (4, 3, 1)
    )
    assert report.created == {}


def test_demo_resolution_is_the_6_1_1_statute_change(loaded):
    resolution = Resolution.objects.get(number="DEMO-MV-2025-3")

    assert (resolution.accepted, resolution.reason_de) == (
        True,
        "angenommen: 6 von 7 abgegebenen Stimmen, Dreiviertelmehrheit erreicht",
    )
    assert resolution.public is False


def test_allocate_costs_json(loaded):
    data = json.loads(_call("allocate_costs", "zweckvereinbarung-restabfall", "2024", "--json"))

    assert (data["sum"], data["total"]) == ("100000.00", "100000.00")
    assert [s["amount"] for s in data["shares"]] == ["59195.64", "22784.60", "18019.76"]


def test_allocate_costs_table_shows_steps(loaded):
    out = _call("allocate_costs", "verbundtarif", "2024")

    assert "Step: 50.00 % in equal shares = 120000.0000 €" in out
    assert "Step: 50.00 % by population = 120000.0000 €" in out
    assert "240000.00" in out


def test_allocate_costs_refuses_unknown_year(loaded):
    with pytest.raises(CommandError, match="2019"):
        _call("allocate_costs", "verbundtarif", "2019")


def test_allocate_costs_refuses_unknown_agreement(loaded):
    with pytest.raises(CommandError, match="No agreement “nope”; known agreements: "):
        _call("allocate_costs", "nope", "2024")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ["--subject", "statute_change", "--yes", "6", "--no", "1", "--abstain", "1"],
            "accepted: 6 of 7 votes cast, three-quarters majority reached\n",
            id="6-1-1",
        ),
        pytest.param(
            [
                "--subject",
                "statute_change",
                "--yes",
                "5",
                "--no",
                "2",
                "--abstain",
                "1",
                "--language",
                "de",
            ],
            "abgelehnt: 5 von 7 abgegebenen Stimmen, Dreiviertelmehrheit (6) nicht erreicht\n",
            id="5-2-1-german",
        ),
    ],
)
def test_resolution_result_command(db, args, expected):
    assert _call("resolution_result", *args) == expected


def test_resolution_result_of_recorded_resolution(loaded):
    assert _call("resolution_result", "--resolution", "DEMO-MV-2025-3") == (
        "accepted: 6 of 7 votes cast, three-quarters majority reached\n"
    )


def test_index_page_lists_public_agreements_and_chairs(client, loaded):
    response = client.get("/verein/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vereinbarung über die Kommunale Arbeitsgemeinschaft „Region Erfurt-Weimar-Jena“" in html
    assert "Peter Kleine" in html
    assert "DEMO-MV-2025-3" not in html  # not marked public


def test_index_page_shows_resolution_once_public(client, loaded):
    Resolution.objects.filter(number="DEMO-MV-2025-3").update(public=True)

    html = client.get("/verein/").content.decode()
    detail = client.get("/verein/beschluesse/DEMO-MV-2025-3/").content.decode()

    assert "angenommen: 6 von 7 abgegebenen Stimmen, Dreiviertelmehrheit erreicht" in html
    assert "Änderung von § 5 der Satzung (Beispiel)" in detail


def test_agreement_page_shows_statement_steps(client, loaded):
    html = client.get("/verein/vereinbarungen/zweckvereinbarung-restabfall/").content.decode()

    assert "59195.64" in html
    assert "Beispielzahlen, keine amtliche Abrechnung." in html


def test_statement_pdf_download(client, loaded, tmp_path):
    response = client.get("/verein/abrechnungen/zweckvereinbarung-restabfall/2024.pdf")
    text = pdf_text(response.content, layout=True)

    assert response["Content-Type"] == "application/pdf"
    assert "Kostenabrechnung 2024" in text
    assert "100000.00" in text


def test_index_query_count_does_not_grow_with_agreements(
    client, loaded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get("/verein/")
