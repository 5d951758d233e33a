"""Calendar API: public reading (events, places, categories) and a token-protected write API
that goes through the same services and permission predicates as the back office."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Min
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.security import HttpBearer

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.models import ApiToken, Category, Event, Occurrence, Place
from impulsregion.calendar.queries import EventFilter, public_occurrences
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


def _place_out(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "id": place.pk,
        "name": place.name,
        "street": place.street,
        "postal_code": place.postal_code,
        "locality": place.locality,
        "ags": place.ags or None,
        "municipality": place.municipality.slug if place.municipality_id else None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "capacity": place.capacity,
        "accessibility": place.accessibility_codes,
    }


class _Date(NamedTuple):
    """One date of an event as `event_out` reads it (an `Occurrence` has the same fields)."""

    start: datetime
    end: datetime | None
    all_day: bool


def event_out(event: Event, occurrences: Sequence[Occurrence | _Date], base: str) -> dict[str, Any]:
    municipality = (
        event.place.municipality.slug
        if event.place_id and event.place.municipality_id
        else event.organisation.slug
        if event.organisation.ags
        else None
    )
    return {
        "id": event.pk,
        "url": base + event.get_absolute_url(),
        "title_de": event.title_de,
        "title_en": event.title_en,
        "short_de": event.short_de,
        "short_en": event.short_en,
        "description_de": event.description_de,
        "description_en": event.description_en,
        "status": event.status,
        "categories": [c.slug for c in event.categories.all()],
        "organisation": event.organisation.slug,
        "organiser": event.organiser,
        "place": _place_out(event.place),
        "municipality": municipality,
        "price": {
            "is_free": event.is_free,
            "minimum": event.price_min,
            "maximum": event.price_max,
            "currency": event.currency,
            "text": event.price_text,
            "ticket_url": event.ticket_url,
        },
        "accessibility": event.accessibility_codes,
        "audiences": [a for a in AUDIENCES if getattr(event, f"for_{a}")],
        "images": event.images,
        "licence": event.licence,
        "parent_id": event.parent_id,
        "is_major_event": event.is_major_event,
        "expected_visitors": event.expected_visitors,
        "updated_at": event.updated_at,
        "occurrences": [
            {
                "start": o.start.astimezone(BERLIN),
                "end": o.end.astimezone(BERLIN) if o.end else None,
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
    )


def _page_of_events(matching: Any, offset: int, limit: int) -> tuple[list[int], int]:
    """Event ids of one page, ordered by their first matching date, and the total number of
    events, in one pass over the matching dates (a window function over the grouped rows)."""
    grouped = matching.order_by().values("event_id").annotate(first=Min("start"))
    inner, params = grouped.query.sql_with_params()
    sql = (
        f"SELECT g.event_id, COUNT(*) OVER () FROM ({inner}) g "
        f'ORDER BY g."first", g.event_id LIMIT %s OFFSET %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
    if rows:
        return [row[0] for row in rows], rows[0][1]
    return [], matching.order_by().values("event_id").distinct().count()


@router.get("/events", response=EventPage, summary="Public events with their dates in the range")
def list_events(request: HttpRequest, query: Query[EventQuery]) -> dict[str, Any]:
    now = timezone.now()
    filters = _filters(query)
    matching = public_occurrences(filters, now=now)
    offset = (query.page - 1) * query.page_size
    ids, count = _page_of_events(matching, offset, query.page_size)
    in_range = public_occurrences(
        EventFilter(start=filters.start, end=filters.end, period=filters.period), now=now
    ).order_by("start")
    events = {
        e.pk: e
        for e in Event.objects.filter(pk__in=ids)
        .select_related("place", "place__municipality", "organisation")
        .prefetch_related("categories")
    }
    # the page's dates as plain rows: building model instances for them cost more than the query
    dates: dict[int, list[_Date]] = {i: [] for i in ids}
    for event_id, start, end, all_day in in_range.filter(event_id__in=ids).values_list(
        "event_id", "start", "end", "all_day"
    ):
        dates[event_id].append(_Date(start, end, all_day))
    base = f"{request.scheme}://{request.get_host()}"
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "items": [event_out(events[i], dates[i], base) for i in ids if i in events],
    }


@router.get("/events/{event_id}", response=EventOut, summary="One public event with all its dates")
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = (
        Event.objects.public(timezone.now())
        .select_related("place", "place__municipality", "organisation")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise ApiError(
            _("There is no public event %(id)s.") % {"id": event_id},
            field="event_id",
            status=404,
            location="path",
        )
    base = f"{request.scheme}://{request.get_host()}"
    return event_out(event, list(event.occurrences.order_by("start")), base)


@router.get("/places", response=list[PlaceOut], summary="Venues")
def list_places(request: HttpRequest, municipality: str = "") -> list[dict[str, Any]]:
    places = Place.objects.select_related("municipality").order_by("name")
    if municipality:
        places = places.filter(municipality__slug=municipality)
    return [p for p in (_place_out(place) for place in places[:1000]) if p]


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
