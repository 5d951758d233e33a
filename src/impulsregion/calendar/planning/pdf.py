"""Compile the Jahresüberblick with Typst into a tagged PDF (PDF/UA-1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

TEMPLATE = Path(__file__).resolve().parent / "data" / "yearbook.typ"


def render_yearbook_pdf(document: dict[str, Any]) -> bytes:
    """PDF bytes of the overview described by ``document`` (see ``domain.yearbook``).

    Only the fonts bundled with Typst are used, so the output is the same on every machine.
    """
    pdf = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        sys_inputs={"data": json.dumps(document, ensure_ascii=False)},
        pdf_standards=["ua-1"],
        ignore_system_fonts=True,
    )
    assert isinstance(pdf, bytes)
    return pdf
