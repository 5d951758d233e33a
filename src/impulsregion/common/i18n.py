"""Bilingual content: models keep ``<field>_de`` and ``<field>_en``; German is the fallback."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def pick(obj: Any, field: str, language: str | None = None) -> str:
    """The value of ``field`` in the active language, falling back to German."""
    language = (language or get_language() or "de")[:2]
    value = getattr(obj, f"{field}_{language}", "") if language != "de" else ""
    return value or getattr(obj, f"{field}_de", "") or ""
