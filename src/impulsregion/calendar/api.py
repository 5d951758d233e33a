"""Calendar API: public reading (events, places, categories) and a token-protected write API
that goes through the same services and permission predicates as the back office."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db.models import Func, TextField
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.models import ApiToken, Category, Event, Occurrence, Place
from impulsregion.calendar.paging import event_page
from impulsregion.calendar.queries import EventFilter, date_range
from impulsregion.calendar.schemas import (
    CategoryOut,
    DecisionOut,
    EventIn,
    EventOut,
    EventPage,
    EventQuery,
    PlaceOut,
)
from impulsregion.calendar.services.moderation import (
    EventInput,
    ModerationError,
    create_event,
    submit_event,
    update_event,
)
from impulsregion.common.api import ApiError
from impulsregion.common.prepared import Prepared

router = Router(tags=["calendar"])

AUDIENCES = ("families", "children", "youth", "seniors")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(key_hash=ApiToken.hash(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is not None:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found


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


def _url_template(request: HttpRequest) -> str:
    """The absolute address of an event page with `{id}` for its id (reversed once)."""
    path = reverse("calendar:event", kwargs={"pk": 1234567890}).replace("1234567890", "{id}")
    return f"{request.scheme}://{request.get_host()}{path}"


class _Date(NamedTuple):
    """One date of an event as `event_out` reads it (an `Occurrence` has the same fields)."""

    start: datetime
    end: datetime | None
    all_day: bool


class _CategoryKeys(Func):
    """The event's category keys as one text of `position:key` pairs (one query for the rows
    and their categories; the order is restored from the positions, not left to the SQL)."""

    output_field = TextField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        inner = (
            'SELECT c."position" || \':\' || c."slug" AS pair '
            'FROM "calendar_event_categories" ec '
            'JOIN "calendar_category" c ON c."id" = ec."category_id" '
            'WHERE ec."event_id" = "calendar_event"."id"'
        )
        if connection.vendor == "postgresql":
            return f"array_to_string(ARRAY({inner}), ' ')", []
        return f"(SELECT group_concat(pair, ' ') FROM ({inner}))", []


class _DatesInRange(Func):
    """The event's public dates overlapping `low` … `high` (open-ended without `high`) as one
    JSON text of [start, end, all_day] triples in start order: the page's dates come with its
    rows instead of from a query of their own. The conditions are those of `in_range`."""

    output_field = TextField()

    def __init__(self, now: datetime, low: datetime, high: datetime | None) -> None:
        super().__init__()
        self.now, self.low, self.high = now, low, high

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        adapt = connection.ops.adapt_datetimefield_value
        where = (
            'o."event_id" = "calendar_event"."id" AND o."public_from" <= %s '
            'AND (o."end" >= %s OR (o."end" IS NULL AND o."start" >= %s))'
        )
        params = [adapt(self.now), adapt(self.low), adapt(self.low)]
        if self.high is not None:
            where += ' AND o."start" < %s'
            params.append(adapt(self.high))
        if connection.vendor == "postgresql":
            sql = (
                'SELECT json_agg(json_build_array(o."start", o."end", o."all_day") '
                'ORDER BY o."start", o."end")::text '
                f'FROM "calendar_occurrence" o WHERE {where}'
            )
        else:
            sql = (
                'SELECT json_group_array(json_array(o."start", o."end", o."all_day")) FROM '
                f'(SELECT * FROM "calendar_occurrence" o WHERE {where} '
                'ORDER BY o."start", o."end") o'
            )
        return f"({sql})", params


def _event_rows_query(
    ids: Sequence[int],
    now: datetime | None = None,
    low: datetime | None = None,
    high: datetime | None = None,
) -> Any:
    rows = Event.objects.filter(pk__in=ids).order_by().annotate(category_keys=_CategoryKeys())
    if now is None or low is None:
        return rows.values_list(*EVENT_FIELDS, "category_keys")
    return rows.annotate(dates=_DatesInRange(now, low, high)).values_list(
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
            fields["dates"] = [
                _Date(_instant(start), _instant(end), bool(all_day))  # type: ignore[arg-type]
                for start, end, all_day in json.loads(row[-1] or "[]")
            ]
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
            "ticket_url": row["ticket_url"],
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


def _filters(query: EventQuery) -> EventFilter:
    if query.start and query.end and query.end < query.start:
        raise ApiError(_("The end date lies before the start date."), field="end")
    return EventFilter(
        municipality=query.municipality,
        category=query.category,
        organisation=query.organisation,
        q=query.q,
        start=query.start,
        end=query.end,
        period=query.period,
        free=query.free,
        accessible=query.accessible,
        families=query.families,
        parent=query.parent,
    )


@router.get(
    "/events",
    response=EventPage,
    summary="Public events with their dates in the range",
    description=(
        "Events ordered by their first date in the range. `count` is exact up to 1,000 "
        "events; beyond, `count_exact` is false and `count` a lower bound: page on while "
        "`has_next` is true."
    ),
)
def list_events(request: HttpRequest, query: Query[EventQuery]) -> HttpResponse:
    now = timezone.now()
    filters = _filters(query)
    page = event_page(
        filters, now=now, offset=(query.page - 1) * query.page_size, limit=query.page_size
    )
    events = event_rows(page.ids, now=now, span=date_range(filters, now))
    base = _url_template(request)
    body = {
        "count": page.count,
        "count_exact": page.exact,
        "has_next": page.has_next,
        "page": query.page,
        "page_size": query.page_size,
        "items": [event_out(events[i], events[i]["dates"], base) for i in page.ids if i in events],
    }
    # the dictionaries have the schema's shape already (a test holds them to it), so they are
    # written directly instead of being validated again field by field
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder), content_type="application/json; charset=utf-8"
    )


@router.get("/events/{event_id}", response=EventOut, summary="One public event with all its dates")
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    public = Event.objects.public(timezone.now()).filter(pk=event_id).exists()
    event = event_rows([event_id]).get(event_id) if public else None
    if event is None:
        raise ApiError(
            _("There is no public event %(id)s.") % {"id": event_id},
            field="event_id",
            status=404,
            location="path",
        )
    base = _url_template(request)
    dates = Occurrence.objects.filter(event_id=event_id).order_by("start")
    return event_out(event, list(dates), base)


@router.get("/places", response=list[PlaceOut], summary="Venues")
def list_places(request: HttpRequest, municipality: str = "") -> list[dict[str, Any]]:
    places = Place.objects.order_by("name")
    if municipality:
        places = places.filter(municipality__slug=municipality)
    return [
        p for p in (_place_of(row, "") for row in places.values("id", *PLACE_FIELDS)[:1000]) if p
    ]


@router.get(
    "/categories", response=list[CategoryOut], summary="The controlled vocabulary of categories"
)
def list_categories(request: HttpRequest) -> list[Category]:
    return list(Category.objects.all())


def _input(payload: EventIn) -> EventInput:
    data = payload.dict()
    spans = [Span(o["start"], o["end"], o["all_day"]) for o in data.pop("occurrences")]
    for span in spans:
        if span.start.tzinfo is None or (span.end is not None and span.end.tzinfo is None):
            raise ApiError(
                _("Give date-times with a UTC offset, e.g. 2026-07-04T20:00:00+02:00."),
                field="occurrences",
                location="body",
            )
    return EventInput(spans=spans, **data)


def _raise(error: ModerationError) -> None:
    raise ApiError(
        error.message, field=error.field, status=422 if error.field else 403, location="body"
    )


@router.post(
    "/events", response={201: DecisionOut}, auth=TokenAuth(), summary="Create an event (draft)"
)
def create(request: HttpRequest, payload: EventIn, submit: bool = False) -> Status[dict[str, Any]]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    try:
        event = create_event(
            organisation=token.organisation,
            data=_input(payload),
            user=token.user,
            now=timezone.now(),
        )
        if submit:
            event = submit_event(event=event, user=token.user, now=timezone.now())
    except ModerationError as error:
        _raise(error)
    return Status(201, _decision(event))


def _decision(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "public_status": event.public_status,
        "pending_review": bool(event.pending_changes),
    }


def _own_event(token: ApiToken, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id, organisation=token.organisation).first()
    if event is None:
        raise ApiError(
            _("Your organisation has no event %(id)s.") % {"id": event_id},
            field="event_id",
            status=404,
            location="path",
        )
    return event


@router.put("/events/{event_id}", response=DecisionOut, auth=TokenAuth(), summary="Change an event")
def update(request: HttpRequest, event_id: int, payload: EventIn) -> dict[str, Any]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    event = _own_event(token, event_id)
    try:
        event = update_event(event=event, data=_input(payload), user=token.user, now=timezone.now())
    except ModerationError as error:
        _raise(error)
    return _decision(event)


@router.post(
    "/events/{event_id}/submit", response=DecisionOut, auth=TokenAuth(), summary="Submit for review"
)
def submit(request: HttpRequest, event_id: int) -> dict[str, Any]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    event = _own_event(token, event_id)
    try:
        event = submit_event(event=event, user=token.user, now=timezone.now())
    except ModerationError as error:
        _raise(error)
    return _decision(event)
