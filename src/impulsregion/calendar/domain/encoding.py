"""The text of an uploaded or fetched file, in the encodings event sources are written in."""

from __future__ import annotations

import codecs

from impulsregion.calendar.domain.types import UnusableSource


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
    "Unicode text", some Windows calendars), else Windows-1252, which older Windows tools
    write; ISO 8859-1 for the five bytes Windows-1252 leaves undefined."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnusableSource("encoding") from error
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
