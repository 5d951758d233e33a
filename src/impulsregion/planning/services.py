"""Use cases of the planning app: one transaction each, the acting user passed explicitly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.periods import day_bounds
from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.models import Category, Event, Place
from impulsregion.calendar.services.moderation import create_draft
from impulsregion.common import audit
from impulsregion.planning import queries
from impulsregion.planning.domain.clashes import (
    Assessment,
    BookingKind,
    ConflictCode,
    Proposal,
    ProposalError,
    assess,
)
from impulsregion.planning.domain.suggestions import SearchWindow, suggest_dates
from impulsregion.planning.enums import HoldStatus
from impulsregion.planning.models import Hold, HoldNotice
from impulsregion.planning.reasons import problem_message
from impulsregion.region import rules
from impulsregion.region.models import Organisation


class PlanningError(Exception):
    """A use case refused: ``message`` is translated, ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class ProposalInput:
    start: date
    end: date
    municipality: str
    visitors: int = 0
    venue: int | None = None
    categories: Sequence[str] = ()
    families: bool = False
    organisation: str | None = None


def _proposal(data: ProposalInput) -> Proposal:
    return Proposal(
        start=data.start,
        end=data.end,
        municipality=data.municipality,
        venue=str(data.venue) if data.venue else None,
        organisation=data.organisation,
        categories=frozenset(data.categories),
        audiences=frozenset({"for_families"}) if data.families else frozenset(),
        expected_visitors=data.visitors,
    )


def _reject(error: ProposalError, data: ProposalInput) -> PlanningError:
    choices = ", ".join(queries.municipality_names())
    message = problem_message(error, data.municipality, choices=choices)
    return PlanningError(message, error.field_name)


def check_clashes(data: ProposalInput, *, user: Any, today: date) -> Assessment:
    """The clash radar for one proposed range; members also see holds and drafts."""
    internal = rules.can_view_internal(user)
    proposal, policy = _proposal(data), queries.planning_policy()
    relevance = queries.relevance_for(proposal, policy)
    last = data.end if data.start <= data.end <= data.start + timedelta(days=62) else data.start
    context = queries.clash_context(data.start, last, internal=internal, relevance=relevance)
    try:
        return assess(proposal, context, today=today, policy=policy)
    except ProposalError as error:
        raise _reject(error, data) from error


def suggest(
    data: ProposalInput,
    *,
    window_end: date,
    days: int,
    count: int,
    weekdays: frozenset[int] | None,
    user: Any,
    today: date,
) -> list[Assessment]:
    """The ``count`` best free ranges of ``days`` days between ``data.start`` and ``window_end``."""
    window = SearchWindow(data.start, window_end, days, weekdays)
    internal = rules.can_view_internal(user)
    proposal, policy = _proposal(data), queries.planning_policy()
    span_ok = window_end >= data.start and (window_end - data.start).days <= 731
    context = queries.clash_context(
        data.start,
        window_end if span_ok else data.start,
        internal=internal,
        relevance=queries.relevance_for(proposal, policy),
    )
    try:
        return suggest_dates(proposal, window, context, today=today, count=count, policy=policy)
    except ProposalError as error:
        raise _reject(error, data) from error


# --- holds -------------------------------------------------------------------------------


def create_hold(
    *,
    user: Any,
    organisation: Organisation,
    title: str,
    start: date,
    end: date,
    municipality: Organisation,
    deadline: date,
    today: date,
    expected_visitors: int = 0,
    place: Place | None = None,
    categories: Iterable[Category] = (),
    note: str = "",
) -> Hold:
    """Reserve days for a member; tells members whose holds conflict (by e-mail)."""
    if not rules.can_edit_organisation(user, organisation.pk):
        raise PlanningError(_("You may not reserve dates for this organisation."), status=403)
    data = ProposalInput(start, end, municipality.slug, expected_visitors)
    check_clashes(data, user=user, today=today)  # same validation as the radar
    if deadline < today or deadline > start:
        raise PlanningError(deadline_message(), "deadline")
    with transaction.atomic():
        hold = Hold.objects.create(
            organisation=organisation,
            title=title,
            start=start,
            end=end,
            municipality=municipality,
            place=place,
            expected_visitors=expected_visitors,
            deadline=deadline,
            note=note,
            created_by=user,
        )
        hold.categories.set(list(categories))
        transaction.on_commit(lambda: notify_hold_conflicts(today=today))
    return hold


def deadline_message() -> str:
    return _("The deadline must lie between today and the first day of the hold.")


def _decide(hold: Hold, user: Any, status: HoldStatus) -> None:
    if not rules.can_edit_organisation(user, hold.organisation_id):
        raise PlanningError(_("You may not change holds of this organisation."), status=403)
    if hold.status != HoldStatus.HELD:
        raise PlanningError(
            _("This hold is already %(status)s.") % {"status": hold.get_status_display()}
        )
    hold.status = status
    hold.decided_at = timezone.now()


