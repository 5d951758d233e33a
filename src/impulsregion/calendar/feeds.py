"""Feeds: iCalendar subscription, Atom and JSON-LD, with ETag/Last-Modified and 304 answers.

The feeds take the same query parameters as `GET /api/v1/events`. The body is cached under
its ETag (newest change of any event + parameters + the day), so a warm request costs one
aggregate query and a cache lookup.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition

from impulsregion.calendar.domain.ical_export import FeedEvent, serialise
from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.forms import FilterForm
from impulsregion.calendar.jsonld import event_jsonld
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.queries import EventFilter, public_occurrences, with_event

FEED_PAST = timedelta(days=30)
MAX_ITEMS_ATOM = 200


def feed_filter(params: QueryDict) -> EventFilter:
    return FilterForm(params).to_filter()


def _state() -> tuple[datetime | None, int]:
    row = Event.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    return row["changed"], row["count"]


def _request_state(request: HttpRequest) -> tuple[datetime | None, int]:
    state = getattr(request, "_calendar_state", None)
    if state is None:
        state = _state()
        request._calendar_state = state  # type: ignore[attr-defined]
    return state


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    changed, count = _request_state(request)
    today = timezone.localdate().isoformat()
    raw = f"{request.path}|{request.GET.urlencode()}|{changed}|{count}|{today}|{kwargs}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    return _request_state(request)[0]


def _cached(request: HttpRequest, build: Callable[[], bytes], **kwargs: Any) -> bytes:
    key = "calendar-feed:" + _etag(request, **kwargs)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, 3600)
    return body


def feed_events(filters: EventFilter, now: datetime) -> Iterator[FeedEvent]:
    """Public events with their dates from 30 days ago on, built from one flat query."""
    start = filters.start or (now - FEED_PAST).date()
    filters = EventFilter(**{**filters.__dict__, "start": start})
    rows = (
        public_occurrences(filters, now=now)
        .order_by("event_id", "start")
        .values_list(
            "event_id",
            "start",
            "end",
            "all_day",
            "event__title_de",
            "event__short_de",
            "event__status",
            "event__sequence",
            "event__updated_at",
            "event__url",
            "event__place__name",
            "event__place__street",
            "event__place__postal_code",
            "event__place__locality",
            "event__place__latitude",
            "event__place__longitude",
        )
    )
    current: list[Any] | None = None
    spans: list[Span] = []
    for row in rows.iterator(chunk_size=5000):
        if current is not None and row[0] != current[0]:
            yield _feed_event(current, spans)
            spans = []
        current = list(row)
        spans.append(Span(row[1], row[2], row[3]))
    if current is not None:
        yield _feed_event(current, spans)


def _feed_event(row: list[Any], spans: list[Span]) -> FeedEvent:
    (
        pk,
        _s,
        _e,
        _a,
        title,
        short,
        status,
        sequence,
        updated,
        url,
        place,
        street,
        postcode,
        town,
        lat,
        lon,
    ) = row
    location = ", ".join(p for p in (place, street, f"{postcode or ''} {town or ''}".strip()) if p)
    return FeedEvent(
        uid=f"event-{pk}@impulsregion.de",
        sequence=sequence,
        modified=updated,
        summary=title,
        spans=tuple(spans),
        description=short or "",
        location=location,
        url=url or "",
        cancelled=status == "cancelled",
        geo=(lat, lon) if lat is not None and lon is not None else None,
    )


@condition(etag_func=_etag, last_modified_func=_last_modified)
def events_ics(request: HttpRequest) -> HttpResponse:
    def build() -> bytes:
        return serialise(
            feed_events(feed_filter(request.GET), timezone.now()),
            name="Kulturkalender Impulsregion",
            now=timezone.now(),
        )

    response = HttpResponse(_cached(request, build), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kulturkalender.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with all its dates, for "add to my calendar"."""
    event = get_object_or_404(Event.objects.public(timezone.now()), pk=pk)
    spans = tuple(Span(o.start, o.end, o.all_day) for o in event.occurrences.order_by("start"))
    place = event.place
    feed_event = FeedEvent(
        uid=f"event-{event.pk}@impulsregion.de",
        sequence=event.sequence,
        modified=event.updated_at,
        summary=event.title_de,
        spans=spans,
        description=event.short_de,
        location=f"{place.name}, {place.address}" if place else "",
        url=request.build_absolute_uri(event.get_absolute_url()),
        cancelled=event.status == "cancelled",
    )
    body = serialise([feed_event], name=event.title_de, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
    response["ETag"] = quote_etag(hashlib.sha256(body.split(b"DTSTAMP")[0]).hexdigest()[:32])
    response["Last-Modified"] = http_date(event.updated_at.timestamp())
    return response


def _latest(request: HttpRequest) -> list[Occurrence]:
    filters = feed_filter(request.GET)
    return list(with_event(public_occurrences(filters, now=timezone.now()))[:MAX_ITEMS_ATOM])


@condition(etag_func=_etag, last_modified_func=_last_modified)
def events_atom(request: HttpRequest) -> HttpResponse:
    def build() -> bytes:
        feed = Atom1Feed(
            title="Kulturkalender Impulsregion",
            link=request.build_absolute_uri("/kalender/"),
            description="Veranstaltungen in Erfurt, Weimar, Jena und dem Weimarer Land",
            language="de",
        )
        for occurrence in _latest(request):
            event = occurrence.event
            feed.add_item(
                title=f"{occurrence.start.astimezone(timezone.get_current_timezone()):%d.%m.%Y %H:%M} – {event.title_de}",
                link=request.build_absolute_uri(event.get_absolute_url()),
                description=event.short_de or event.title_de,
                unique_id=f"urn:impulsregion:event:{event.pk}:{occurrence.start:%Y%m%dT%H%M}",
                updateddate=event.updated_at,
                pubdate=event.public_from,
                categories=[c.slug for c in event.categories.all()],
            )
        return feed.writeString("utf-8").encode()

    return HttpResponse(_cached(request, build), content_type="application/atom+xml; charset=utf-8")


@condition(etag_func=_etag, last_modified_func=_last_modified)
def events_jsonld(request: HttpRequest) -> HttpResponse:
    def build() -> bytes:
        base = f"{request.scheme}://{request.get_host()}"
        items = [item for o in _latest(request) for item in event_jsonld(o.event, [o], base)]
        document = {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "item": item}
                for i, item in enumerate(items, start=1)
            ],
        }
        return json.dumps(document, ensure_ascii=False).encode()

    return HttpResponse(_cached(request, build), content_type="application/ld+json; charset=utf-8")
