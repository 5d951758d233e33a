"""What the office sees on an event's review page: a waiting edit of a published event as
old → new per field (dates too), and the event as the public will see it once published.

Nothing here writes: the preview is an unsaved copy with the edit applied by the same step
that publishing uses (`moderation.apply_input`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.types import Span, ordered
from impulsregion.calendar.enums import Decision, EventStatus
from impulsregion.calendar.models import Category, Event, ModerationDecision, Occurrence, Place
from impulsregion.calendar.services.events import categories_for
from impulsregion.calendar.services.moderation import (
    SIMPLE_FIELDS,
    EventInput,
    apply_input,
    pending_input,
)
from impulsregion.common.i18n import pick


@dataclass(frozen=True)
class Line:
    text: str
    marked: bool = False  # a date removed (old side) or added (new side)


@dataclass(frozen=True)
class Change:
    label: str
    old: list[Line]
    new: list[Line]


@dataclass
class Preview:
    """The event as its public page will show it: `event` is never saved."""

    event: Event
    occurrences: list[Occurrence]
    categories: list[Category]


ONE_SECOND = timedelta(seconds=1)

# the order of the table: what a reader checks first
ORDER = (
    "title_de",
    "title_en",
    "short_de",
    "short_en",
    "description_de",
    "description_en",
    "dates",
    "status",
    "place_id",
    "parent_id",
    "categories",
    "organiser",
    "url",
    "is_free",
    "price_min",
    "price_max",
    "price_text",
    "ticket_url",
    "for_families",
    "access_wheelchair",
    "expected_visitors",
    "publish_at",
)


def last_submission(event: Event) -> ModerationDecision | None:
    """Who sent the event (or its edit) to the office, and when."""
    return (
        event.decisions.filter(action__in=[Decision.SUBMITTED, Decision.EDIT_SUBMITTED])
        .select_related("actor")
        .order_by("created_at", "pk")
        .last()
    )


def pending_changes(event: Event) -> list[Change]:
    """Each field the waiting edit changes, old → new, in `ORDER`; empty without an edit."""
    data = pending_input(event)
    if data is None:
        return []
    old, new = _values(event), _new_values(data)
    names = _names(event, data)
    changes = []
    for key in ORDER:
        if key == "dates":
            change = _dates_change(event, data)
        elif old[key] != new[key]:
            show = _shower(key, names)
            change = Change(_label(key), [Line(show(old[key]))], [Line(show(new[key]))])
        else:
            change = None
        if change is not None:
            changes.append(change)
    return changes


def preview(event: Event) -> Preview:
    """The event as published: with its waiting edit applied when there is one."""
    data = pending_input(event)
    if data is None:
        return Preview(
            event, list(event.occurrences.order_by("start")), list(event.categories.all())
        )
    copy = Event.objects.select_related("organisation").get(pk=event.pk)
    apply_input(copy, data)
    dates = [
        Occurrence(event=copy, start=s.start, end=s.end, all_day=s.all_day)
        for s in sorted(data.spans, key=lambda span: span.start)
    ]
    return Preview(copy, dates, categories_for(data.categories))


def _values(event: Event) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(event, name) for name in SIMPLE_FIELDS}
    values["description_de"] = event.description_de
    values["description_en"] = event.description_en
    values["categories"] = frozenset(event.categories.values_list("slug", flat=True))
    return values


def _new_values(data: EventInput) -> dict[str, Any]:
    """The values publishing would store (`apply_input` on a throw-away event)."""
    scratch = Event(field_sources={})
    apply_input(scratch, data)
    values: dict[str, Any] = {name: getattr(scratch, name) for name in SIMPLE_FIELDS}
    values["description_de"] = scratch.description_de
    values["description_en"] = scratch.description_en
    values["categories"] = frozenset(data.categories)
    return values


def _names(event: Event, data: EventInput) -> dict[str, dict[Any, str]]:
    """Names of the venues, umbrella events and categories either side refers to (three
    queries at most)."""
    places = {p.pk: p for p in Place.objects.filter(pk__in=[event.place_id, data.place_id])}
    parents = Event.objects.filter(pk__in=[event.parent_id, data.parent_id])
    slugs = {*event.categories.values_list("slug", flat=True), *data.categories}
    return {
        "place_id": {pk: ", ".join(filter(None, [p.name, p.locality])) for pk, p in places.items()},
        "parent_id": {e.pk: e.title_de for e in parents},
        "categories": {c.slug: pick(c, "name") for c in Category.objects.filter(slug__in=slugs)},
    }


def _label(key: str) -> str:
    field = Event._meta.get_field(key.removesuffix("_id"))
    return str(field.verbose_name)


def _shower(key: str, names: dict[str, dict[Any, str]]) -> Callable[[Any], str]:
    if key in ("place_id", "parent_id"):
        return lambda value: _empty(names[key].get(value, "") if value is not None else "")
    if key == "categories":
        return lambda slugs: _empty(", ".join(sorted(names[key].get(s, s) for s in slugs)))
    if key == "status":
        return lambda value: str(EventStatus(value).label) if value else _empty("")
    if key.startswith("description"):
        return lambda value: _empty(strip_tags(value or "").strip())
    return _show


def _show(value: Any) -> str:
    if value is None or value == "":
        return _empty("")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, Decimal | int):
        return formats.localize(value, use_l10n=True)
    return str(value)


def _empty(text: str) -> str:
    return text or _("(empty)")


def _dates_change(event: Event, data: EventInput) -> Change | None:
    old = ordered(Span(o.start, o.end, o.all_day) for o in event.occurrences.all())
    new = ordered(data.spans)
    if old == new:
        return None
    return Change(
        str(Occurrence._meta.verbose_name_plural),
        _date_lines(old, new),
        _date_lines(new, old),
    )


def _date_lines(spans: Sequence[Span], other: Iterable[Span]) -> list[Line]:
    keep = set(other)
    return [Line(_date(span), span not in keep) for span in spans] or [Line(_empty(""))]


def _date(span: Span) -> str:
    start = timezone.localtime(span.start)
    if span.all_day:
        last = timezone.localtime(span.end - ONE_SECOND) if span.end else start
        text = formats.date_format(start, "DATE_FORMAT")
        if last.date() != start.date():
            text += " – " + formats.date_format(last, "DATE_FORMAT")
        return text + " " + _("(all day)")
    text = formats.date_format(start, "DATETIME_FORMAT")
    if span.end is not None:
        end = timezone.localtime(span.end)
        same_day = end.date() == start.date()
        text += " – " + formats.date_format(end, "TIME_FORMAT" if same_day else "DATETIME_FORMAT")
    return text
