"""The API's error answers (#14, point 11): documented for every operation with one shared
body."""

from __future__ import annotations

import json

import pytest

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
    numbers_in_path = any(
        p["in"] == "path" and p["schema"]["type"] == "integer" for p in parameters
    )
    has_body = "requestBody" in operation
    expected = set()
    if "security" in operation:
        expected.add("401")  # no token, or an unknown one
    if has_body:
        expected.add("400")  # no JSON
    if "query" in places or has_body or numbers_in_path:
        expected.add("422")  # invalid values
    if "path" in places:
        expected.add("404")  # nothing at that address
    return expected


@pytest.mark.parametrize(("name", "operation"), _operations(), ids=[n for n, _o in _operations()])
def test_every_operation_documents_its_errors_with_the_shared_body(name, operation) -> None:
    errors = {status: answer for status, answer in operation["responses"].items() if status >= "4"}

    assert _errors_it_can_answer(operation) <= set(errors), name
    assert all(answer["content"] == ERROR_BODY for answer in errors.values()), name
