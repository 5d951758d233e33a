"""Reads of the back office: what waits for the office's review, a member's own events by
state, and each event's next date for the event list. (What the public reads is in `reads/`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, Occurrence


def waiting_for_review() -> Q:
    """Events the office has to decide on: submissions, and published events whose edit
    waits in `pending_changes` (the public sees the published version meanwhile)."""
    return Q(public_status=PublicStatus.SUBMITTED) | (
        Q(public_status=PublicStatus.PUBLISHED) & ~Q(pending_changes={})
    )


def is_waiting(event: Event) -> bool:
    return event.public_status == PublicStatus.SUBMITTED or (
        event.public_status == PublicStatus.PUBLISHED and bool(event.pending_changes)
    )


def of_organisations(ids: Iterable[int]) -> Q:
    return Q(organisation_id__in=list(ids))


def review_queue() -> QuerySet[Event]:
    """The waiting events, the longest unchanged first (the office works through them in
    this order, one review page after the other)."""
    return Event.objects.filter(waiting_for_review()).order_by("updated_at", "pk")


def next_waiting(*, after: int | None = None) -> Event | None:
    """The first event of the review queue, other than event `after` (just decided)."""
    queue = review_queue()
    if after is not None:
        queue = queue.exclude(pk=after)
    return queue.only("pk", "title_de").first()


def with_next_date(queryset: QuerySet[Event], since: datetime) -> QuerySet[Event]:
    """Annotate `next_start`: the first date starting at or after `since` (the start of
    today), or the last date when all lie before it; None without dates. Two lookups in the
    dates' (event, start) index per event row shown, not a join over every date."""
    dates = Occurrence.objects.filter(event=OuterRef("pk"))
    upcoming = dates.filter(start__gte=since).order_by("start").values("start")[:1]
    latest = dates.order_by("-start").values("start")[:1]
    return queryset.annotate(next_start=Coalesce(Subquery(upcoming), Subquery(latest)))
