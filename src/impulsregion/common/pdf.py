"""Tagged PDF (PDF/UA-1) from a Typst template fed with JSON data: one way for every app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst


def render_typst_pdf(
    template: Path,
    data: dict[str, Any],
    *,
    root: Path | None = None,
    ignore_system_fonts: bool = False,
) -> bytes:
    """Compile ``template`` with ``data`` available as ``sys.inputs.data`` (JSON) to PDF/UA-1 bytes.

    Typst refuses output that breaks PDF/UA-1, so a returned document is tagged.
    """
    options: dict[str, Any] = {
        "pdf_standards": ["ua-1"],
        "ignore_system_fonts": ignore_system_fonts,
    }
    if root is not None:
        options["root"] = str(root)
    pdf = typst.compile(
        str(template), sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, **options
    )
    assert isinstance(pdf, bytes)
    return pdf
