"""Intake and moderation: editors create and submit, the office publishes or rejects.

Edits to a published event by an organisation that is not trusted wait in
`pending_changes` until the office publishes them; the public keeps seeing the published
version meanwhile. Every step is a `ModerationDecision`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.sanitize import clean_html, one_line, plain_text
from impulsregion.calendar.domain.types import FIRST_YEAR, LAST_YEAR, Span, in_calendar_years
from impulsregion.calendar.enums import Decision, EventStatus, PublicStatus, SourceFormat
from impulsregion.calendar.models import (
    Category,
    Event,
    ModerationDecision,
    Occurrence,
    Place,
    Publisher,
)
from impulsregion.calendar.services.events import (
    categories_for,
    missing_for_publication,
    publication_problem,
    refresh_visibility,
    replace_occurrences,
    umbrella_problem,
)
from impulsregion.region import rules
from impulsregion.region.models import Organisation


class ModerationError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class EventInput:
    """What an editor (form or API) may set on an event."""

    title_de: str
    spans: Sequence[Span]
    title_en: str = ""
    short_de: str = ""
    short_en: str = ""
    description_de: str = ""
    description_en: str = ""
    status: str = EventStatus.SCHEDULED
    place_id: int | None = None
    parent_id: int | None = None
    categories: Sequence[str] = ()
    organiser: str = ""
    url: str = ""
    is_free: bool | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    price_text: str = ""
    ticket_url: str = ""
    for_families: bool = False
    access_wheelchair: bool = False
    expected_visitors: int | None = None
    publish_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def is_trusted(organisation: Organisation) -> bool:
    return Publisher.objects.filter(organisation=organisation, is_trusted=True).exists()


def _check(data: EventInput, *, organisation_id: int | None, event_id: int | None) -> None:
    if not plain_text(data.title_de):
        raise ModerationError(_("Enter a German title."), "title_de")
    if not data.spans:
        raise ModerationError(_("Enter at least one date."), "occurrences")
    for span in data.spans:
        if not all(in_calendar_years(m) for m in (span.start, span.end) if m is not None):
            raise ModerationError(
                _("A date lies outside the years %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                "occurrences",
            )
        if span.end is not None and span.end < span.start:
            raise ModerationError(_("A date ends before it starts."), "occurrences")
    if (
        data.price_min is not None
        and data.price_max is not None
        and data.price_max < data.price_min
    ):
        raise ModerationError(_("The highest price is lower than the lowest."), "price_max")
    if data.place_id is not None and not Place.objects.filter(pk=data.place_id).exists():
        raise ModerationError(_("Unknown venue."), "place_id")
    if data.parent_id is not None:
        parent = Event.objects.filter(pk=data.parent_id).first()
        if parent is None:
            raise ModerationError(_("Unknown umbrella event."), "parent_id")
        problem = umbrella_problem(
            organisation_id=organisation_id, event_id=event_id, parent=parent
        )
        if problem:
            raise ModerationError(problem, "parent_id")


SIMPLE_FIELDS = (
    "title_de",
    "title_en",
    "short_de",
    "short_en",
    "status",
    "place_id",
    "parent_id",
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


def apply_input(event: Event, data: EventInput) -> None:
    """Set `data` on `event` as a save would store it (the caller saves, or only shows it)."""
    for name in SIMPLE_FIELDS:
        setattr(event, name, getattr(data, name))
        event.field_sources[name.removesuffix("_id")] = "manual"
    # as the importers store them: texts without markup or control characters (a NUL is
    # refused by PostgreSQL), one-line names
    event.title_de = plain_text(data.title_de, 300)
    event.title_en = plain_text(data.title_en, 300)
    event.short_de = plain_text(data.short_de, 300)
    event.short_en = plain_text(data.short_en, 300)
    event.price_text = plain_text(data.price_text, 500)
    event.organiser = one_line(data.organiser)
    event.description_de = clean_html(data.description_de)
    event.description_en = clean_html(data.description_en)
    event.field_sources.update(description_de="manual", description_en="manual")


def _save_all(event: Event, data: EventInput, now: datetime) -> None:
    event.save()
    event.categories.set(categories_for(data.categories))
    replace_occurrences(event, data.spans)
    refresh_visibility(event, now)


@transaction.atomic
def create_event(
    *, organisation: Organisation, data: EventInput, user: Any, now: datetime
) -> Event:
    """A new draft of `organisation`, entered by hand (form or API)."""
    if not rules.can_edit_organisation(user, organisation.pk):
        raise ModerationError(_("You may not enter events for this organisation."))
    _check(data, organisation_id=organisation.pk, event_id=None)
    event = Event(organisation=organisation, source_format=SourceFormat.MANUAL, created_by=user)
    apply_input(event, data)
    _save_all(event, data, now)
    ModerationDecision.objects.create(event=event, action=Decision.CREATED, actor=user)
    return event


@transaction.atomic
def create_draft(
    *,
    organisation: Organisation,
    title_de: str,
    span: Span,
    municipality: Organisation | None,
    user: Any,
    place: Place | None = None,
    categories: Iterable[Category] = (),
    expected_visitors: int | None = None,
) -> Event:
    """A draft of `organisation` with one date in `municipality`, for another app's use case
    (planning turns a confirmed hold into one); nothing is published or reviewed yet."""
    if not rules.can_edit_organisation(user, organisation.pk):
        raise ModerationError(_("You may not enter events for this organisation."))
    event = Event.objects.create(
        organisation=organisation,
        title_de=title_de,
        place=place,
        expected_visitors=expected_visitors,
        public_status=PublicStatus.DRAFT,
        created_by=user,
    )
    event.categories.set(list(categories))
    Occurrence.objects.create(
        event=event,
        start=span.start,
        end=span.end,
        all_day=span.all_day,
        municipality=municipality,
    )
    return event


@transaction.atomic
def update_event(*, event: Event, data: EventInput, user: Any, now: datetime) -> Event:
    """Change an event; a published event of an untrusted organisation waits for review."""
    if not rules.can_edit_organisation(user, event.organisation_id):
        raise ModerationError(_("You may not change events of this organisation."))
    _check(data, organisation_id=event.organisation_id, event_id=event.pk)
    needs_review = (
        event.public_status == PublicStatus.PUBLISHED
        and not rules.is_office(user)
        and not is_trusted(event.organisation)
    )
    if needs_review:
        payload = asdict(data)
        payload["spans"] = [
            [s.start.isoformat(), s.end.isoformat() if s.end else None, s.all_day]
            for s in data.spans
        ]
        payload["publish_at"] = data.publish_at.isoformat() if data.publish_at else None
        payload["price_min"] = str(data.price_min) if data.price_min is not None else None
        payload["price_max"] = str(data.price_max) if data.price_max is not None else None
        event.pending_changes = payload
        event.save(update_fields=["pending_changes"])
        ModerationDecision.objects.create(event=event, action=Decision.EDIT_SUBMITTED, actor=user)
        return event
    apply_input(event, data)
    event.sequence += 1
    _save_all(event, data, now)
    return event


@transaction.atomic
def submit_event(*, event: Event, user: Any, now: datetime) -> Event:
    """Send a draft (or a rejected event) to the office; trusted organisations publish at once."""
    if not rules.can_edit_organisation(user, event.organisation_id):
        raise ModerationError(_("You may not submit events of this organisation."))
    if event.public_status not in (PublicStatus.DRAFT, PublicStatus.REJECTED):
        raise ModerationError(_("Only drafts and rejected events can be submitted."))
    problem = publication_problem(event)
    if problem:
        raise ModerationError(problem, "occurrences")
    event.public_status = PublicStatus.SUBMITTED
    event.rejection_reason = ""
    event.save(update_fields=["public_status", "rejection_reason"])
    ModerationDecision.objects.create(event=event, action=Decision.SUBMITTED, actor=user)
    if is_trusted(event.organisation):
        publish_unchecked(event, user=None, now=now, reason=_("trusted organisation"))
    return event


@transaction.atomic
def submit_from_public(
    *, organisation: Organisation, data: EventInput, now: datetime, note: str
) -> Event:
    """An event sent through the public form, its sender's address confirmed: created and
    submitted to the office at once, by no user. It is never published without the office's
    review, even when `organisation` (the association) is trusted."""
    _check(data, organisation_id=organisation.pk, event_id=None)
    event = Event(
        organisation=organisation,
        source_format=SourceFormat.MANUAL,
        public_status=PublicStatus.SUBMITTED,
    )
    apply_input(event, data)
    _save_all(event, data, now)
    problem = publication_problem(event)
    if problem:
        raise ModerationError(problem, "occurrences")
    for action in (Decision.CREATED, Decision.SUBMITTED):
        ModerationDecision.objects.create(event=event, action=action, actor=None, reason=note)
    return event


def pending_input(event: Event) -> EventInput | None:
    """The edit of `event` waiting for review, as `update_event` received it; None without."""
    pending = event.pending_changes
    if not pending:
        return None
    spans = [
        Span(datetime.fromisoformat(s), datetime.fromisoformat(e) if e else None, bool(a))
        for s, e, a in pending["spans"]
    ]
    return EventInput(
        **{
            **pending,
            "spans": spans,
            "publish_at": datetime.fromisoformat(pending["publish_at"])
            if pending["publish_at"]
            else None,
            "price_min": Decimal(pending["price_min"]) if pending["price_min"] else None,
            "price_max": Decimal(pending["price_max"]) if pending["price_max"] else None,
        }
    )


def publish_unchecked(event: Event, *, user: Any, now: datetime, reason: str = "") -> None:
    """Publish `event` with its pending edits; the caller has checked who may. Raises
    `ModerationError`, before changing anything, when the pending edits are not valid."""
    data = pending_input(event)
    if data is not None:
        # checked again: what was right when it was submitted may be wrong now (the chosen
        # umbrella has become a programme item meanwhile)
        _check(data, organisation_id=event.organisation_id, event_id=event.pk)
        problem = missing_for_publication(
            has_dates=bool(data.spans),
            has_place=data.place_id is not None,
            is_online=event.is_online,
            url=data.url,
        )
        if problem:
            raise ModerationError(problem, "occurrences")
        apply_input(event, data)
        event.categories.set(categories_for(data.categories))
        replace_occurrences(event, data.spans)
        event.sequence += 1
        event.pending_changes = {}
    else:
        problem = publication_problem(event)
        if problem:
            raise ModerationError(problem, "occurrences")
    event.public_status = PublicStatus.PUBLISHED
    event.rejection_reason = ""
    event.public_from = event.publish_at or now
    event.save()
    refresh_visibility(event, now)
    ModerationDecision.objects.create(
        event=event, action=Decision.PUBLISHED, actor=user, reason=reason
    )


@transaction.atomic
def publish_event(*, event: Event, user: Any, now: datetime) -> Event:
    """The office publishes (at `publish_at`, if an embargo is set), including pending edits."""
    if not rules.is_office(user):
        raise ModerationError(_("Only the regional office publishes events."))
    if event.public_status == PublicStatus.PUBLISHED and not event.pending_changes:
        raise ModerationError(_("The event is already published."))
    publish_unchecked(event, user=user, now=now)
    return event


@transaction.atomic
def reject_event(*, event: Event, user: Any, reason: str, now: datetime) -> Event:
    """The office rejects a submission (or a pending edit) and says why."""
    if not rules.is_office(user):
        raise ModerationError(_("Only the regional office rejects events."))
    reason = plain_text(reason, 2000)
    if not reason:
        raise ModerationError(_("Give a reason for the rejection."), "reason")
    if event.pending_changes:
        event.pending_changes = {}
        event.save(update_fields=["pending_changes"])
    elif event.public_status != PublicStatus.SUBMITTED:
        raise ModerationError(_("Only submitted events can be rejected."))
    else:
        event.public_status = PublicStatus.REJECTED
        event.rejection_reason = reason
        event.save(update_fields=["public_status", "rejection_reason"])
        refresh_visibility(event, now)
    ModerationDecision.objects.create(
        event=event, action=Decision.REJECTED, actor=user, reason=reason
    )
    return event
