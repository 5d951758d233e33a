import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impulsregion.agreements.models import Agreement
from impulsregion.agreements.services.loading import load_agreements

pytestmark = pytest.mark.integration  # the API answers in German unless the client asks otherwise

EVALUATE = "/api/v1/resolutions/evaluate"


@pytest.fixture
def loaded(region_data):
    load_agreements()


@pytest.mark.parametrize(
    ("body", "accepted", "reason"),
    [
        pytest.param(
            {"subject": "statute_change", "yes": 6, "no": 1, "abstain": 1, "members": 8},
            True,
            "accepted: 6 of 7 votes cast, three-quarters majority reached",
            id="6-1-1",
        ),
        pytest.param(
            {"subject": "statute_change", "yes": 5, "no": 2, "abstain": 1, "members": 8},
            False,
            "rejected: 5 of 7 votes cast, three-quarters majority (6) not reached",
            id="5-2-1",
        ),
        pytest.param(
            {
                "subject": "change_of_purpose",
                "yes": 6,
                "no": 0,
                "members": 8,
                "present": 6,
                "written_consents": 2,
            },
            True,
            "accepted: all 8 members consented, unanimity reached",
            id="purpose-with-written-consents",
        ),
    ],
)
def test_evaluate_endpoint(client, db, body, accepted, reason):
    response = client.post(EVALUATE, json.dumps(body), content_type="application/json")

    assert response.status_code == 200
    data = response.json()
    assert (data["accepted"], data["reason_en"]) == (accepted, reason)


def test_evaluate_endpoint_refuses_more_votes_than_present(client, db):
    body = {"subject": "ordinary", "yes": 5, "no": 5, "members": 8}

    response = client.post(EVALUATE, json.dumps(body), content_type="application/json")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "present"],
                "msg": "Es wurden 10 Stimmen abgegeben, aber nur 8 Mitglieder sind anwesend.",
            }
        ]
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("written_consents", False, id="boolean-for-a-number"),
        pytest.param("yes", "3", id="text-for-a-number"),
    ],
)
def test_evaluate_endpoint_takes_numbers_as_json_numbers(client, db, field, value):
    # the contract test found false taken as 0; the same lax mode took "3" as 3
    body = {"subject": "ordinary", "yes": 1, "no": 0, "members": 3, field: value}

    response = client.post(EVALUATE, json.dumps(body), content_type="application/json")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", field], "msg": "Geben Sie eine ganze Zahl ein."}]
    }


def test_statement_endpoint_adds_up(client, loaded):
    response = client.get("/api/v1/agreements/zweckvereinbarung-restabfall/statements/2024")

    assert response.status_code == 200
    data = response.json()
    assert {s["party"]: s["amount"] for s in data["shares"]} == {
        "Landeshauptstadt Erfurt": "59195.64",
        "Landkreis Weimarer Land": "22784.60",
        "Stadt Weimar": "18019.76",
    }
    assert (data["sum"], data["total"], data["illustrative"]) == ("100000.00", "100000.00", True)


def test_statement_endpoint_csv(client, loaded):
    response = client.get("/api/v1/agreements/gemeinsames-marketing/statements/2024?format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "party;share_percent;exact_amount;rounded_down;extra_cent;amount_eur",
        "Erfurt Tourismus und Marketing GmbH;35.000000;17500.0000;17500.00;0.00;17500.00",
        "Weimarer Land Tourismus e. V.;15.000000;7500.0000;7500.00;0.00;7500.00",
        "Wirtschaftsförderungsgesellschaft Jena mbH;20.000000;10000.0000;10000.00;0.00;10000.00",
        "weimar GmbH;30.000000;15000.0000;15000.00;0.00;15000.00",
        "total;100;50000.00;;;50000.00",
    ]


def test_statement_for_year_without_figures_is_422(client, loaded):
    response = client.get("/api/v1/agreements/verbundtarif/statements/2019")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "year"]
    assert response.json()["detail"][0]["msg"] == (
        "Für „Vertrag über den gemeinsamen Verbundtarif“ sind für 2019 keine Kostenzahlen erfasst; "
        "bitte erfassen Sie zuerst den Gesamtbetrag und die Eingangswerte."
    )


def test_unknown_agreement_is_404(client, db):
    response = client.get("/api/v1/agreements/nope")

    assert response.status_code == 404
    assert response.json() == {
        "detail": [{"loc": ["path", "slug"], "msg": "Es gibt keine öffentliche Vereinbarung nope."}]
    }


def test_agreements_list(client, loaded):
    response = client.get("/api/v1/agreements")

    slugs = [a["slug"] for a in response.json()]
    assert slugs == [
        "gemeinsames-marketing",
        "kooperationsvertrag-2004",
        "verbundtarif",
        "zweckvereinbarung-restabfall",
    ]
    contract = next(a for a in response.json() if a["slug"] == "kooperationsvertrag-2004")
    assert (contract["signed_on"], contract["dates_confirmed"]) == ("2004-06-23", True)


def test_agreements_list_query_count_is_constant(client, loaded):
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/agreements")

    Agreement.objects.update(public=False)
    Agreement.objects.filter(slug="verbundtarif").update(public=True)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/agreements")

    assert len(few.captured_queries) == len(one.captured_queries)


def test_chair_proposal_follows_rotation(client, loaded):
    response = client.get("/api/v1/chairs/proposal?year=2025", HTTP_ACCEPT_LANGUAGE="en")

    assert response.json() == {
        "year": 2025,
        "organisation": "Stadt Jena",
        "reason": "next in the rotation order after Stadt Weimar, chair in 2024",
    }


def test_oparl_system_body_and_lists(client, loaded):
    system = client.get("/api/v1/oparl/system").json()
    body = client.get("/api/v1/oparl/body/impulsregion").json()
    organizations = client.get("/api/v1/oparl/body/impulsregion/organization").json()
    memberships = client.get("/api/v1/oparl/body/impulsregion/membership").json()

    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert body["type"] == "https://schema.oparl.org/1.1/Body"
    names = [o["name"] for o in organizations["data"]]
    assert names[:2] == ["Vorstand", "Mitgliederversammlung"] or names[:2] == [
        "Mitgliederversammlung",
        "Vorstand",
    ]
    assert len(organizations["data"]) == 2 + 8
    assert organizations["pagination"]["totalElements"] == 10
    assert {m["role"] for m in memberships["data"]} >= {"Oberbürgermeister"}
    single = client.get(organizations["data"][0]["id"].replace("http://testserver", "")).json()
    assert single == organizations["data"][0]


def test_oparl_unknown_list_is_404(client, db):
    response = client.get("/api/v1/oparl/body/impulsregion/legislativeTerm")

    assert response.status_code == 404
