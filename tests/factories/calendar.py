"""Plain factory functions for the calendar app: explicit defaults, no surprises."""

from __future__ import annotations

import datetime as dt
from typing import Any

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Category, Event, Occurrence, Place, Publisher
from impulsregion.region.models import Organisation
from tests.factories.region import make_organisation

DEFAULT_START = dt.datetime(2026, 12, 5, 19, 30, tzinfo=BERLIN)


def organisation(slug: str = "jena", **fields: Any) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is not None:
        return found
    defaults = {
        "ags": {"jena": "16053000", "erfurt": "16051000", "weimar": "16055000"}.get(slug, "")
    }
    defaults.update(fields)
    return make_organisation(slug, **defaults)


def make_place(name: str = "Volkshaus", **fields: Any) -> Place:
    defaults: dict[str, Any] = {
        "street": "Carl-Zeiß-Platz 15",
        "postal_code": "07743",
        "locality": "Jena",
        "ags": "16053000",
        "latitude": "50.927100",
        "longitude": "11.583600",
    }
    defaults.update(fields)
    if "municipality" not in defaults:
        defaults["municipality"] = Organisation.objects.filter(ags=defaults["ags"]).first()
    return Place.objects.create(name=name, **defaults)


def make_event(
    title: str = "Sinfoniekonzert",
    *,
    org: Organisation | None = None,
    starts: tuple[dt.datetime, ...] = (DEFAULT_START,),
    duration: dt.timedelta | None = dt.timedelta(hours=2),
    published: bool = True,
    categories: tuple[str, ...] = (),
    all_day: bool = False,
    **fields: Any,
) -> Event:
    org = org or organisation()
    if published:
        fields.setdefault("public_status", PublicStatus.PUBLISHED)
        fields.setdefault("public_from", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    elif "place" not in fields and "place_id" not in fields:
        fields["place"] = hall(org)  # a venue, so the event may be published
    event = Event.objects.create(organisation=org, title_de=title, **fields)
    if categories:
        event.categories.set(Category.objects.filter(slug__in=categories))
    muni = (
        event.place.municipality_id
        if event.place_id and event.place.municipality_id
        else (org.pk if org.ags else None)
    )
    Occurrence.objects.bulk_create(
        Occurrence(
            event=event,
            start=s,
            end=s + duration if duration else None,
            all_day=all_day,
            public_from=event.public_from,
            municipality_id=muni,
        )
        for s in starts
    )
    return event


def hall(org: Organisation) -> Place:
    """The organisation's own venue in its town (events waiting for publication need one)."""
    place, _ = Place.objects.get_or_create(
        name=f"Festsaal {org.short_name or org.slug}",
        defaults={"ags": org.ags, "municipality": org if org.ags else None},
    )
    return place


def trust(org: Organisation) -> Publisher:
    publisher, _ = Publisher.objects.update_or_create(
        organisation=org, defaults={"is_trusted": True}
    )
    return publisher


def vocabulary() -> list[Category]:
    """The calendar's categories, as the migration made them (a flush between browser tests
    removes what migrations wrote)."""
    from impulsregion.calendar.domain.categories import VOCABULARY  # noqa: PLC0415

    return [
        Category.objects.get_or_create(
            slug=slug, defaults={"name_de": de, "name_en": en, "position": position}
        )[0]
        for position, (slug, (de, en, _stems)) in enumerate(VOCABULARY.items())
    ]
