from pathlib import Path

import pytest

from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import yearbook_document
from impulsregion.planning.pdf import render_yearbook_pdf
from tests.factories.planning import make_yearbook
from tests.pdf import pdf_info, pdf_text

pytestmark = pytest.mark.integration


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    return pdf_text(pdf)


def test_pdf_holds_month_headings_titles_and_index(tmp_path: Path) -> None:
    pdf = render_yearbook_pdf(yearbook_document(make_yearbook()))
    text = _pdf_text(pdf, tmp_path)

    assert pdf.startswith(b"%PDF-")
    for expected in (
        "Juni 2027",
        "Juli 2027",
        "Krämerbrückenfest",
        "DomStufen-Festspiele",
        "Register nach Orten",
        "Spielstätten",
        "„größte Altstadtfest“",
    ):
        assert expected in text


def test_pdf_is_tagged_with_title(tmp_path: Path) -> None:
    path = tmp_path / "book.pdf"
    path.write_bytes(render_yearbook_pdf(yearbook_document(make_yearbook())))
    info = pdf_info(path)

    assert info.tagged
    assert info.title == "Kulturjahr 2027"
    assert b"pdfuaid" in path.read_bytes()


def test_english_edition_uses_english_months(tmp_path: Path) -> None:
    labels = {
        "contents": "Contents",
        "preface": "Preface",
        "index_city": "Index by place",
        "index_category": "Index by genre",
        "venues": "Venues",
        "issued": "As of",
        "page": "page",
        "uncategorised": "Other",
    }
    text = _pdf_text(
        render_yearbook_pdf(yearbook_document(make_yearbook(lang=Lang.EN, labels=labels))), tmp_path
    )
    assert "June 2027" in text
    assert "Index by place" in text
