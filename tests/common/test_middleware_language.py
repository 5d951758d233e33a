"""The API answers in the client's language for that request only."""

from __future__ import annotations

import pytest
from django.utils import translation

pytestmark = pytest.mark.integration


def test_an_english_api_request_leaves_the_thread_in_its_language(db, client) -> None:
    with translation.override("de"):
        response = client.get("/api/v1/board?year=abc", HTTP_ACCEPT_LANGUAGE="en")

        assert response.json()["detail"][0]["msg"] == "Enter a whole number."
        assert translation.get_language() == "de"
