"""ThüCAT JSON-LD (schema.org events of Thuringia's tourism knowledge graph) → `EventData`.

Every property may be a single value or a list; texts carry `@language`; references
(`{"@id": …}`) are resolved against all nodes of all documents passed in, whatever host
variant the `@id` uses. Dates come from `schema:eventSchedule` when the key is present
(even if empty: then there are no dates) and otherwise from the event-level
`startDate`/`endDate`. Series use `repeatFrequency`, `byDay`, `byMonthWeek` and
`exceptDate` and are expanded on wall-clock time in `scheduleTimezone`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from impulsregion.calendar.domain.categories import categorise
from impulsregion.calendar.domain.recurrence import Rule, expand, weekday_index, whole_days
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
    price_amount,
)

Node = dict[str, Any]
PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")
EVENT_TYPES = {"schema:Event", "ttgds:Event", "dcmitype:Event", "http://schema.org/Event"}
_FREQUENCY = re.compile(r"^P(\d+)([DWMY])$")
_FREQ_NAMES = {"D": "daily", "W": "weekly", "M": "monthly", "Y": "yearly"}


class _EventProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def parse_thuecat(documents: Iterable[bytes], *, window: Window) -> ParseResult:
    """Events of all `documents` (each a JSON-LD document) with spans inside `window`."""
    index: dict[str, Node] = {}
    roots: list[Node] = []
    failures: list[UnusableSource] = []
    documents = list(documents)
    for data in documents:
        try:
            graph = _graph(_load(data))
        except UnusableSource as failure:
            failures.append(failure)  # in a folder, unrelated files are skipped
            continue
        for node in graph:
            roots.append(node)
            _index(node, index)
    if failures and len(failures) == len(documents):
        raise failures[0]
    events, problems = [], []
    for node in roots:
        if not EVENT_TYPES & set(_types(node)):
            continue
        external_id = _key(str(node.get("@id", "")))
        try:
            events.append(_event(node, external_id, index, window))
        except _EventProblem as problem:
            problems.append(Problem(external_id, problem.code, problem.detail))
    if not events and not problems:
        raise UnusableSource("no-events")
    return ParseResult(tuple(events), tuple(problems))


def _load(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnusableSource("not-json", str(error)[:120]) from error


def _graph(document: Any) -> list[Node]:
    if isinstance(document, dict) and "@graph" in document:
        graph = document["@graph"]
    elif isinstance(document, dict) and ("@id" in document or "@type" in document):
        graph = [document]
    elif isinstance(document, list):
        graph = document
    else:
        raise UnusableSource("not-jsonld")
    return [node for node in _as_list(graph) if isinstance(node, dict)]


def _index(node: Node, index: dict[str, Node]) -> None:
    if "@id" in node and len(node) > 1:
        index.setdefault(_key(str(node["@id"])), node)
    for value in node.values():
        for item in _as_list(value):
            if isinstance(item, dict):
                _index(item, index)


def _key(identifier: str) -> str:
    """`https://int.thuecat.org/resources/e_1-hubev` and `…/api/resources/e_1-hubev` → `e_1-hubev`."""
    return identifier.rstrip("/").rsplit("/", 1)[-1]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Node) -> list[str]:
    return [str(t) for t in _as_list(node.get("@type"))]


def _get(node: Node, name: str) -> list[Any]:
    for prefix in (*PREFIXES, "thuecat:", "rdfs:", "dcterms:", "tourism:", ""):
        if prefix + name in node:
            return _as_list(node[prefix + name])
    return []


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("@value", value.get("@id", ""))
    return "" if value is None or isinstance(value, dict | list) else str(value).strip()


def _first(node: Node, name: str) -> str:
    return next((s for s in (_scalar(v) for v in _get(node, name)) if s), "")


def _texts(values: Iterable[Any]) -> dict[str, str]:
    """Language → text for literal values (`@language` missing means German)."""
    texts: dict[str, str] = {}
    for value in values:
        if isinstance(value, str):
            texts.setdefault("de", value.strip())
        elif isinstance(value, dict) and "@value" in value and isinstance(value["@value"], str):
            texts.setdefault(str(value.get("@language") or "de")[:2], value["@value"].strip())
    return texts


def _resolve(value: Any, index: dict[str, Node]) -> Node | None:
    if not isinstance(value, dict):
        return None
    if set(value) <= {"@id"} and "@id" in value:
        return index.get(_key(str(value["@id"])))
    return value


def _event(node: Node, external_id: str, index: dict[str, Node], window: Window) -> EventData:
    names = _texts(_get(node, "name")) or _texts(_get(node, "label")) or _texts(_get(node, "title"))
    title_de = plain_text(names.get("de") or next(iter(names.values()), ""), 300)
    if not title_de:
        raise _EventProblem("no-title")
    spans = _event_spans(node, window)
    html, plain = _descriptions(node, index)
    place = _place(_resolve(next(iter(_get(node, "location")), None), index), index)
    offers = [o for o in (_resolve(v, index) for v in _get(node, "offers")) if o]
    return EventData(
        external_id=external_id,
        title_de=title_de,
        title_en=plain_text(names.get("en", ""), 300),
        spans=tuple(spans),
        description_de=html.get("de", ""),
        description_en=html.get("en", ""),
        short_de=plain_text(plain.get("de", ""), 280),
        short_en=plain_text(plain.get("en", ""), 280),
        place=place,
        categories=categorise(_types(node) + [_scalar(k) for k in _get(node, "keywords")]),
        organiser=_organiser(node, index),
        url=_url(_first(node, "url")),
        price=_price(offers, node),
        images=tuple(_images(node, index)),
        source_modified=_datetime(_first(node, "dateModified")),
    )


def _descriptions(node: Node, index: dict[str, Node]) -> tuple[dict[str, str], dict[str, str]]:
    html: dict[str, str] = {}
    plain: dict[str, str] = {}
    for value in _get(node, "description"):
        target = _resolve(value, index)
        if target is None or "@value" in target:
            for lang, text in _texts([value]).items():
                plain.setdefault(lang, text)
            continue
        for lang, text in _texts(_get(target, "html") + _get(target, "value")).items():
            html.setdefault(lang, clean_html(text))
        for lang, text in _texts(_get(target, "text")).items():
            plain.setdefault(lang, text)
    for lang, text in plain.items():
        html.setdefault(lang, text_to_html(text))
    for lang, text in html.items():
        plain.setdefault(lang, plain_text(text))
    return html, plain


def _event_spans(node: Node, window: Window) -> list[Span]:
    has_schedule = any(prefix + "eventSchedule" in node for prefix in (*PREFIXES, ""))
    if has_schedule:
        schedules = [s for s in _get(node, "eventSchedule") if isinstance(s, dict)]
        spans: list[Span] = []
        for schedule in schedules:
            try:
                spans.extend(_schedule_spans(schedule, window))
            except ValueError as error:
                raise _EventProblem("bad-recurrence", str(error)[:80]) from error
        if not spans:
            raise _EventProblem("no-dates", "eventSchedule")
        return ordered(spans)
    try:
        spans = _schedule_spans(node, window, event_level=True)
    except ValueError as error:
        raise _EventProblem("bad-recurrence", str(error)[:80]) from error
    if not spans:
        raise _EventProblem("no-dates", _first(node, "startDate"))
    return spans


def _zone(node: Node) -> ZoneInfo:
    name = _first(node, "scheduleTimezone")
    try:
        return ZoneInfo(name) if name else BERLIN
    except (ZoneInfoNotFoundError, ValueError):
        return BERLIN


def _schedule_spans(node: Node, window: Window, *, event_level: bool = False) -> list[Span]:
    zone = _zone(node)
    start_value, end_value = _first(node, "startDate"), _first(node, "endDate")
    start_dt, end_dt = _datetime(start_value), _datetime(end_value)
    start_day, end_day = _date(start_value), _date(end_value)
    start_time = _time(_first(node, "startTime"), zone)
    end_time = _time(_first(node, "endTime"), zone)
    if start_dt is None and start_day is None:
        start_dt = _datetime(_first(node, "startTime"))
        if start_dt is None:
            return []
    if start_dt is None and start_time is None:
        assert start_day is not None
        return _clip([whole_days(start_day, end_day or start_day, zone)], window)
    first = (
        start_dt or datetime.combine(start_day or date.min, start_time or time(0), tzinfo=zone)
    ).astimezone(zone)
    duration = _duration(first, end_dt, end_time, zone)
    rule = _rule(node)
    if rule is None:
        return _clip([Span(first, first + duration if duration is not None else None)], window)
    until: date | datetime | None = end_dt if end_dt is not None else end_day
    exceptions = [d for d in (_date(_scalar(v)) for v in _get(node, "exceptDate")) if d]
    exceptions += [d.date() for d in (_datetime(_scalar(v)) for v in _get(node, "exceptDate")) if d]
    return expand(
        first=first,
        duration=duration,
        rule=rule,
        until=until,
        window=window,
        zone=zone,
        exceptions=exceptions,
    )


def _clip(spans: list[Span], window: Window) -> list[Span]:
    return [s for s in spans if (s.end or s.start) >= window.start and s.start <= window.end]


def _duration(
    first: datetime, end_dt: datetime | None, end_time: time | None, zone: ZoneInfo
) -> timedelta | None:
    wall = first.astimezone(zone).replace(tzinfo=None)
    if end_dt is not None and end_dt.date() == first.astimezone(end_dt.tzinfo).date():
        delta = end_dt.astimezone(zone).replace(tzinfo=None) - wall
        return delta if delta > timedelta(0) else None
    if end_time is not None:
        delta = datetime.combine(wall.date(), end_time) - wall
        if delta == timedelta(0):
            return None  # the end time repeats the start: no end given
        return delta if delta > timedelta(0) else delta + timedelta(days=1)  # past midnight
    if end_dt is not None and end_dt > first:
        return end_dt.astimezone(zone).replace(tzinfo=None) - wall
    return None


def _rule(node: Node) -> Rule | None:
    frequency = _first(node, "repeatFrequency") or _first(node, "frequency")
    match = _FREQUENCY.match(frequency.upper())
    if not frequency:
        return None
    if match is None:
        raise _EventProblem("bad-recurrence", frequency)
    day_values = [_scalar(v) for v in _get(node, "byDay")]
    weekdays = tuple(i for i in (weekday_index(v) for v in day_values) if i is not None)
    if day_values and not weekdays:
        raise _EventProblem("no-usable-weekday", ", ".join(day_values))
    nth_value = _first(node, "byMonthWeek")
    try:
        nth = int(nth_value) if nth_value else None
    except ValueError as error:
        raise _EventProblem("bad-recurrence", nth_value) from error
    return Rule(_FREQ_NAMES[match.group(2)], int(match.group(1)), weekdays, nth)


def _datetime(value: str) -> datetime | None:
    """A date-time, or None for an unreadable one (a year outside the calendar's too)."""
    if "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not in_calendar_years(parsed):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=BERLIN)


def _date(value: str) -> date | None:
    try:
        parsed = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None
    return parsed if parsed is not None and in_calendar_years(parsed) else None


def _time(value: str, zone: ZoneInfo) -> time | None:
    parsed = _datetime(value)
    if parsed is not None:
        return parsed.astimezone(zone).time().replace(tzinfo=None)
    try:
        return time.fromisoformat(value) if value else None
    except ValueError:
        return None


def _place(node: Node | None, index: dict[str, Node]) -> PlaceData | None:
    if node is None:
        return None
    names = _texts(_get(node, "name")) or _texts(_get(node, "label"))
    address = _resolve(next(iter(_get(node, "address")), None), index) or {}
    geo = _resolve(next(iter(_get(node, "geo")), None), index) or {}
    return PlaceData(
        name=plain_text(names.get("de") or next(iter(names.values()), "")),
        street=plain_text(_first(address, "streetAddress")),
        postal_code=_first(address, "postalCode"),
        locality=plain_text(_first(address, "addressLocality")),
        ags=_ags(node, index),
        latitude=_decimal(_first(geo, "latitude")),
        longitude=_decimal(_first(geo, "longitude")),
        external_id=_key(str(node.get("@id", "")))
        if not str(node.get("@id", "")).startswith("genid")
        else "",
        url=_url(_first(node, "url")),
    )


def _ags(node: Node, index: dict[str, Node]) -> str:
    """The municipality key: the place's own `regionalKey` or that of its containing town."""
    candidates: Iterator[Node] = iter(
        [node, *(n for n in (_resolve(v, index) for v in _get(node, "containedInPlace")) if n)]
    )
    for candidate in candidates:
        key = re.sub(r"\D", "", _first(candidate, "regionalKey"))
        if len(key) == 12:
            return key[:5] + key[9:]
        if len(key) == 8:
            return key
    return ""


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value).quantize(Decimal("0.000001")) if value else None
    except InvalidOperation:
        return None


