"""The API's view of events: their fields in one prepared query, and the JSON shape of one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db.models import Aggregate, CharField, F, Func, OuterRef, QuerySet, Subquery, TextField
from django.http import HttpRequest
from django.urls import reverse

from impulsregion.calendar.domain.sanitize import web_link
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event, Occurrence, Place
from impulsregion.calendar.reads.prepared import Prepared
from impulsregion.calendar.reads.public import in_range, public_dates

AUDIENCES = ("families", "children", "youth", "seniors")

ACCESS_FIELDS = [f.name for f in Event._meta.fields if f.name.startswith("access_")]
# a venue's columns as `_place_of` reads them, from a place row or (prefixed) an event row
PLACE_FIELDS = [
    "name",
    "street",
    "postal_code",
    "locality",
    "ags",
    "latitude",
    "longitude",
    "capacity",
    "municipality__slug",
    *ACCESS_FIELDS,
]
EVENT_FIELDS = [
    "id",
    "title_de",
    "title_en",
    "short_de",
    "short_en",
    "description_de",
    "description_en",
    "status",
    "organiser",
    "is_free",
    "price_min",
    "price_max",
    "currency",
    "price_text",
    "ticket_url",
    "images",
    "licence",
    "parent_id",
    "is_major_event",
    "expected_visitors",
    "updated_at",
    "place_id",
    "organisation__slug",
    "organisation__ags",
    *(f"for_{a}" for a in AUDIENCES),
    *ACCESS_FIELDS,
    *(f"place__{f}" for f in PLACE_FIELDS),
]


def _codes(row: dict[str, Any], prefix: str = "") -> list[str]:
    return [f.removeprefix("access_") for f in ACCESS_FIELDS if row[prefix + f]]


def _place_of(row: dict[str, Any], prefix: str = "place__") -> dict[str, Any] | None:
    """A venue as the API shows it, from a place row (`prefix` "") or an event row."""
    place_id = row["place_id"] if prefix else row["id"]
    if place_id is None:
        return None
    return {
        "id": place_id,
        "name": row[prefix + "name"],
        "street": row[prefix + "street"],
        "postal_code": row[prefix + "postal_code"],
        "locality": row[prefix + "locality"],
        "ags": row[prefix + "ags"] or None,
        "municipality": row[prefix + "municipality__slug"],
        "latitude": row[prefix + "latitude"],
        "longitude": row[prefix + "longitude"],
        "capacity": row[prefix + "capacity"],
        "accessibility": _codes(row, prefix),
    }


class _Date(NamedTuple):
    """One date of an event as `event_out` reads it (an `Occurrence` has the same fields)."""

    start: datetime
    end: datetime | None
    all_day: bool


class _JSONList(Aggregate):
    """The values as one JSON list (SQLite's json_group_array, PostgreSQL's json_agg)."""

    function = "json_group_array"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self.as_sql(
            compiler,
            connection,
            function="json_agg",
            template="%(function)s(%(expressions)s)::text",
        )


class _Words(Aggregate):
    """Texts joined by spaces (SQLite's group_concat, PostgreSQL's string_agg)."""

    function = "group_concat"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self.as_sql(compiler, connection, function="string_agg")


def _per_event(rows: QuerySet[Any], collected: Aggregate) -> Subquery:
    """`collected` over the rows of the outer query's event (a correlated subquery; the
    rows' order is not relied on)."""
    grouped = rows.order_by().values("event_id").annotate(collected=collected)
    return Subquery(grouped.values("collected"), output_field=TextField())


class _JSONArray(Func):
    """A JSON array of the given columns (SQLite's json_array, PostgreSQL's json_build_array)."""

    function = "json_array"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self.as_sql(compiler, connection, function="json_build_array", **extra)


def _category_keys() -> Subquery:
    """The event's categories as `position:slug` pairs (their order is restored in Python)."""
    through = Event.categories.through.objects.filter(event_id=OuterRef("pk"))
    # no parameters in it (a prepared query finds its values among them): `||` as SQL text
    pair = Func(
        F("category__position"),
        F("category__slug"),
        template="(%(expressions)s)",
        arg_joiner=" || ':' || ",
        output_field=CharField(),
    )
    return _per_event(through, _Words(pair))


def _dates_in_range(now: datetime, low: datetime, high: datetime | None) -> Subquery:
    """The event's public dates overlapping `low` … `high` as [start, end, all_day] triples:
    the page's dates come with its rows instead of from a query of their own."""
    dates = in_range(public_dates(now).filter(event_id=OuterRef("pk")), low, high)
    return _per_event(dates, _JSONList(_JSONArray("start", "end", "all_day")))


