"""The committed API schema matches the API the code serves."""

import re
from pathlib import Path

import pytest

from impulsregion.config.management.commands.export_openapi import openapi_document

pytestmark = pytest.mark.integration

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_committed_openapi_schema_has_not_drifted() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == openapi_document(), (
        "the API changed: run make schema and commit"
    )


def test_openapi_is_served_by_the_app(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/organisations" in response.json()["paths"]


def test_interactive_docs_are_served(client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_interactive_docs_come_from_this_site_under_a_strict_policy(client) -> None:
    response = client.get("/api/v1/docs")

    assert response["Content-Security-Policy"] == (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
    page = response.content.decode()
    assert re.findall(r'<script src="([^"]+)"', page) == [
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    assert re.findall(r'(?:href|src)="(?!/static/ninja/)([^"]*)"', page) == []
