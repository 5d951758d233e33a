"""Shared steps of event writes: places, categories, dates and public visibility."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.domain.limits import teaser
from impulsregion.calendar.domain.region import municipality_of
from impulsregion.calendar.domain.types import EventData, PlaceData, Span
from impulsregion.calendar.domain.venues import venue_name_key
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Category, Event, Occurrence, Place
from impulsregion.calendar.services.municipalities import municipality_for
from impulsregion.common import audit

AUDIENCE_FIELDS = {
    "families": "for_families",
    "children": "for_children",
    "youth": "for_youth",
    "seniors": "for_seniors",
}


def visible_from(event: Event, now: datetime) -> datetime | None:
    """When the public may see `event`: None unless published, not merged and not withdrawn."""
    if event.public_status != PublicStatus.PUBLISHED or event.merged_into_id or event.withdrawn_at:
        return None
    return event.publish_at or event.public_from or now


def municipality_id(event: Event) -> int | None:
    if event.place_id and event.place.municipality_id:
        return event.place.municipality_id
    return event.organisation_id if event.organisation.ags else None


def refresh_visibility(event: Event, now: datetime) -> None:
    """Store the event's visibility on itself and on its dates (a single UPDATE each)."""
    event.public_from = visible_from(event, now)
    Event.objects.filter(pk=event.pk).update(public_from=event.public_from, updated_at=now)
    event.occurrences.update(public_from=event.public_from, municipality_id=municipality_id(event))


def add_occurrences(event: Event, spans: Iterable[Span]) -> list[Occurrence]:
    """Store `spans` as dates of the event, with its visibility and municipality."""
    muni = municipality_id(event)
    return Occurrence.objects.bulk_create(
        Occurrence(
            event=event,
            start=s.start,
            end=s.end,
            all_day=s.all_day,
            public_from=event.public_from,
            municipality_id=muni,
        )
        for s in spans
    )


def replace_occurrences(event: Event, spans: Iterable[Span]) -> None:
    """Replace the event's stored dates by `spans` (dates dropped by the source disappear)."""
    event.occurrences.all().delete()
    created = add_occurrences(event, spans)
    audit.log_bulk(
        Occurrence,
        action=audit.CREATE,
        count=len(created),
        changes={"event": ["", str(event.pk)]},
    )


class PlaceCache:
    """Finds or creates venues once per import. A venue arriving with its address and without
    it is one place: the same name (without case and extra spaces) and postcode is the same
    place; a name without a postcode is the place of that name (the one in the importing
    member's `area` when there are several); a name with a postcode that only a place without
    an address bears is that place, which gets the address."""

    def __init__(self, area: str = "") -> None:
        self.area = area  # the importing member's municipality key (AGS), if it has one
        self._named: dict[str, list[Place]] = {}

    def get(self, data: PlaceData | None) -> Place | None:
        if data is None or not data.name.strip():
            return None
        key = venue_name_key(data.name)
        places = self._named.get(key)
        if places is None:
            places = list(Place.objects.filter(name__iexact=data.name.strip()).order_by("pk"))
            self._named[key] = places
        place = self._known(places, data)
        if place is None:
            place = _new_place(data)
            places.append(place)
        return place

    def _known(self, places: list[Place], data: PlaceData) -> Place | None:
        code = data.postal_code.strip()
        bare = [p for p in places if not p.postal_code]
        if code:
            same = [p for p in places if p.postal_code == code]
            if same:
                return same[0]
            return _complete(bare[0], data) if len(bare) == 1 else None
        if len(places) <= 1:
            return places[0] if places else None
        local = [p for p in places if self.area and p.ags.startswith(self.area)]
        if len(local) == 1:
            return local[0]
        return bare[0] if bare else None


def _new_place(data: PlaceData) -> Place:
    ags = municipality_of(data).ags
    return Place.objects.create(
        name=data.name.strip(),
        street=data.street,
        postal_code=data.postal_code.strip(),
        locality=data.locality,
        ags=ags,
        municipality=municipality_for(ags),
        latitude=data.latitude,
        longitude=data.longitude,
        url=data.url,
        external_id=data.external_id,
    )


