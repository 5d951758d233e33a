"""Feeds: iCalendar subscription, Atom and JSON-LD, with ETag/Last-Modified and 304 answers.

The feeds take the same query parameters as `GET /api/v1/events`. A body is kept as a file
under its ETag (see `reads.cache`): the feed, its filters as parsed, the day and the data
version, so a warm request costs the version's lookup and one file read, unknown parameters
change nothing, and every process serves the same body for the same version.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date, quote_etag, urlencode
from django.views.decorators.http import condition

from impulsregion.calendar.domain.ical_export import FeedEvent, serialise
from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.forms import FilterForm
from impulsregion.calendar.jsonld import event_jsonld
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.reads import cache
from impulsregion.calendar.reads.filters import EventFilter, public_occurrences, with_event
from impulsregion.calendar.reads.public import public_events

FEED_PAST = timedelta(days=30)
MAX_ITEMS_ATOM = 200


def feed_filter(params: QueryDict) -> EventFilter:
    return FilterForm(params, choices=False).to_filter()


def _request_filter(request: HttpRequest) -> EventFilter:
    """The feed's filters, parsed once per request."""
    filters = getattr(request, "_feed_filter", None)
    if filters is None:
        filters = request._feed_filter = feed_filter(request.GET)  # type: ignore[attr-defined]
    return filters  # type: ignore[no-any-return]


# the parameters a feed reads; others (a tracking tag, a cache-buster) do not name its body
FEED_PARAMS = tuple(sorted(FilterForm.base_fields))


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """Names the body: the feed, the parameters it reads, the day and the data version (no
    form is parsed: a subscriber's repeated request ends here with a 304)."""
    now = timezone.now()
    read = [(name, value) for name in FEED_PARAMS for value in request.GET.getlist(name)]
    parts = (
        request.path,
        urlencode(read),
        timezone.localdate(now).isoformat(),
        cache.request_version(request, now).key,
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    return cache.request_version(request, timezone.now()).changed


def _kept(request: HttpRequest, build: Callable[[], bytes], content_type: str) -> HttpResponse:
    """The body for this ETag as kept on this machine (else built once and kept); to clients
    that take gzip, its copy compressed once when it was built (not once per request)."""
    path = cache.kept_file(cache.key("feed", _etag(request)), build)
    compressed = path.with_name(path.name + ".gz")
    if _takes_gzip(request) and compressed.exists():
        response = HttpResponse(compressed.read_bytes(), content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(path.read_bytes(), content_type=content_type)
    patch_vary_headers(response, ["Accept-Encoding"])
    # a front cache (nginx) may keep it for a second and must ask again after that
    response["Cache-Control"] = "public, max-age=1"
    return response


def _takes_gzip(request: HttpRequest) -> bool:
    accepted = request.headers.get("Accept-Encoding", "")
    return any(
        part.split(";")[0].strip() == "gzip" and "q=0" not in part.replace(" ", "")
        for part in accepted.split(",")
    )


def feed_events(filters: EventFilter, now: datetime) -> Iterator[FeedEvent]:
    """Public events with their dates from 30 days ago on: one narrow query for the dates,
    one for the events' texts (no per-date repetition of the texts)."""
    start = filters.start or (now - FEED_PAST).date()
    occurrences = public_occurrences(EventFilter(**{**filters.__dict__, "start": start}), now=now)
    events = {
        row[0]: row
        for row in Event.objects.filter(pk__in=occurrences.values("event_id"))
        .order_by()
        .values_list(
            "pk",
            "title_de",
            "short_de",
            "status",
            "sequence",
            "updated_at",
            "url",
            "place__name",
            "place__street",
            "place__postal_code",
            "place__locality",
            "place__latitude",
            "place__longitude",
        )
        .iterator(chunk_size=5000)
    }
    rows = occurrences.order_by("event_id", "start").values_list(
        "event_id", "start", "end", "all_day"
    )
    current: int | None = None
    spans: list[Span] = []
    for event_id, begin, end, all_day in _raw_rows(rows):
        if current is not None and event_id != current:
            yield _feed_event(events[current], spans)
            spans = []
        current = event_id
        spans.append(Span(begin, end, all_day))
    if current is not None:
        yield _feed_event(events[current], spans)


def _raw_rows(queryset: Any) -> Iterator[tuple[int, datetime, datetime | None, bool]]:
    """The rows without Django's per-value converters (SQLite hands back text; parsing it
    with `fromisoformat` is several times faster for tens of thousands of dates)."""
    sql, params = queryset.query.sql_with_params()
    if connection.vendor == "postgresql":
        # epoch seconds: converting 100,000 timestamps from text costs more than the query
        sql = (
            "SELECT q.event_id, extract(epoch FROM q.start)::float8, "
            'extract(epoch FROM q."end")::float8, q.all_day '
            f"FROM ({sql}) q ORDER BY q.event_id, q.start"
        )
    elif connection.vendor == "sqlite":
        # the stored UTC text with its offset appended: `fromisoformat` then makes an aware
        # value in one C call (the column's declared type would route it through Django's
        # slower converter, and the result would still need its time zone set)
        sql = (
            "SELECT q.event_id, q.start || '+00:00', q.\"end\" || '+00:00', q.all_day "
            f"FROM ({sql}) q ORDER BY q.event_id, q.start"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10000):
            for event_id, begin, end, all_day in chunk:
                yield (
                    event_id,
                    _aware(begin),
                    _aware(end) if end is not None else None,
                    bool(all_day),
                )


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(value, float):
        return datetime.fromtimestamp(value, UTC)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _feed_event(row: tuple[Any, ...], spans: list[Span]) -> FeedEvent:
    (pk, title, short, status, sequence, updated, url, place, street, postcode, town, lat, lon) = (
        row
    )
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
            feed_events(_request_filter(request), timezone.now()),
            name="Kulturkalender Impulsregion",
            now=timezone.now(),
        )

    response = _kept(request, build, "text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kulturkalender.ics"'
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with all its dates, for "add to my calendar"."""
    event = get_object_or_404(public_events(timezone.now()), pk=pk)
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
    dates = with_event(public_occurrences(_request_filter(request), now=timezone.now()))
    return list(dates.select_related("event__organisation")[:MAX_ITEMS_ATOM])


# characters XML 1.0 does not allow, which the feed writer refuses with an error
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value: str) -> str:
    """A text for the Atom feed: control characters (from a teaser entered through the API,
    say) left out, instead of the whole feed failing."""
    return _NOT_XML.sub("", value)


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
            local = occurrence.start.astimezone(timezone.get_current_timezone())
            when = f"{local:%d.%m.%Y}" if occurrence.all_day else f"{local:%d.%m.%Y %H:%M}"
            feed.add_item(
                title=_xml_text(f"{when} – {event.title_de}"),
                link=request.build_absolute_uri(event.get_absolute_url()),
                description=_xml_text(event.short_de or event.title_de),
                unique_id=f"urn:impulsregion:event:{event.pk}:{occurrence.start:%Y%m%dT%H%M}",
                updateddate=event.updated_at,
                pubdate=event.public_from,
                categories=[c.slug for c in event.categories.all()],
            )
        return feed.writeString("utf-8").encode()

    return _kept(request, build, "application/atom+xml; charset=utf-8")


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

    return _kept(request, build, "application/ld+json; charset=utf-8")
