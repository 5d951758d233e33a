"""schema.org Event JSON-LD for the event page and the JSON-LD feed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event, Occurrence

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
}


def _place(event: Event) -> dict[str, Any]:
    place = event.place
    if place is None:
        return {
            "@type": "Place",
            "name": event.organisation.name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": event.organisation.city,
                "addressCountry": "DE",
            },
        }
    data: dict[str, Any] = {
        "@type": "Place",
        "name": place.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.street,
            "postalCode": place.postal_code,
            "addressLocality": place.locality,
            "addressCountry": "DE",
        },
    }
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    return data


def event_jsonld(
    event: Event, occurrences: Iterable[Occurrence], base_url: str
) -> list[dict[str, Any]]:
    """One schema.org Event per date (name, startDate, location are what search engines need)."""
    common: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title_de,
        "description": event.short_de or event.title_de,
        "eventStatus": STATUS.get(event.status, STATUS["scheduled"]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event),
        "organizer": {"@type": "Organization", "name": event.organiser or event.organisation.name},
        "url": base_url + event.get_absolute_url(),
        "isAccessibleForFree": bool(event.is_free),
    }
    if event.images:
        common["image"] = [i["url"] for i in event.images if i.get("url")]
    if event.price_min is not None or event.is_free or event.ticket_url:
        common["offers"] = {
            "@type": "Offer",
            "price": str(event.price_min or 0),
            "priceCurrency": event.currency,
            "url": event.tickets or common["url"],
            "availability": "https://schema.org/InStock",
        }
    items = []
    for occurrence in occurrences:
        item = dict(common)
        item["startDate"] = (
            occurrence.start.astimezone(BERLIN).date().isoformat()
            if occurrence.all_day
            else occurrence.start.astimezone(BERLIN).isoformat()
        )
        if occurrence.end is not None and not occurrence.all_day:
            item["endDate"] = occurrence.end.astimezone(BERLIN).isoformat()
        elif occurrence.all_day and occurrence.last_day != occurrence.first_day:
            item["endDate"] = occurrence.last_day.isoformat()  # a festival of several days
        items.append(item)
    return items
