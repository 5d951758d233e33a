"""Assemble the Jahresüberblick of a year from the office's highlights and render it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from impulsregion.calendar.models import Event, Occurrence, Place
from impulsregion.calendar.reads.public import programme_places, public_events
from impulsregion.common.i18n import pick
from impulsregion.planning import queries
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import (
    Yearbook,
    YearbookEntry,
    YearbookVenue,
    yearbook_document,
)
from impulsregion.planning.models import Highlight
from impulsregion.planning.pdf import render_yearbook_pdf


def _labels() -> dict[str, str]:
    return {
        "contents": _("Contents"),
        "preface": _("Preface"),
        "index_city": _("Index by place"),
        "index_category": _("Index by category"),
        "venues": _("Venues and addresses"),
        "page": _("page"),
        "issued": _("As of"),
        "uncategorised": _("Other events"),
        "region": _("Across the region"),
    }


def _preface(year: int) -> list[str]:
    return [
        _(
            "Erfurt, Weimar, Jena and the Weimarer Land lie only 20 to 25 kilometres apart. "
            "Since 1999 the partners of the Impulsregion have coordinated the dates of their "
            "major events so that they do not compete for the same weekend, the same hotel beds "
            "and the same trains."
        ),
        _(
            "This overview collects the highlights of %(year)s that the regional office selected "
            "from the shared culture calendar. Dates can change; the calendar on the web always "
            "shows the current state."
        )
        % {"year": year},
    ]


def build_yearbook(year: int, lang: Lang, *, issued: date) -> Yearbook:
    """The highlights of ``year`` as a :class:`Yearbook` in ``lang`` (no rendering yet)."""
    with translation.override(lang.value):
        occurrences = Occurrence.objects.order_by("start")
        highlights = (
            Highlight.objects.filter(year=year, event__in=public_events(timezone.now()))
            .select_related("event__place__municipality")
            .prefetch_related("event__categories", Prefetch("event__occurrences", occurrences))
        )
        entries, venues = [], {}
        for highlight in highlights:
            entry = _entry(highlight, year)
            if entry is None:
                continue
            entries.append(entry)
            event = highlight.event
            places = [event.place] if event.place else list(_programme_places(event))
            for place in places:
                venues[str(place.pk)] = YearbookVenue(
                    key=str(place.pk),
                    name=place.name,
                    street=place.street,
                    postcode=place.postal_code,
                    city=place.locality,
                    accessibility=place.accessibility_note,
                )
        return Yearbook(
            year=year,
            lang=lang,
            title=_("Culture year"),
            subtitle="Erfurt · Weimar · Jena · Weimarer Land",
            preface=_preface(year),
            entries=entries,
            venues=list(venues.values()),
            labels=_labels(),
            publisher=_("Impulsregion Erfurt, Weimar, Jena, Weimarer Land"),
            issued=issued,
        )


def _programme_places(event: Event) -> QuerySet[Place]:
    return programme_places(event.pk, timezone.now())


def _entry(highlight: Highlight, year: int) -> YearbookEntry | None:
    event = highlight.event
    spans = [
        (queries.occurrence_days(o.start, o.end, o.all_day), o) for o in event.occurrences.all()
    ]
    spans = [(days, o) for days, o in spans if days[0].year <= year <= days[1].year]
    if not spans:
        return None
    first = min(days[0] for days, _ in spans)
    last = max(days[1] for days, _ in spans)
    timed = [o for _, o in spans if not o.all_day]
    start_time = None
    if len(spans) == 1 and timed:
        start_time = timezone.localtime(timed[0].start).time()
    place = event.place
    towns: tuple[str, ...] = ()
    if place is not None:
        city = place.locality or (place.municipality.short_name if place.municipality else "")
    else:  # an umbrella event: the towns of its programme
        towns = tuple(dict.fromkeys(p.locality for p in _programme_places(event) if p.locality))
        city = ", ".join(towns)
    return YearbookEntry(
        key=str(event.pk),
        title=pick(event, "title"),
        start=first,
        end=last,
        city=city,
        venue_key=str(place.pk) if place else None,
        start_time=start_time,
        categories=tuple(pick(c, "name") for c in event.categories.all()),
        summary=pick(event, "short"),
        organiser=event.organiser,
        order=highlight.order,
        towns=towns,
    )


def render_yearbook(
    year: int, lang: Lang, *, issued: date, progress: Callable[[int, int], None] | None = None
) -> bytes:
    """PDF bytes of the Jahresüberblick; raises ``EmptyYearbookError`` for a year without
    highlights."""
    report = progress or (lambda done, total: None)
    report(0, 3)
    book = build_yearbook(year, lang, issued=issued)
    report(1, 3)
    document: dict[str, Any] = yearbook_document(book)
    report(2, 3)
    pdf = render_yearbook_pdf(document)
    report(3, 3)
    return pdf


def highlight_counts() -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for year in Highlight.objects.values_list("year", flat=True):
        counts[year] += 1
    return dict(counts)