def _event_rows_query(
    ids: Sequence[int],
    now: datetime | None = None,
    low: datetime | None = None,
    high: datetime | None = None,
) -> Any:
    rows = Event.objects.filter(pk__in=ids).order_by().annotate(category_keys=_category_keys())
    if now is None or low is None:
        return rows.values_list(*EVENT_FIELDS, "category_keys")
    return rows.annotate(dates=_dates_in_range(now, low, high)).values_list(
        *EVENT_FIELDS, "category_keys", "dates"
    )


_EVENT_ROWS = Prepared(_event_rows_query)


def _category_slugs(keys: str | None) -> list[str]:
    pairs = (pair.split(":", 1) for pair in (keys or "").split())
    return [slug for _position, slug in sorted((int(p), s) for p, s in pairs)]


def _instant(text: str | None) -> datetime | None:
    """A date-time from the JSON of `_DatesInRange` (SQLite writes UTC without an offset)."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def event_rows(
    ids: Sequence[int],
    *,
    now: datetime | None = None,
    span: tuple[datetime, datetime | None] | None = None,
) -> dict[int, dict[str, Any]]:
    """The API's fields of the events `ids` in one prepared query (plain rows: model
    instances with their related objects cost more than the query itself); with `now` and
    `span` (low, high) also each event's public dates in that range as `dates`."""
    if not ids:
        return {}
    low, high = span if span is not None else (None, None)
    rows = {}
    for row in _EVENT_ROWS.rows(ids, now=now, low=low, high=high):
        fields = dict(zip(EVENT_FIELDS, row[: len(EVENT_FIELDS)], strict=True))
        fields["categories"] = _category_slugs(row[len(EVENT_FIELDS)])
        if span is not None:
            fields["dates"] = sorted(
                _Date(_instant(start), _instant(end), bool(all_day))  # type: ignore[arg-type]
                for start, end, all_day in json.loads(row[-1] or "[]")
            )
        rows[row[0]] = fields
    return rows


def _iso(value: datetime) -> str:
    """A date-time as the API writes it (what ninja's JSON encoder makes of it: milliseconds,
    `Z` for UTC), formatted here so that encoding a page needs no per-value fallback."""
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def event_out(
    row: dict[str, Any], occurrences: Sequence[Occurrence | _Date], base: str
) -> dict[str, Any]:
    """One event as the API shows it, from a row of `event_rows`."""
    municipality = (
        row["place__municipality__slug"]
        if row["place__municipality__slug"]
        else row["organisation__slug"]
        if row["organisation__ags"]
        else None
    )
    return {
        "id": row["id"],
        "url": base.replace("{id}", str(row["id"])),
        "title_de": row["title_de"],
        "title_en": row["title_en"],
        "short_de": row["short_de"],
        "short_en": row["short_en"],
        "description_de": row["description_de"],
        "description_en": row["description_en"],
        "status": row["status"],
        "categories": row["categories"],
        "organisation": row["organisation__slug"],
        "organiser": row["organiser"],
        "place": _place_of(row),
        "municipality": municipality,
        "price": {
            "is_free": row["is_free"],
            "minimum": row["price_min"],
            "maximum": row["price_max"],
            "currency": row["currency"],
            "text": row["price_text"],
            "ticket_url": web_link(row["ticket_url"] or ""),
        },
        "accessibility": _codes(row),
        "audiences": [a for a in AUDIENCES if row[f"for_{a}"]],
        "images": [
            {key: str(image.get(key) or "") for key in ("url", "credit", "licence", "alt")}
            for image in row["images"] or []
            if isinstance(image, dict) and image.get("url")
        ],
        "licence": row["licence"],
        "parent_id": row["parent_id"],
        "is_major_event": row["is_major_event"],
        "expected_visitors": row["expected_visitors"],
        "updated_at": _iso(row["updated_at"]),
        "occurrences": [
            {
                "start": _iso(o.start.astimezone(BERLIN)),
                "end": _iso(o.end.astimezone(BERLIN)) if o.end else None,
                "all_day": o.all_day,
            }
            for o in occurrences
        ],
    }


def url_template(request: HttpRequest) -> str:
    """The absolute address of an event page with `{id}` for its id (reversed once)."""
    path = reverse("calendar:event", kwargs={"pk": 1234567890}).replace("1234567890", "{id}")
    return f"{request.scheme}://{request.get_host()}{path}"


def places(municipality: str = "") -> list[dict[str, Any]]:
    """Venues as the API shows them, by name (at most 1,000)."""
    rows = Place.objects.order_by("name")
    if municipality:
        rows = rows.filter(municipality__slug=municipality)
    return [p for p in (_place_of(row, "") for row in rows.values("id", *PLACE_FIELDS)[:1000]) if p]
