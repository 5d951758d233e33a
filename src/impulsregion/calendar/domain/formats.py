"""Which of the calendar's import formats a file is, from its content (not its name).

iCalendar begins with a BEGIN: line or has a BEGIN:VCALENDAR or BEGIN:VEVENT line; ThüCAT is JSON-LD (an ``@graph``, or
nodes with ``@id``/``@type``); destination.one is a JSON search answer with a list of
``items``; anything else that is text is taken for the CSV template, whose reader then says
precisely what is wrong with it. A web page, binary data or JSON of another kind is
recognised as none of them.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CALENDAR = re.compile(rb"^\s*BEGIN:(VCALENDAR|VEVENT)\s*$", re.IGNORECASE | re.MULTILINE)
_BOM = b"\xef\xbb\xbf"


class Unrecognised(Exception):
    """The content is none of the formats; `code` names what it looks like."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def recognise(data: bytes) -> str:
    """ "ics", "thuecat", "destination-one" or "csv"; raises `Unrecognised`."""
    head = data.removeprefix(_BOM).lstrip()
    if not head:
        raise Unrecognised("empty")
    if head[:6].upper() == b"BEGIN:" or _CALENDAR.search(data[:1_000_000]):
        return "ics"  # the iCalendar reader says precisely what is wrong with a broken one
    start = head[:200].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        raise Unrecognised("web-page")
    if head.startswith((b"{", b"[")):
        return _json_kind(head)
    if b"\x00" in head[:2048]:
        raise Unrecognised("binary-not-csv")
    return "csv"


def _json_kind(data: bytes) -> str:
    try:
        document: Any = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise Unrecognised("not-json") from error
    if isinstance(document, dict):
        if "@graph" in document or "@id" in document or "@type" in document:
            return "thuecat"
        if isinstance(document.get("items"), list):
            return "destination-one"
    first = document[0] if isinstance(document, list) and document else None
    if isinstance(first, dict) and ("@id" in first or "@type" in first):
        return "thuecat"
    raise Unrecognised("unknown-json")
