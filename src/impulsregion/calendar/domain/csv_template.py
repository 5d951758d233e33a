"""The calendar's CSV template (documented in docs/calendar-import.md) → `EventData`.

Spreadsheet exports from members: semicolon or comma separated, UTF-8 (with or without
BOM) or Windows-1252, German dates (`24.12.2026`, `24.12.26`) or ISO dates, times `19:30` or
`19.30 Uhr`, prices with decimal commas. Every row is checked on its own; a bad row becomes
a `Problem` naming the row number and the column, the others are imported.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from impulsregion.calendar.domain.categories import categorise, unmapped
from impulsregion.calendar.domain.encoding import decode_text
from impulsregion.calendar.domain.sanitize import description_html, plain_text
from impulsregion.calendar.domain.types import (
    BERLIN,
    CANCELLED,
    SCHEDULED,
    EventData,
    ParseResult,
    PlaceData,
    PriceData,
    Problem,
    Span,
    UnusableSource,
    Window,
    in_calendar_years,
    price_amount,
)

COLUMNS = (
    "id",
    "title_de",
    "title_en",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "venue",
    "street",
    "postal_code",
    "town",
    "categories",
    "price",
    "ticket_url",
    "url",
    "organiser",
    "description_de",
    "description_en",
    "wheelchair",
    "families",
    "cancelled",
)
REQUIRED = ("id", "title_de", "start_date")
YES = {"ja", "yes", "x", "1", "true", "wahr"}
FREE = {"frei", "free", "kostenlos", "eintritt frei", "0", "0,00", "0.00"}
# an optional weekday in front ("Sa., 24.12.2026", "Samstag, 24.12.2026"), as lists write it
_DATE_DE = re.compile(r"^(?:([^\W\d_]{2,10})\.?,?\s+)?(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mo", "montag", "mon", "monday"),
            ("di", "dienstag", "tue", "tuesday"),
            ("mi", "mittwoch", "wed", "wednesday"),
            ("do", "donnerstag", "thu", "thursday"),
            ("fr", "freitag", "fri", "friday"),
            ("sa", "samstag", "sonnabend", "sat", "saturday"),
            ("so", "sonntag", "sun", "sunday"),
        )
    )
    for name in names
}
# `19:30`, `19.30`, `19:30:00` (a spreadsheet's time cell), `19:30 Uhr`, `19 Uhr`, `19h`
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?\s*(uhr|h)?$", re.IGNORECASE)
_AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")


class _RowProblem(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


# two rows showing how the columns are filled, for the template members download
EXAMPLE_ROWS = (
    {
        "id": "2026-konzert-01",
        "title_de": "Sommerkonzert im Hof",
        "title_en": "Summer concert in the courtyard",
        "start_date": "24.07.2026",
        "start_time": "19:30",
        "end_time": "21:30",
        "venue": "Theaterhaus Jena",
        "street": "Schillergäßchen 1",
        "postal_code": "07745",
        "town": "Jena",
        "categories": "Konzert, Jazz",
        "price": "8,50 – 12 €",
        "url": "https://www.example.org/sommerkonzert",
        "description_de": "Jazz unter freiem Himmel.",
        "wheelchair": "ja",
    },
    {
        "id": "2026-fuehrung-02",
        "title_de": "Familienführung durch die Ausstellung",
        "start_date": "02.08.2026",
        "venue": "Theaterhaus Jena",
        "categories": "Führung; Kinder",
        "price": "frei",
        "families": "ja",
    },
)


def template_csv() -> bytes:
    """The CSV template: the header row and the example rows, `;`-separated UTF-8 with a BOM
    (so a German spreadsheet program opens it with the right columns and umlauts)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in EXAMPLE_ROWS:
        writer.writerow(row)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def parse_csv(data: bytes, *, window: Window, zone: ZoneInfo = BERLIN) -> ParseResult:
    """Events of a CSV file in the template's columns (header row required)."""
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows(reader, window=window, zone=zone)
    except csv.Error as error:
        raise UnusableSource("not-csv", str(error)[:120]) from error


def _rows(reader: csv.DictReader[str], *, window: Window, zone: ZoneInfo) -> ParseResult:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UnusableSource("csv-header", ", ".join(missing))
    reader.fieldnames = header
    events, problems = [], []
    for number, row in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not any(values.values()):
            continue
        try:
            events.append(_event(values, window, zone))
        except _RowProblem as problem:
            ident = values.get("id") or f"row {number}"
            problems.append(Problem(ident, problem.code, f"{number}: {problem.detail}"))
    if not events and not problems:
        raise UnusableSource("no-events")
    return ParseResult(tuple(events), tuple(problems))


def _decode(data: bytes) -> str:
    text = decode_text(data)
    if "\x00" in text[:2048]:
        raise UnusableSource("binary-not-csv")
    return text


