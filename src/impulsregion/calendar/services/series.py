"""The event form's recurring rule: its parts as the domain's `SeriesRule`, and its dates
written as the event's dates (replacing those it made before; dates entered by hand stay)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from impulsregion.calendar.domain.recurrence import SeriesRule
from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.models import EventSeries, Occurrence, SeriesDate
from impulsregion.calendar.services.events import add_occurrences
from impulsregion.common import audit


def rule_of(series: EventSeries) -> SeriesRule:
    return SeriesRule(
        kind=series.kind,
        first=series.first_date,
        start_time=series.start_time,
        end_time=series.end_time,
        all_day=series.all_day,
        interval=series.interval,
        weekdays=tuple(series.weekdays),
        week_of_month=series.week_of_month,
        month_day=series.month_day,
        until=series.until,
        count=series.count,
        exceptions=tuple(date.fromisoformat(day) for day in series.exceptions),
    )


def made_by(series: EventSeries) -> list[Occurrence]:
    return list(Occurrence.objects.filter(series_link__series=series).order_by("start"))


@transaction.atomic
def write_series_dates(series: EventSeries, spans: Iterable[Span]) -> int:
    """Replace the dates `series` made before by `spans`, leaving out a start the event
    already has as a date entered by hand. Returns the number of dates written."""
    event = series.event
    Occurrence.objects.filter(series_link__series=series).delete()
    by_hand = set(
        event.occurrences.filter(series_link__isnull=True).values_list("start", flat=True)
    )
    created = add_occurrences(event, (span for span in spans if span.start not in by_hand))
    SeriesDate.objects.bulk_create(SeriesDate(series=series, occurrence=o) for o in created)
    audit.log_bulk(
        Occurrence,
        action=audit.CREATE,
        count=len(created),
        changes={"event": ["", str(event.pk)], "series": ["", str(series.pk)]},
    )
    return len(created)


@transaction.atomic
def remove_series(series: EventSeries) -> None:
    """Delete the rule and the dates it made; dates entered by hand stay."""
    Occurrence.objects.filter(series_link__series=series).delete()
    series.delete()
