"""Duplicate proposals between sources, and the office's decision on them.

A proposal is made when two events not from the same source start within 30 minutes of
each other at the same venue or in the same municipality and have similar titles. Merging
hides the duplicate (`merged_into`) and moves nothing else: later imports update the hidden
record through its own source record, so the merge survives every re-import; a dismissed
pair is never proposed again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.matching import (
    START_TOLERANCE,
    THRESHOLD,
    Candidate,
    duplicate_score,
    place_key,
)
from impulsregion.calendar.enums import Decision, DuplicateState
from impulsregion.calendar.models import (
    DuplicateProposal,
    Event,
    ModerationDecision,
    Occurrence,
    SourceRecord,
)
from impulsregion.calendar.services.events import refresh_visibility
from impulsregion.region import rules


class DuplicateError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _candidates(event_ids: Iterable[int]) -> dict[int, Candidate]:
    starts: dict[int, list[datetime]] = defaultdict(list)
    meta: dict[int, tuple[str, str, str]] = {}
    rows = (
        Occurrence.objects.filter(event_id__in=list(event_ids), event__merged_into__isnull=True)
        .order_by("event_id", "start")
        .values_list(
            "event_id",
            "start",
            "event__title_de",
            "event__place__name",
            "event__place__postal_code",
            "municipality_id",
        )
    )
    keys: dict[tuple[str, str], str] = {}  # a venue's key, once per venue, not per date
    for event_id, start, title, place_name, postcode, muni in rows:
        if len(starts[event_id]) < 20:
            starts[event_id].append(start)
        venue = (place_name or "", postcode or "")
        if venue not in keys:
            keys[venue] = place_key(*venue)
        meta[event_id] = (title, keys[venue], str(muni or ""))
    return {i: Candidate(meta[i][0], tuple(starts[i]), meta[i][1], meta[i][2]) for i in meta}


def propose_duplicates(event_ids: list[int]) -> int:
    """Propose duplicates for the given (new or changed) events; returns how many were new."""
    if not event_ids:
        return 0
    mine = _candidates(event_ids)
    if not mine:
        return 0
    first_starts = [s for c in mine.values() for s in c.starts[:3]]
    condition = Q()
    for start in first_starts[:200]:
        condition |= Q(start__gte=start - START_TOLERANCE, start__lte=start + START_TOLERANCE)
    others = set(
        Occurrence.objects.filter(condition)
        .exclude(event_id__in=event_ids)
        .filter(event__merged_into__isnull=True, event__withdrawn_at__isnull=True)
        .values_list("event_id", flat=True)[:2000]
    )
    if not others:
        return 0
    theirs = _candidates(others)
    sources = _sources(set(mine) | set(theirs))
    decided = set(DuplicateProposal.objects.values_list("original_id", "duplicate_id"))
    created = 0
    for event_id, candidate in mine.items():
        for other_id, other in theirs.items():
            if sources[event_id] & sources[other_id]:
                continue
            score = duplicate_score(candidate, other)
            pair = (min(event_id, other_id), max(event_id, other_id))
            if score >= THRESHOLD and pair not in decided:
                DuplicateProposal.objects.create(
                    original_id=pair[0], duplicate_id=pair[1], score=score
                )
                decided.add(pair)
                created += 1
    return created


def _sources(event_ids: set[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for event_id, key in SourceRecord.objects.filter(event_id__in=event_ids).values_list(
        "event_id", "source_key"
    ):
        found[event_id].add(key)
    return found


@transaction.atomic
def merge_duplicate(*, proposal: DuplicateProposal, user: Any, now: datetime) -> Event:
    """Hide the duplicate behind the original; only the office decides."""
    if not rules.is_office(user):
        raise DuplicateError(_("Only the regional office merges duplicates."))
    if proposal.state != DuplicateState.OPEN:
        raise DuplicateError(_("This proposal has already been decided."))
    duplicate = proposal.duplicate
    duplicate.merged_into = proposal.original
    duplicate.save(update_fields=["merged_into"])
    refresh_visibility(duplicate, now)
    proposal.state, proposal.decided_by, proposal.decided_at = DuplicateState.MERGED, user, now
    proposal.save(update_fields=["state", "decided_by", "decided_at"])
    ModerationDecision.objects.create(
        event=duplicate,
        action=Decision.MERGED,
        actor=user,
        reason=f"#{proposal.original_id} {proposal.original.title_de}",
    )
    return proposal.original


@transaction.atomic
def dismiss_duplicate(*, proposal: DuplicateProposal, user: Any, now: datetime) -> None:
    if not rules.is_office(user):
        raise DuplicateError(_("Only the regional office decides on duplicates."))
    proposal.state, proposal.decided_by, proposal.decided_at = DuplicateState.DISMISSED, user, now
    proposal.save(update_fields=["state", "decided_by", "decided_at"])
    ModerationDecision.objects.create(
        event=proposal.duplicate, action=Decision.DISMISSED, actor=user
    )