def _complete(place: Place, data: PlaceData) -> Place:
    """Give a place known only by its name the address a source now sends (fields someone
    filled in stay as they are)."""
    ags = municipality_of(data).ags
    values = {
        "street": data.street,
        "postal_code": data.postal_code.strip(),
        "locality": data.locality,
        "ags": ags,
        "latitude": data.latitude,
        "longitude": data.longitude,
        "url": data.url,
    }
    changed = [f for f, v in values.items() if v not in ("", None) and not getattr(place, f)]
    for field in changed:
        setattr(place, field, values[field])
    if ags and place.municipality_id is None:
        place.municipality = municipality_for(ags)
        changed.append("municipality")
    if changed:
        place.save(update_fields=changed)
    return place


def categories_for(slugs: Iterable[str]) -> list[Category]:
    wanted = list(slugs)
    return list(Category.objects.filter(slug__in=wanted)) if wanted else []


# every field `apply_data` may set (the "licence" only when the source names one)
APPLIED_FIELDS = [
    "title_de",
    "title_en",
    "short_de",
    "short_en",
    "description_de",
    "description_en",
    "status",
    "organiser",
    "url",
    "is_free",
    "price_min",
    "price_max",
    "currency",
    "price_text",
    "ticket_url",
    "images",
    *(
        f"access_{code}"
        for code in ("wheelchair", "induction_loop", "sign_language", "easy_language")
    ),
    *AUDIENCE_FIELDS.values(),
    "licence",
]


def apply_data(event: Event, data: EventData, *, source: str) -> list[str]:
    """Copy what the source says onto `event`, except fields edited by hand since.

    Returns the names of the fields taken from the source; `field_sources` records them.
    """
    values = {
        "title_de": data.title_de,
        "title_en": data.title_en,
        "short_de": teaser(data.short_de),
        "short_en": teaser(data.short_en),
        "description_de": data.description_de,
        "description_en": data.description_en,
        "status": data.status,
        "organiser": data.organiser,
        "url": data.url,
        "is_free": data.price.is_free,
        "price_min": data.price.minimum,
        "price_max": data.price.maximum,
        "currency": data.price.currency or "EUR",
        "price_text": data.price.text,
        "ticket_url": data.price.ticket_url,
        "images": [
            {"url": i.url, "credit": i.credit, "licence": i.licence, "alt": i.alt}
            for i in data.images
        ],
        **{
            f"access_{code}": code in data.accessibility
            for code in ("wheelchair", "induction_loop", "sign_language", "easy_language")
        },
        **{field: code in data.audiences for code, field in AUDIENCE_FIELDS.items()},
    }
    if data.licence:
        values["licence"] = data.licence
    taken = []
    for field, value in values.items():
        if event.field_sources.get(field) == "manual":
            continue
        setattr(event, field, value)
        event.field_sources[field] = source
        taken.append(field)
    return taken


def umbrella_problem(*, organisation_id: int | None, event_id: int | None, parent: Event) -> str:
    """Why `parent` cannot be the umbrella event of an event of `organisation_id` (`event_id`
    None for a new one), or "" when it can. Programme items are one level deep, so no event
    becomes its own ancestor; another member's event is an umbrella only when the office
    opened it to programme items of other members."""
    if event_id is not None and parent.pk == event_id:
        return str(_("An event cannot be its own umbrella event."))
    if parent.parent_id is not None:
        return str(
            _("The chosen event is itself part of another event; choose that one as umbrella.")
        )
    if event_id is not None and Event.objects.filter(parent_id=event_id).exists():
        return str(
            _("This event has programme items of its own, so it cannot become part of another.")
        )
    if parent.organisation_id != organisation_id and not parent.open_programme:
        return str(
            _(
                "The umbrella event belongs to another member and is not open to programme "
                "items of other members; the regional office can open it."
            )
        )
    return ""


def missing_for_publication(*, has_dates: bool, has_place: bool, is_online: bool, url: str) -> str:
    """What an event lacks before it may be submitted or published, in sentences, or "".
    It needs a date, and a venue or, online, the link to join."""
    missing = []
    if not has_dates:
        missing.append(_("A date is missing."))
    if is_online and not url:
        missing.append(_("The link to join the online event is missing (field “website”)."))
    elif not is_online and not has_place:
        missing.append(_("A venue is missing (or tick “online event” and give the link)."))
    return " ".join(str(sentence) for sentence in missing)


def publication_problem(event: Event) -> str:
    """`missing_for_publication` for a stored event."""
    return missing_for_publication(
        has_dates=event.occurrences.exists(),
        has_place=event.place_id is not None,
        is_online=event.is_online,
        url=event.url,
    )