def parse_date(value: str) -> date:
    """`24.12.2026`, `24.12.26`, `Sa., 24.12.2026`, `2026-12-24` or a spreadsheet's
    `2026-12-24 00:00:00`; a year outside the calendar's (`31.12.9999`) is no valid date."""
    found = _date(value)
    if not in_calendar_years(found):
        raise _RowProblem("bad-date", value)
    return found


def _date(value: str) -> date:
    match = _DATE_DE.match(value)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups()[1:])
            found = date(year + 2000 if year < 100 else year, month, day)
            if match.group(1) is not None:
                weekday = _WEEKDAYS.get(match.group(1).lower())
                if weekday is None:
                    raise ValueError(value)  # a word that names no weekday
                if weekday != found.weekday():
                    raise _RowProblem("weekday-mismatch", value)
            return found
        if len(value) > 10 and value[10] in " T":
            moment = datetime.fromisoformat(value)
            if moment.time() != time(0):
                raise ValueError(value)
            return moment.date()
        return date.fromisoformat(value)
    except ValueError as error:
        raise _RowProblem("bad-date", value) from error


def parse_time(value: str) -> time:
    """`19:30`, `19.30`, `19:30:00`, `19:30 Uhr`, `19 Uhr` or `19h` (a bare hour needs the
    word: `19` alone might be a mistake)."""
    match = _TIME.match(value)
    if not match or (match.group(2) is None and match.group(4) is None):
        raise _RowProblem("bad-time", value)
    try:
        return time(int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0))
    except ValueError as error:
        raise _RowProblem("bad-time", value) from error


def _event(values: dict[str, str], window: Window, zone: ZoneInfo) -> EventData:
    title = plain_text(values.get("title_de", ""), 300)
    if not title:
        raise _RowProblem("no-title", "title_de")
    if not values.get("id"):
        raise _RowProblem("no-id", "id")
    span = _span(values, zone)
    if (span.end or span.start) < window.start or span.start > window.end:
        raise _RowProblem("no-dates", values.get("start_date", ""))
    place = None
    if values.get("venue") or values.get("postal_code"):
        place = PlaceData(
            name=plain_text(values.get("venue", "")),
            street=plain_text(values.get("street", "")),
            postal_code=values.get("postal_code", ""),
            locality=plain_text(values.get("town", "")),
        )
    return EventData(
        external_id=values["id"],
        title_de=title,
        title_en=plain_text(values.get("title_en", ""), 300),
        spans=(span,),
        description_de=description_html(values.get("description_de", "")),
        description_en=description_html(values.get("description_en", "")),
        short_de=plain_text(values.get("description_de", ""), 280),
        short_en=plain_text(values.get("description_en", ""), 280),
        status=CANCELLED if values.get("cancelled", "").lower() in YES else SCHEDULED,
        place=place,
        categories=categorise(re.split(r"[;,|]", values.get("categories", ""))),
        unmapped_categories=unmapped(re.split(r"[;,|]", values.get("categories", ""))),
        organiser=plain_text(values.get("organiser", "")),
        url=_url(values.get("url", ""), "url"),
        price=_price(values.get("price", ""), _url(values.get("ticket_url", ""), "ticket_url")),
        accessibility=("wheelchair",) if values.get("wheelchair", "").lower() in YES else (),
        audiences=("families",) if values.get("families", "").lower() in YES else (),
    )


def _span(values: dict[str, str], zone: ZoneInfo) -> Span:
    first = parse_date(values["start_date"])
    last = parse_date(values["end_date"]) if values.get("end_date") else first
    if last < first:
        raise _RowProblem("end-before-start", values["end_date"])
    if not values.get("start_time"):
        return Span(
            datetime.combine(first, time(0), tzinfo=zone),
            datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone),
            all_day=True,
        )
    start = datetime.combine(first, parse_time(values["start_time"]), tzinfo=zone)
    end = None
    if values.get("end_time"):
        end = datetime.combine(last, parse_time(values["end_time"]), tzinfo=zone)
        if end <= start:
            raise _RowProblem("end-before-start", values["end_time"])
    return Span(start, end)


def _url(value: str, column: str) -> str:
    if value and not re.match(r"^https?://[^\s]+$", value, re.IGNORECASE):
        raise _RowProblem("bad-url", f"{column}: {value[:80]}")
    return value


def _price(value: str, ticket_url: str) -> PriceData:
    text = plain_text(value, 500)
    if text.lower() in FREE:
        return PriceData(is_free=True, text="", ticket_url=ticket_url)
    found = (price_amount(Decimal(raw.replace(",", "."))) for raw in _AMOUNT.findall(text))
    amounts = [amount for amount in found if amount is not None]  # "99999999,99 €" is none
    return PriceData(
        is_free=False if amounts else None,
        minimum=min(amounts) if amounts else None,
        maximum=max(amounts) if amounts else None,
        text=text,
        ticket_url=ticket_url,
    )
