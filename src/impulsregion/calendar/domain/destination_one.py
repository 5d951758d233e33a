"""destination.one (eT4 META search, template ET2014A.json) responses → `EventData`.

Dates are `timeIntervals`: without `freq` one span from `start` to `end`; with `freq`
(Daily/Weekly/Monthly/Yearly) a series from `start` whose end *time of day* comes from
`end` (its date is meaningless), on `weekdays` or on the `dayOrdinal`-th `weekday`, up to
`repeatUntil` (a midnight value means "including that day") or the window's end.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from impulsregion.calendar.domain.categories import categorise
from impulsregion.calendar.domain.recurrence import Rule, expand, weekday_index
from impulsregion.calendar.domain.sanitize import clean_html, plain_text, text_to_html
from impulsregion.calendar.domain.types import (
    BERLIN,
    EventData,
    ImageData,
    ParseResult,
    PlaceData,
    PriceData,
    Problem,
    Span,
    UnusableSource,
    Window,
    in_calendar_years,
    ordered,
)

FEATURES = {
    "barrierefrei": ("accessibility", "wheelchair"),
    "rollstuhl": ("accessibility", "wheelchair"),
    "induktionsschleife": ("accessibility", "induction_loop"),
    "gebärdensprache": ("accessibility", "sign_language"),
    "leichte sprache": ("accessibility", "easy_language"),
    "familie": ("audience", "families"),
    "kinder": ("audience", "children"),
    "jugendliche": ("audience", "youth"),
    "senioren": ("audience", "seniors"),
}
_FREQ = {"daily": "daily", "weekly": "weekly", "monthly": "monthly", "yearly": "yearly"}


def parse_destination_one(data: bytes, *, window: Window) -> ParseResult:
    """Events of one search response with spans inside `window`."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnusableSource("not-json", str(error)[:120]) from error
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise UnusableSource("not-destination-one")
    items = [
        i for i in document["items"] if isinstance(i, dict) and i.get("type", "Event") == "Event"
    ]
    if not items:
        raise UnusableSource("no-events")
    events, problems = [], []
    for item in items:
        external_id = str(item.get("global_id") or item.get("id") or "").strip()
        try:
            events.append(_event(item, external_id, window))
        except _ItemProblem as problem:
            problems.append(Problem(external_id, problem.code, problem.detail))
    return ParseResult(tuple(events), tuple(problems))


class _ItemProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _event(item: dict[str, Any], external_id: str, window: Window) -> EventData:
    if not external_id:
        raise _ItemProblem("no-id")
    title = plain_text(_str(item.get("title")), 300)
    if not title:
        raise _ItemProblem("no-title")
    spans: list[Span] = []
    for interval in item.get("timeIntervals") or []:
        if isinstance(interval, dict):
            try:
                spans.extend(_interval_spans(interval, window))
            except ValueError as error:
                raise _ItemProblem("bad-recurrence", str(error)[:80]) from error
    if not spans:
        raise _ItemProblem("no-dates")
    texts = _texts(item)
    features = [f.lower() for f in item.get("features") or [] if isinstance(f, str)]
    matched = [
        kind_value for key, kind_value in FEATURES.items() if any(key in f for f in features)
    ]
    return EventData(
        external_id=external_id,
        title_de=title,
        spans=tuple(ordered(spans)),
        description_de=texts.get("details", ""),
        short_de=plain_text(texts.get("teaser") or texts.get("details", ""), 280),
        place=_place(item),
        categories=categorise(
            [
                c
                for c in (item.get("categories") or []) + (item.get("keywords") or [])
                if isinstance(c, str)
            ]
        ),
        organiser=_organiser(item),
        url=_str(item.get("web")),
        price=_price(item, texts),
        images=tuple(_images(item)),
        accessibility=tuple(sorted({v for k, v in matched if k == "accessibility"})),
        audiences=tuple(sorted({v for k, v in matched if k == "audience"})),
        source_modified=_datetime(_str(item.get("changed"))),
    )


def _texts(item: dict[str, Any]) -> dict[str, str]:
    html: dict[str, str] = {}
    plain: dict[str, str] = {}
    for text in item.get("texts") or []:
        if not isinstance(text, dict) or not _str(text.get("value")):
            continue
        target = html if text.get("type") == "text/html" else plain
        target.setdefault(_str(text.get("rel")), _str(text.get("value")))
    result = {rel: clean_html(value) for rel, value in html.items()}
    for rel, value in plain.items():
        result.setdefault(rel, text_to_html(value) if rel in ("details", "teaser") else value)
    return result