def _url(value: str) -> str:
    value = value.strip()
    if value and not re.match(r"^https?://", value, re.IGNORECASE):
        value = "https://" + value if re.match(r"^[\w.-]+\.[a-z]{2,}", value) else ""
    return value


def _organiser(node: Node, index: dict[str, Node]) -> str:
    organiser = _resolve(next(iter(_get(node, "organizer")), None), index)
    if organiser is None:
        return ""
    names = _texts(_get(organiser, "name")) or _texts(_get(organiser, "label"))
    return plain_text(names.get("de") or next(iter(names.values()), ""))


def _price(offers: list[Node], node: Node) -> PriceData:
    ticket_url = next((u for u in (_url(_first(o, "url")) for o in offers) if u), "")
    prices: list[Decimal] = []
    currency = "EUR"
    for offer in offers:
        for spec in [offer, *(s for s in _get(offer, "priceSpecification") if isinstance(s, dict))]:
            price = price_amount(_decimal(_first(spec, "price")))  # none if NaN or beyond
            if price is not None:
                prices.append(price)
                currency = _first(spec, "priceCurrency").rsplit(":", 1)[-1][:3] or currency
    free_value = _first(node, "isAccessibleForFree").lower()
    is_free = True if free_value == "true" else False if free_value == "false" else None
    if prices and max(prices) == 0:
        is_free = True
    return PriceData(
        is_free=is_free,
        minimum=min(prices) if prices else None,
        maximum=max(prices) if prices else None,
        currency=currency,
        ticket_url=ticket_url,
    )


def _images(node: Node, index: dict[str, Node]) -> Iterator[ImageData]:
    seen: set[str] = set()
    for value in _get(node, "image") + _get(node, "photo"):
        image = _resolve(value, index)
        if image is None:
            continue
        url = _url(_first(image, "contentUrl") or _first(image, "url"))
        if not url or url in seen:
            continue
        seen.add(url)
        author = _resolve(next(iter(_get(image, "author")), None), index)
        credit = _first(author, "name") if author and "@value" not in author else _scalar(author)
        yield ImageData(
            url=url,
            credit=plain_text(credit or _first(image, "copyrightHolder"), 200),
            licence=_first(image, "license")[:200],
            alt=plain_text(_first(image, "name"), 200),
        )