def confirm_hold(*, hold: Hold, user: Any, today: date) -> Event:
    """Turn a hold into an event draft of its organisation (all-day, over the held days)."""
    if hold.deadline < today:
        raise PlanningError(_("The deadline of this hold has passed; reserve the dates again."))
    with transaction.atomic():
        hold = Hold.objects.select_for_update().get(pk=hold.pk)
        _decide(hold, user, HoldStatus.CONFIRMED)
        lower, upper = day_bounds(hold.start, hold.end)
        event = create_draft(
            organisation=hold.organisation,
            title_de=hold.title,
            span=Span(lower, upper, all_day=True),
            municipality=hold.municipality,
            user=user,
            place=hold.place,
            categories=hold.categories.all(),
            expected_visitors=hold.expected_visitors or None,
        )
        hold.event = event
        hold.save(update_fields=["status", "decided_at", "event"])
    return event


def release_hold(*, hold: Hold, user: Any) -> None:
    with transaction.atomic():
        hold = Hold.objects.select_for_update().get(pk=hold.pk)
        _decide(hold, user, HoldStatus.RELEASED)
        hold.save(update_fields=["status", "decided_at"])


def expire_holds(*, today: date) -> int:
    """Holds not confirmed by their deadline expire; returns how many."""
    with transaction.atomic():
        count = Hold.objects.filter(status=HoldStatus.HELD, deadline__lt=today).update(
            status=HoldStatus.EXPIRED, decided_at=timezone.now()
        )
        audit.log_bulk(
            Hold,
            action=audit.UPDATE,
            count=count,
            changes={"status": [str(HoldStatus.HELD), str(HoldStatus.EXPIRED)]},
        )
    return count


def notify_hold_conflicts(*, today: date) -> int:
    """E-mail each member whose active hold meets another member's new hold or event.

    Every (hold, other) pair is notified once (``HoldNotice``). Returns the e-mails sent.
    """
    holds = list(
        Hold.objects.filter(status=HoldStatus.HELD, end__gte=today).select_related(
            "organisation", "municipality"
        )
    )
    if not holds:
        return 0
    sent = 0
    for hold in holds:
        sent += _notify_one(hold, today)
    return sent


def _notify_one(hold: Hold, today: date) -> int:
    proposal = Proposal(
        start=max(hold.start, today),
        end=hold.end,
        municipality=hold.municipality.slug,
        venue=str(hold.place_id) if hold.place_id else None,
        expected_visitors=hold.expected_visitors,
        ignore_refs=frozenset({f"hold:{hold.pk}", f"event:{hold.event_id}"}),
    )
    policy = queries.planning_policy()
    context = queries.clash_context(
        hold.start, hold.end, internal=True, relevance=queries.relevance_for(proposal, policy)
    )
    relevant = {ConflictCode.MAJOR_EVENT, ConflictCode.VENUE_TAKEN}
    own = hold.organisation.short_name
    conflicts = [
        c
        for c in assess(proposal, context, today=today, policy=policy).conflicts
        if c.code in relevant
        and c.ref
        and not (c.kind == BookingKind.HOLD and c.organisation == own)
    ]
    known = set(hold.notices.values_list("about", flat=True))
    new = [c for c in conflicts if c.ref not in known]
    recipients = _recipients(hold.organisation)
    if not new:
        return 0
    with transaction.atomic():
        HoldNotice.objects.bulk_create([HoldNotice(hold=hold, about=c.ref or "") for c in new])
        audit.log_bulk(
            HoldNotice, action=audit.CREATE, count=len(new), changes={"hold": ["", str(hold.pk)]}
        )
    if not recipients:
        return 0
    lines = [
        f"- {c.title} ({c.organisation or ''}, {c.start:%d.%m.%Y}–{c.end:%d.%m.%Y})" for c in new
    ]
    send_mail(
        subject=_("Date clash with your hold “%(title)s”") % {"title": hold.title},
        message=_(
            "Another member has planned something on the days you reserved for “%(title)s” "
            "(%(start)s – %(end)s):\n\n%(lines)s\n\nPlease get in touch to coordinate the dates."
        )
        % {
            "title": hold.title,
            "start": f"{hold.start:%d.%m.%Y}",
            "end": f"{hold.end:%d.%m.%Y}",
            "lines": "\n".join(lines),
        },
        from_email=None,
        recipient_list=recipients,
    )
    return 1


def _recipients(organisation: Organisation) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(staff_roles__organisation=organisation, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def today_local() -> date:
    return timezone.localdate()


def as_local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


HOLD_DEFAULT_DEADLINE = timedelta(days=28)
