"""The office publishes many events at once (an import's submissions, an admin selection).

The rules are `moderation.publish_event`'s, event by event: only the office publishes; an
event already published without pending edits is skipped and named with the reason;
pending edits are applied first. What differs is the writing: events without pending edits
(nearly all of a run) are published with a few set-based UPDATEs and one INSERT of their
decisions, in chunks, in one transaction; the audit log gets one entry per bulk operation
(`common.audit.log_bulk`), not one per event. Events with pending edits go through
`publish_event`'s own steps (their saves are logged one by one, as every office decision).

Inputs are plain (event ids or a queryset, the user or the user's id), so a background job
can call `publish_events` with what it got as JSON; `PublishReport.as_dict()` is JSON too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Event, ModerationDecision, Occurrence
from impulsregion.calendar.services.events import missing_for_publication
from impulsregion.calendar.services.moderation import ModerationError, publish_unchecked
from impulsregion.common import audit
from impulsregion.common.progress import ProgressCallback, noop_progress
from impulsregion.region import rules

CHUNK = 2000  # events per set of UPDATEs (SQLite binds at most 32,766 parameters)
_COLUMNS = (
    "pk",
    "title_de",
    "public_status",
    "pending_changes",
    "publish_at",
    "merged_into_id",
    "withdrawn_at",
    "place__municipality_id",
    "organisation_id",
    "organisation__ags",
    "has_dates",
    "place_id",
    "is_online",
    "url",
)


@dataclass
class PublishReport:
    """What a run did: how many events were published, and each event it left unpublished
    as (id, title, reason)."""

    published: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Row:
    """One selected event as the bulk steps need it."""

    pk: int
    public_from: datetime | None  # the embargo's end, None without one or when hidden
    hidden: bool  # merged or withdrawn: published, yet not public
    municipality_id: int | None
    old_status: str


def publish_events(
    *,
    events: QuerySet[Event] | Iterable[int],
    user: Any,
    now: datetime,
    progress: ProgressCallback = noop_progress,
) -> PublishReport:
    """Publish `events` (a queryset or ids) as the office `user` (or the user's id).

    Raises `ModerationError` when `user` is not the office; then nothing changes.
    """
    if isinstance(user, int):
        user = get_user_model().objects.filter(pk=user).first()
    if not rules.is_office(user):
        raise ModerationError(_("Only the regional office publishes events."))
    report = PublishReport()
    with transaction.atomic():
        rows, pending = _select(events, report)
        total = len(rows) + len(pending)
        for offset in range(0, len(rows), CHUNK):
            _publish_chunk(rows[offset : offset + CHUNK], user=user, now=now)
            progress(offset + len(rows[offset : offset + CHUNK]), total)
        _log(rows, user=user)
        published = len(rows)
        for done, event in enumerate(Event.objects.filter(pk__in=pending), start=len(rows) + 1):
            try:
                publish_unchecked(event, user=user, now=now)
                published += 1
            except ModerationError as error:
                report.skipped.append((event.pk, event.title_de, error.message))
            progress(done, total)
        report.published = published
    return report


def _select(
    events: QuerySet[Event] | Iterable[int], report: PublishReport
) -> tuple[list[_Row], list[int]]:
    """The events to publish in bulk and those with pending edits; the rest into `report`."""
    wanted: list[int] | None = None
    if isinstance(events, QuerySet):  # an admin selection may be DISTINCT: not lockable
        queryset = Event.objects.filter(pk__in=events.order_by().values("pk"))
    else:
        wanted = list(dict.fromkeys(events))
        queryset = Event.objects.filter(pk__in=wanted)
    found = (
        queryset.select_for_update(of=("self",))
        .annotate(has_dates=Exists(Occurrence.objects.filter(event_id=OuterRef("pk"))))
        .values_list(*_COLUMNS)
    )
    rows: list[_Row] = []
    pending: list[int] = []
    for (
        pk,
        title,
        status,
        changes,
        publish_at,
        merged,
        withdrawn,
        place_muni,
        org,
        ags,
        has_dates,
        place,
        is_online,
        url,
    ) in found:
        missing = missing_for_publication(
            has_dates=has_dates, has_place=place is not None, is_online=is_online, url=url
        )
        if changes:
            pending.append(pk)
        elif status == PublicStatus.PUBLISHED:
            report.skipped.append((pk, title, _("The event is already published.")))
        elif missing:
            report.skipped.append((pk, title, missing))
        else:
            # as services.events.visible_from and municipality_id say for a published event
            hidden = bool(merged or withdrawn)
            muni = place_muni or (org if ags else None)
            rows.append(_Row(pk, None if hidden else publish_at, hidden, muni, status))
    if wanted is not None:
        seen = {r.pk for r in rows} | set(pending) | {pk for pk, _, _ in report.skipped}
        report.skipped += [
            (pk, "", _("The event no longer exists.")) for pk in wanted if pk not in seen
        ]
    rows.sort(key=lambda r: r.pk)
    return rows, sorted(pending)


def _publish_chunk(rows: list[_Row], *, user: Any, now: datetime) -> None:
    """Publish events without pending edits: their status and visibility, their dates'
    visibility and municipality (grouped by equal values), and one decision each."""
    by_visibility: dict[datetime | None, list[int]] = defaultdict(list)
    by_dates: dict[tuple[datetime | None, int | None], list[int]] = defaultdict(list)
    for row in rows:
        visible = None if row.hidden else row.public_from or now
        by_visibility[visible].append(row.pk)
        by_dates[visible, row.municipality_id].append(row.pk)
    for visible, ids in by_visibility.items():
        Event.objects.filter(pk__in=ids).update(
            public_status=PublicStatus.PUBLISHED,
            rejection_reason="",
            public_from=visible,
            updated_at=now,
        )
    for (visible, muni), ids in by_dates.items():
        Occurrence.objects.filter(event_id__in=ids).update(
            public_from=visible, municipality_id=muni
        )
    ModerationDecision.objects.bulk_create(
        [ModerationDecision(event_id=r.pk, action=Decision.PUBLISHED, actor=user) for r in rows]
    )


def _log(rows: list[_Row], *, user: Any) -> None:
    if not rows:
        return
    before = ", ".join(sorted({r.old_status for r in rows}))
    audit.log_bulk(
        Event,
        action=audit.UPDATE,
        count=len(rows),
        changes={"public_status": [before, PublicStatus.PUBLISHED]},
        actor=user,
    )
    audit.log_bulk(
        ModerationDecision,
        action=audit.CREATE,
        count=len(rows),
        changes={"action": ["", Decision.PUBLISHED]},
        actor=user,
    )
