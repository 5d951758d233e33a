"""Compile the Jahresüberblick with Typst into a tagged PDF (PDF/UA-1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impulsregion.common.pdf import render_typst_pdf

TEMPLATE = Path(__file__).resolve().parent / "data" / "yearbook.typ"


def render_yearbook_pdf(document: dict[str, Any]) -> bytes:
    """PDF bytes of the overview described by ``document`` (see ``domain.yearbook``).

    Only the fonts bundled with Typst are used, so the output is the same on every machine.
    """
    return render_typst_pdf(TEMPLATE, document, root=TEMPLATE.parent, ignore_system_fonts=True)
