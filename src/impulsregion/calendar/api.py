"""Calendar API: public reading (events, places, categories) and a token-protected write API
that goes through the same services and permission predicates as the back office."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer

from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.models import ApiToken, Category, Event
from impulsregion.calendar.reads.filters import EventFilter, date_range
from impulsregion.calendar.reads.paging import event_page
from impulsregion.calendar.reads.public import public_dates, public_events
from impulsregion.calendar.reads.rows import (
    event_out,
    event_rows,
    places,
    url_template,
)
from impulsregion.calendar.schemas import (
    CategoryOut,
    DecisionOut,
    EventId,
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
from impulsregion.common.api import ApiError, errors

router = Router(tags=["calendar"])


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
    response={200: EventPage, **errors(422)},
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
    base = url_template(request)
    body = {
        "count": page.count,
        "count_exact": page.exact,
        "has_next": page.has_next,
        "page": query.page,
        "page_size": query.page_size,
        "items": [event_out(events[i], events[i]["dates"], base) for i in page.ids if i in events],
    }
    # `event_out` gives the schema's shape already (a test holds it to `EventPage`): written
    # directly, as validating a page field by field again costs more than finding it
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder), content_type="application/json; charset=utf-8"
    )


@router.get(
    "/events/{event_id}",
    response={200: EventOut, **errors(404, 422)},
    summary="One public event with all its dates",
)
def get_event(request: HttpRequest, event_id: EventId) -> dict[str, Any]:
    now = timezone.now()
    public = public_events(now).filter(pk=event_id).exists()
    event = event_rows([event_id]).get(event_id) if public else None
    if event is None:
        raise ApiError(
            _("There is no public event %(id)s.") % {"id": event_id},
            field="event_id",
            status=404,
            location="path",
        )
    base = url_template(request)
    dates = public_dates(now).filter(event_id=event_id).order_by("start")
    return event_out(event, list(dates), base)


@router.get("/places", response={200: list[PlaceOut], **errors(422)}, summary="Venues")
def list_places(request: HttpRequest, municipality: str = "") -> list[dict[str, Any]]:
    return places(municipality)


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
    "/events",
    response={201: DecisionOut, **errors(400, 401, 403, 422)},
    auth=TokenAuth(),
    summary="Create an event (draft)",
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


@router.put(
    "/events/{event_id}",
    response={200: DecisionOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAuth(),
    summary="Change an event",
)
def update(request: HttpRequest, event_id: EventId, payload: EventIn) -> dict[str, Any]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    event = _own_event(token, event_id)
    try:
        event = update_event(event=event, data=_input(payload), user=token.user, now=timezone.now())
    except ModerationError as error:
        _raise(error)
    return _decision(event)


@router.post(
    "/events/{event_id}/submit",
    response={200: DecisionOut, **errors(401, 403, 404, 422)},
    auth=TokenAuth(),
    summary="Submit for review",
)
def submit(request: HttpRequest, event_id: EventId) -> dict[str, Any]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    event = _own_event(token, event_id)
    try:
        event = submit_event(event=event, user=token.user, now=timezone.now())
    except ModerationError as error:
        _raise(error)
    return _decision(event)
