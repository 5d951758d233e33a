"""The API's error answers (#14, point 11): documented for every operation with one shared
body, in the client's language (German by default), a repeated parameter refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from impulsregion.common.api import validation_detail
from impulsregion.config.management.commands.export_openapi import openapi_document

pytestmark = pytest.mark.integration

ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def _operations() -> list[tuple[str, dict]]:
    paths = json.loads(openapi_document())["paths"]
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in paths.items()
        for method, operation in methods.items()
    ]


def _errors_it_can_answer(operation: dict) -> set[str]:
    """What any operation of this shape can answer besides success."""
    parameters = operation.get("parameters", [])
    places = {p["in"] for p in parameters}
    checked_path = any(  # a number or a pattern: anything else is 422
        p["in"] == "path" and (p["schema"]["type"] == "integer" or "pattern" in p["schema"])
        for p in parameters
    )
    has_body = "requestBody" in operation
    expected = set()
    if "security" in operation:
        expected.add("401")  # no token, or an unknown one
    if has_body:
        expected.add("400")  # no JSON
    if "query" in places or has_body or checked_path:
        expected.add("422")  # invalid values
    if "path" in places:
        expected.add("404")  # nothing at that address
    return expected


@pytest.mark.parametrize(("name", "operation"), _operations(), ids=[n for n, _o in _operations()])
def test_every_operation_documents_its_errors_with_the_shared_body(name, operation) -> None:
    errors = {status: answer for status, answer in operation["responses"].items() if status >= "4"}

    assert _errors_it_can_answer(operation) <= set(errors), name
    assert all(answer["content"] == ERROR_BODY for answer in errors.values()), name


# --- in the client's language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        pytest.param(None, "Ein gültiges API-Token ist erforderlich.", id="default-german"),
        pytest.param("de", "Ein gültiges API-Token ist erforderlich.", id="de"),
        pytest.param("en", "A valid API token is required.", id="en"),
    ],
)
def test_missing_token_is_refused_in_the_clients_language(client, db, language, message) -> None:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}

    response = client.post("/api/v1/events", {}, content_type="application/json", **headers)

    assert response.status_code == 401
    assert response.json() == {"detail": [{"loc": ["header", "Authorization"], "msg": message}]}


@pytest.mark.parametrize(
    ("request_args", "status", "detail"),
    [
        pytest.param(
            ("get", "/api/v1/events?page_size=500"),
            422,
            [{"loc": ["query", "page_size"], "msg": "Geben Sie einen Wert von höchstens 100 ein."}],
            id="ninja-validation",
        ),
        pytest.param(
            ("get", "/api/v1/agreements/kostenteilung/statements/2024?format=xml"),
            422,
            [{"loc": ["query", "format"], "msg": "Wählen Sie einen dieser Werte: 'json', 'csv'."}],
            id="choices-without-english-or",
        ),
        pytest.param(
            ("post", "/api/v1/resolutions/evaluate", '{"yes": 1,', "application/json"),
            400,
            [{"loc": ["body"], "msg": "Der Inhalt der Anfrage ist kein gültiges JSON."}],
            id="no-json",
        ),
        pytest.param(
            ("get", "/api/v1/no-such-thing"),
            404,
            [{"loc": ["path"], "msg": "Unter dieser Adresse gibt es keine API-Operation."}],
            id="no-operation",
        ),
        pytest.param(
            ("delete", "/api/v1/events"),
            405,
            [{"loc": ["method"], "msg": "Diese Adresse nimmt nur GET, POST an."}],
            id="method",
        ),
    ],
)
def test_ninjas_and_djangos_refusals_are_german_errors(client, db, request_args, status, detail):
    method, path, *body = request_args

    response = getattr(client, method)(path, *body, HTTP_ACCEPT_LANGUAGE="de")

    assert (response.status_code, response["Content-Type"]) == (
        status,
        "application/json; charset=utf-8",
    )
    assert response.json() == {"detail": detail}


def test_a_validation_error_without_its_own_text_gets_a_general_one_not_pydantics() -> None:
    error = {"type": "url_parsing", "loc": ("body", "url"), "msg": "Input should be a valid URL"}

    assert validation_detail([error]) == [
        {"loc": ["body", "url"], "msg": "Geben Sie einen gültigen Wert ein."}
    ]


# --- one value, once -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        pytest.param(
            "start=2027-01-01&start=2027-02-01",
            "en",
            "Give the parameter start once, not 2 times.",
            id="en",
        ),
        pytest.param(
            "start=2027-01-01&start=2027-02-01&start=2027-03-01",
            "de",
            "Geben Sie den Parameter start einmal an, nicht 3-mal.",
            id="de",
        ),
    ],
)
def test_a_repeated_parameter_is_refused(client, db, query, language, message) -> None:
    response = client.get(f"/api/v1/events?{query}", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["query", "start"], "msg": message}]}


def test_a_list_parameter_may_be_repeated(client, db) -> None:
    response = client.get(
        "/api/v1/coordination/suggestions?from=2027-06-01&to=2027-06-30&municipality=weimar"
        "&weekday=5&weekday=6&count=4"
    )

    assert response.status_code == 200
    starts = [dt.date.fromisoformat(s["start"]) for s in response.json()]
    assert (len(starts), {day.weekday() for day in starts}) == (4, {5, 6})


# --- no null characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "loc", "message"),
    [
        pytest.param(
            "/api/v1/places?municipality=%00",
            ["query", "municipality"],
            "Nullzeichen sind nicht erlaubt.",
            id="query",
        ),
        pytest.param(
            "/api/v1/organisations/je%00na",
            ["path", "slug"],
            "Geben Sie einen Wert in der dokumentierten Form ein.",
            id="path",
        ),
    ],
)
def test_a_null_character_is_refused_before_it_reaches_the_database(client, db, path, loc, message):
    # found by the contract test on PostgreSQL, which cannot compare text with one (a 500)
    response = client.get(path)

    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": loc, "msg": message}]}
