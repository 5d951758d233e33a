"""Readers of the public answers that check what no answer may contain.

HTML: no `<script>` but the page's own JSON-LD, no `on…=` attribute, no link or source with a
scheme other than http(s) (read as a browser reads it: entities decoded, tabs and line breaks
inside dropped); a text stands in it escaped. iCalendar: CRLF is the only line break, no alarm,
links are http(s). CSV: no cell begins like a formula. JSON and XML: they parse, and their
links are http(s).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import icalendar
from django.utils.html import escape

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"}
PAGE_SCHEMES = {"http", "https"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ATOM = "{http://www.w3.org/2005/Atom}"


def scheme(url: str) -> str:
    """The scheme a browser sees in `url` ("" for a relative address)."""
    match = _SCHEME.match(_URL_NOISE.sub("", url).lower())
    return match.group(1) if match else ""


def is_web_link(url: str) -> bool:
    return url == "" or (re.match(r"^https?://[^\x00-\x20\x7f]+$", url, re.IGNORECASE) is not None)


class Page(HTMLParser):
    """The scripts and attributes of an HTML answer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.attributes: list[tuple[str, str, str]] = []  # tag, name, value
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag == "script":
            self._script, self._script_text = {n: v or "" for n, v in attrs}, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def read_page(body: str, *, json_ld: int = 0) -> Page:
    """The parsed page, after checking it carries nothing executable; `json_ld` is the
    number of JSON-LD scripts the page writes itself."""
    page = Page()
    page.feed(body)
    page.close()
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/ld+json"] * json_ld
    handlers = [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")]
    assert handlers == []
    links = [
        (tag, name, value)
        for tag, name, value in page.attributes
        if name in URL_ATTRIBUTES and scheme(value) not in PAGE_SCHEMES | {""}
    ]
    assert links == []
    return page


def assert_escaped(text: str, body: str, page: Page) -> None:
    """`text` stands in the HTML `body` escaped, and nowhere as it is (but inside the page's
    own JSON-LD, where it is JSON): an unescaped `">` would close an attribute."""
    assert escape(text) in body
    if escape(text) != text:
        outside_scripts = body
        for _attrs, script in page.scripts:
            outside_scripts = outside_scripts.replace(script, "")
        assert text not in outside_scripts


def json_ld_of(page: Page) -> list[dict[str, Any]]:
    """The page's own JSON-LD: valid JSON that holds no `<` (so no `</script>` ends it)."""
    ((_, text),) = page.scripts
    assert "<" not in text
    items = json.loads(text)
    assert isinstance(items, list)
    return items


def check_json_ld_links(items: list[dict[str, Any]]) -> None:
    for item in items:
        links = [item.get("url", ""), item.get("offers", {}).get("url", ""), *item.get("image", [])]
        assert all(is_web_link(link) for link in links), links


def read_ics(body: bytes) -> Any:
    """The parsed calendar; its only line breaks are CRLF (a reader that also breaks lines
    at CR, U+2028 or NEL must read the same lines), and it has no alarm."""
    text = body.decode()
    assert text.splitlines() == text.split("\r\n")[:-1]
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.walk("VALARM") == []
    for event in calendar.walk("VEVENT"):
        assert is_web_link(str(event.get("URL", "")))
    return calendar


def feed_events(calendar: Any) -> dict[int, list[Any]]:
    """The VEVENTs of our feed by event id; every UID is one of ours."""
    by_event: dict[int, list[Any]] = {}
    for vevent in calendar.walk("VEVENT"):
        match = re.fullmatch(r"event-(\d+)@impulsregion\.de-\d{8}T\d{6}Z", str(vevent["UID"]))
        assert match is not None, str(vevent["UID"])
        by_event.setdefault(int(match.group(1)), []).append(vevent)
    return by_event


def read_atom(body: bytes) -> list[ET.Element]:
    root = ET.fromstring(body)  # our own answer, read to check it is well-formed
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        assert all(is_web_link(link.get("href", "")) for link in entry.findall(f"{ATOM}link"))
    return entries


def read_csv(body: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(body.decode())))
    formulas = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert formulas == []
    return rows


def safe_cell(text: str) -> str:
    """How a text cell that begins like a formula must be written: after an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def check_api_links(item: dict[str, Any]) -> None:
    links = [item["url"], item["price"]["ticket_url"], *(i["url"] for i in item["images"])]
    assert all(is_web_link(link) for link in links), links
