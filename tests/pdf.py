"""Read a PDF as a person's reader would, with pypdf (no system tools needed)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


def _reader(pdf: bytes | Path) -> PdfReader:
    data = pdf.read_bytes() if isinstance(pdf, Path) else bytes(pdf)
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def pdf_text(pdf: bytes | Path, *, layout: bool = False) -> str:
    """The text of every page in reading order; ``layout`` keeps the columns' spacing."""
    mode = "layout" if layout else "plain"
    return "\n".join(page.extract_text(extraction_mode=mode) for page in _reader(pdf).pages)


@dataclass(frozen=True)
class PdfInfo:
    title: str
    tagged: bool
    pages: int


def pdf_info(pdf: bytes | Path) -> PdfInfo:
    """Title, whether the PDF is tagged (MarkInfo /Marked) and its page count."""
    reader = _reader(pdf)
    mark_info = reader.trailer["/Root"].get("/MarkInfo") or {}
    metadata = reader.metadata or {}
    return PdfInfo(
        title=str(metadata.get("/Title", "")),
        tagged=bool(mark_info.get("/Marked", False)),
        pages=len(reader.pages),
    )
