"""What an event's public page shows, for the page itself and for its preview in the back
office (`admin_media`): one context, so the preview is the page."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from impulsregion.calendar.jsonld import event_jsonld
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.reads.public import (
    is_public,
    programme_dates,
    still_on,
    undated_programme,
)

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def safe_json(value: object) -> str:
    """JSON for a <script> element: no `</script>` can break out of it."""
    return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES)


def event_context(event: Event, now: datetime, base: str) -> dict[str, Any]:
    """The template context of `calendar/event.html` for `event` (`base`: scheme and host)."""
    occurrences = list(event.occurrences.order_by("start"))
    upcoming = [o for o in occurrences if still_on(o.start, o.end, now)]
    programme, sub_events = _programme(event, now)
    places = {o.event.place_id: o.event.place for o in programme if o.event.place}
    venues = sorted(places.values(), key=lambda place: (place.locality, place.name))
    return {
        "event": event,
        "occurrences": occurrences,
        "upcoming": upcoming,
        "programme": programme,
        "programme_days": len({o.first_day for o in programme}),
        "venues": venues,
        "sub_events": sub_events,
        "categories": event.categories.all(),
        "jsonld": safe_json(event_jsonld(event, (upcoming or occurrences)[:20], base)),
        "is_public": is_public(event, now),
    }


def _programme(event: Event, now: datetime) -> tuple[list[Occurrence], list[Event]]:
    """An umbrella event's (a museum night's) programme: its items' public dates in time
    order, with venues, and its items without a date. Most events are no umbrella: one
    lookup in the index of events with an umbrella says so, and nothing more is asked."""
    if not Event.objects.filter(parent_id=event.pk).exists():
        return [], []
    dates = (
        programme_dates(event.pk, now)
        .select_related("event__place", "municipality")  # what the table shows
        .order_by("start", "event__title_de", "pk")
    )
    return list(dates), list(undated_programme(event.pk, now).order_by("title_de"))
