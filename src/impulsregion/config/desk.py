"""The desk: what waits for whom, at the top of the back office's start page.

The office sees the region's work (events to review, duplicates, holds, failing feeds,
register filings), each a count with a link to the list or page where it is done; a board
member reads the same counts; a member's editors see their own organisations' part (drafts,
rejected events with the office's reason, events waiting, their holds and feeds). It reads
several apps, so it lives in ``config``, the one app that may import them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from impulsregion.agreements.services.admissions import due_filings
from impulsregion.calendar import queries as calendar_queries
from impulsregion.calendar.enums import DuplicateState, PublicStatus
from impulsregion.calendar.models import DuplicateProposal, Event, FeedSubscription
from impulsregion.calendar.models.subscription import in_trouble_q
from impulsregion.planning import queries as planning_queries
from impulsregion.planning.models import Hold
from impulsregion.region import rules
from impulsregion.region.models import Organisation

WAITING_SHOWN = 5  # waiting events the office's desk names, each with its review link
REJECTED_SHOWN = 10  # rejected events an editor's desk names, each with the reason


@dataclass(frozen=True)
class Item:
    """One line of the desk: how many, what, and where it is done."""

    key: str
    text: str
    count: int
    url: str
    note: str = ""
    action: tuple[str, str] | None = None  # a link to do the first step at once: (text, url)


@dataclass(frozen=True)
class Entry:
    """An event named on the desk: its title, a note (organisation, reason) and its page."""

    title: str
    note: str
    url: str


@dataclass
class Section:
    heading: str
    intro: str
    items: list[Item]
    waiting: list[Entry] = field(default_factory=list)
    rejected: list[Entry] = field(default_factory=list)


def desk(user: Any, *, today: date) -> list[Section]:
    """The desk of `user`: the office's, a board member's and/or an editor's part."""
    office = rules.is_office(user)
    sections = []
    if office:
        sections.append(_region_section(today, office=True))
    elif rules.is_board_member(user):
        sections.append(_region_section(today, office=False))
    own = sorted(rules.editable_organisation_ids(user))
    if own and not office:
        sections.append(_member_section(own, today))
    return sections


def start_title(user: Any) -> str:
    """The start page's heading: the site's own (the office's) or, for members, this."""
    return "" if rules.is_office(user) else _("Start page")


# --- feeds --------------------------------------------------------------------------------


def failing_feeds_url() -> str:
    return _list("calendar", "feedsubscription", urlencode({"health": "trouble"}))


def _counted(key: str, text: Any, count: int, url: str, *rest: Any) -> Item:
    """A line saying how many: `text` is a lazy plural with the number as ``count``."""
    return Item(key, text % {"count": count}, count, url, *rest)


# --- sections -----------------------------------------------------------------------------


def _region_section(today: date, *, office: bool) -> Section:
    waiting = Event.objects.filter(calendar_queries.waiting_for_review()).aggregate(
        total=Count("pk"), edits=Count("pk", filter=Q(public_status=PublicStatus.PUBLISHED))
    )
    first = _first_waiting() if office else []
    review = _counted(
        "review",
        ngettext_lazy(
            "%(count)s event waiting for review", "%(count)s events waiting for review", "count"
        ),
        waiting["total"],
        _list("calendar", "event", "todo=review"),
        _review_note(waiting["edits"]),
        (_("Review the first one"), first[0].url) if first else None,
    )
    items = [
        review,
        _duplicates(),
        *_holds(Hold.objects.all(), today),
        _feeds(FeedSubscription.objects.all()),
        _filings(today),
    ]
    return Section(
        _("To do"),
        "" if office else _("You read along; the regional office decides."),
        items,
        waiting=first,
    )