def _interval_spans(interval: dict[str, Any], window: Window) -> list[Span]:
    try:
        zone = ZoneInfo(_str(interval.get("tz")) or "Europe/Berlin")
    except (ZoneInfoNotFoundError, ValueError):
        zone = BERLIN
    start = _datetime(_str(interval.get("start")))
    end = _datetime(_str(interval.get("end")))
    if start is None:
        raise _ItemProblem("bad-date", _str(interval.get("start")))
    start = start.astimezone(zone)
    freq = _str(interval.get("freq")).lower()
    if not freq:
        if end is not None and end <= start:
            end = None  # before the start, or repeating it: no end given
        spans = [Span(start, end.astimezone(zone) if end else None)]
        return [s for s in spans if (s.end or s.start) >= window.start and s.start <= window.end]
    if freq not in _FREQ:
        raise _ItemProblem("bad-recurrence", freq)
    duration = _duration(start, end, zone)
    weekdays = [_str(w) for w in interval.get("weekdays") or []]
    nth = interval.get("dayOrdinal")
    if interval.get("weekday"):
        weekdays = [_str(interval.get("weekday"))]
    indices = tuple(i for i in (weekday_index(w) for w in weekdays) if i is not None)
    try:
        step = max(1, int(interval.get("interval") or 1))
    except (TypeError, ValueError):
        step = 1
    rule = Rule(_FREQ[freq], step, indices, int(nth) if isinstance(nth, int) else None)
    return expand(
        first=start,
        duration=duration,
        rule=rule,
        until=_until(_str(interval.get("repeatUntil")), zone),
        window=window,
        zone=zone,
    )


def _duration(start: datetime, end: datetime | None, zone: ZoneInfo) -> timedelta | None:
    if end is None:
        return None
    start_time = start.astimezone(zone).time()
    end_time = end.astimezone(zone).time()
    delta = datetime.combine(date.min, end_time) - datetime.combine(date.min, start_time)
    return delta if delta > timedelta(0) else None


def _until(value: str, zone: ZoneInfo) -> date | datetime | None:
    parsed = _datetime(value)
    if parsed is None:
        return None
    local = parsed.astimezone(zone)
    return local.date() if local.time() == time(0) else local


def _datetime(value: str) -> datetime | None:
    """A date-time, or None for an unreadable one (a year outside the calendar's too)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not in_calendar_years(parsed):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=BERLIN)


def _place(item: dict[str, Any]) -> PlaceData | None:
    name = plain_text(_str(item.get("name")))
    street, city = _str(item.get("street")), _str(item.get("city"))
    if not (name or street or city):
        return None
    geo = (item.get("geo") or {}).get("main") or {} if isinstance(item.get("geo"), dict) else {}
    return PlaceData(
        name=name or street or city,
        street=plain_text(street),
        postal_code=_str(item.get("zip")),
        locality=plain_text(city),
        latitude=_decimal(geo.get("latitude")),
        longitude=_decimal(geo.get("longitude")),
    )


def _decimal(value: Any) -> Decimal | None:
    try:
        return (
            Decimal(str(value)).quantize(Decimal("0.000001")) if value not in (None, "") else None
        )
    except InvalidOperation:
        return None


def _organiser(item: dict[str, Any]) -> str:
    for address in item.get("addresses") or []:
        if isinstance(address, dict) and address.get("rel") == "organizer":
            return plain_text(_str(address.get("name")))
    return ""


def _price(item: dict[str, Any], texts: dict[str, str]) -> PriceData:
    ticket_url = ""
    for media in item.get("media_objects") or []:
        if isinstance(media, dict) and media.get("rel") in ("PRICE_KARTENLINK", "booking"):
            ticket_url = _str(media.get("url"))
            break
    text = " ".join(
        t for t in (texts.get("PRICE_INFO", ""), texts.get("PRICE_INFO_EXTRA", "")) if t
    )
    return PriceData(text=plain_text(text, 500), ticket_url=ticket_url)


def _images(item: dict[str, Any]) -> list[ImageData]:
    images = []
    for media in item.get("media_objects") or []:
        if isinstance(media, dict) and media.get("rel") == "default" and _str(media.get("url")):
            images.append(
                ImageData(
                    url=_str(media.get("url")),
                    credit=plain_text(_str(media.get("copyright")), 200),
                    licence=_str(media.get("license")),
                    alt=plain_text(_str(media.get("value")), 200),
                )
            )
    return images