def _member_section(own: list[int], today: date) -> Section:
    events = Event.objects.filter(organisation_id__in=own)
    counts = events.aggregate(
        drafts=Count("pk", filter=Q(public_status=PublicStatus.DRAFT)),
        rejected=Count("pk", filter=Q(public_status=PublicStatus.REJECTED)),
        waiting=Count("pk", filter=calendar_queries.waiting_for_review()),
    )
    names = ", ".join(Organisation.objects.filter(pk__in=own).values_list("name", flat=True))
    items = [
        _counted(
            "drafts",
            ngettext_lazy(
                "%(count)s draft not yet submitted", "%(count)s drafts not yet submitted", "count"
            ),
            counts["drafts"],
            _list("calendar", "event", "todo=drafts"),
        ),
        _counted(
            "rejected",
            ngettext_lazy(
                "%(count)s event rejected by the regional office",
                "%(count)s events rejected by the regional office",
                "count",
            ),
            counts["rejected"],
            _list("calendar", "event", "todo=rejected"),
        ),
        _counted(
            "waiting",
            ngettext_lazy(
                "%(count)s event waiting for the regional office's review",
                "%(count)s events waiting for the regional office's review",
                "count",
            ),
            counts["waiting"],
            _list("calendar", "event", "todo=review"),
        ),
        *_holds(Hold.objects.filter(organisation_id__in=own), today),
        _feeds(FeedSubscription.objects.filter(organisation_id__in=own)),
    ]
    rejected = events.filter(public_status=PublicStatus.REJECTED).order_by("-updated_at", "pk")
    return Section(
        _("To do for %(names)s") % {"names": names},
        "",
        items,
        rejected=[
            Entry(e.title_de, e.rejection_reason, _change("calendar", "event", e.pk))
            for e in rejected.only("pk", "title_de", "rejection_reason")[:REJECTED_SHOWN]
        ],
    )


def _review_note(edits: int) -> str:
    if not edits:
        return ""
    return ngettext(
        "of these, %(count)s edit of a published event",
        "of these, %(count)s edits of published events",
        edits,
    ) % {"count": edits}


def _first_waiting() -> list[Entry]:
    rows = (
        calendar_queries.review_queue()
        .select_related("organisation")
        .only("pk", "title_de", "public_status", "organisation__short_name")[:WAITING_SHOWN]
    )
    return [
        Entry(
            event.title_de,
            _("%(organisation)s, edit") % {"organisation": event.organisation.short_name}
            if event.public_status == PublicStatus.PUBLISHED
            else event.organisation.short_name,
            reverse("admin:calendar_event_review", args=[event.pk]),
        )
        for event in rows
    ]


def _duplicates() -> Item:
    count = DuplicateProposal.objects.filter(state=DuplicateState.OPEN).count()
    return _counted(
        "duplicates",
        ngettext_lazy(
            "%(count)s possible duplicate to decide",
            "%(count)s possible duplicates to decide",
            "count",
        ),
        count,
        _list("calendar", "duplicateproposal", "state__exact=open"),
    )


def _holds(holds: QuerySet[Hold], today: date) -> list[Item]:
    expiring = holds.filter(pk__in=planning_queries.holds_expiring(today).values("pk")).count()
    clashing = holds.filter(pk__in=planning_queries.holds_clashing(today).values("pk")).count()
    return [
        _counted(
            "holds-expiring",
            ngettext_lazy(
                "%(count)s hold expires within a week unless confirmed",
                "%(count)s holds expire within a week unless confirmed",
                "count",
            ),
            expiring,
            _list("planning", "hold", "attention=expiring"),
        ),
        _counted(
            "holds-clashing",
            ngettext_lazy(
                "%(count)s hold with a reported date clash",
                "%(count)s holds with a reported date clash",
                "count",
            ),
            clashing,
            _list("planning", "hold", "attention=clashing"),
        ),
    ]


def _feeds(subscriptions: QuerySet[FeedSubscription]) -> Item:
    count = subscriptions.filter(in_trouble_q()).count()
    return _counted(
        "feeds",
        ngettext_lazy(
            "%(count)s feed subscription failed at its last fetch",
            "%(count)s feed subscriptions failed at their last fetch",
            "count",
        ),
        count,
        failing_feeds_url(),
    )


def _filings(today: date) -> Item:
    count = len(due_filings(today))
    return _counted(
        "filings",
        ngettext_lazy(
            "%(count)s register filing to act on", "%(count)s register filings to act on", "count"
        ),
        count,
        _list("agreements", "registerfiling", "due=act"),
    )


def _list(app: str, model: str, query: str) -> str:
    return f"{reverse(f'admin:{app}_{model}_changelist')}?{query}"


def _change(app: str, model: str, pk: int) -> str:
    return reverse(f"admin:{app}_{model}_change", args=[pk])
