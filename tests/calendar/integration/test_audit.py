"""The audit log: one entry per import run with its counts; per-object entries for decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, ImportRun, ModerationDecision, Occurrence
from impulsregion.calendar.services.importing import import_events
from impulsregion.calendar.services.moderation import EventInput, create_event, publish_event
from tests.factories.calendar import make_event, organisation

pytestmark = pytest.mark.integration

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
%s
END:VCALENDAR
"""
VEVENT = b"""BEGIN:VEVENT
UID:%s
SUMMARY:%s
DTSTART;TZID=Europe/Berlin:20260704T200000
LOCATION:Volkshaus, Carl-Zeiss-Platz 15, 07743 Jena
END:VEVENT"""


def _feed(*events: tuple[bytes, bytes]) -> bytes:
    return ICS % b"\n".join(VEVENT % e for e in events)


def _import(document: bytes, *, now: dt.datetime, user=None, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return import_events(
        documents=[document],
        source_format="ics",
        organisation=organisation("jena"),
        source_key="ics:jena:feed",
        now=now,
        user=user,
        dry_run=dry_run,
    )


def _counts(entry: LogEntry) -> dict[str, str]:
    names = ("created", "updated", "unchanged", "withdrawn", "rejected", "duplicates")
    return {name: entry.changes_dict[name][1] for name in names}


def test_import_run_leaves_one_entry_with_its_counts_and_actor(db, editor_user, now) -> None:
    editor = editor_user(organisation("jena"))
    LogEntry.objects.all().delete()

    _import(_feed((b"a", b"Lesung"), (b"b", b"Konzert"), (b"c", b"Tanz")), now=now, user=editor)

    entry = LogEntry.objects.get()
    run = ImportRun.objects.get()
    assert (entry.content_type, entry.object_pk, entry.action, entry.actor) == (
        ContentType.objects.get_for_model(ImportRun),
        str(run.pk),
        LogEntry.Action.CREATE,
        editor,
    )
    assert _counts(entry) == {
        "created": "3",
        "updated": "0",
        "unchanged": "0",
        "withdrawn": "0",
        "rejected": "0",
        "duplicates": "0",
    }
    assert entry.changes_dict["source_key"] == ["None", "ics:jena:feed"]


def test_reimport_adds_one_entry_per_run_and_none_per_row(db, now) -> None:
    _import(_feed((b"a", b"Lesung"), (b"b", b"Konzert"), (b"c", b"Tanz")), now=now)
    later = now + dt.timedelta(hours=1)
    LogEntry.objects.all().delete()

    _import(_feed((b"a", b"Lesung (neu)"), (b"b", b"Konzert")), now=later)

    entry = LogEntry.objects.get()
    assert (entry.object_pk, entry.actor) == (str(ImportRun.objects.latest("pk").pk), None)
    assert _counts(entry) == {
        "created": "0",
        "updated": "1",
        "unchanged": "1",
        "withdrawn": "1",
        "rejected": "0",
        "duplicates": "0",
    }


def test_dry_run_leaves_no_entry(db, now) -> None:
    organisation("jena")
    LogEntry.objects.all().delete()

    _import(_feed((b"a", b"Lesung")), now=now, dry_run=True)

    assert (Event.objects.count(), LogEntry.objects.count()) == (0, 0)


def _entries(model: type, pk: int) -> list[tuple[int, dict[str, list[str]], object]]:
    return [
        (e.action, e.changes_dict, e.actor)
        for e in LogEntry.objects.get_for_objects(model.objects.filter(pk=pk)).order_by("pk")
    ]


def test_office_publishing_leaves_entries_for_the_event_and_the_decision(
    db, client, office_user
) -> None:
    """Single publishing (publish_event) saves: one entry per event and decision."""
    event = make_event("Lesung", published=False, public_status=PublicStatus.SUBMITTED)
    LogEntry.objects.all().delete()

    with set_actor(office_user):  # as auditlog's middleware does during a request
        publish_event(event=event, user=office_user, now=timezone.now())

    (action, changes, actor), *_ = _entries(Event, event.pk)
    decision = ModerationDecision.objects.get(event=event)
    assert (action, changes["public_status"], actor) == (
        LogEntry.Action.UPDATE,
        ["submitted", "published"],
        office_user,
    )
    assert [(a, c["action"], u) for a, c, u in _entries(ModerationDecision, decision.pk)] == [
        (LogEntry.Action.CREATE, ["None", "published"], office_user)
    ]


def test_admin_publishing_leaves_one_entry_per_bulk_write(db, client, office_user) -> None:
    """The admin action publishes in bulk (publish_events): one entry for the events' update
    and one for their decisions, each with the count; the decision rows name the actor."""
    events = [
        make_event(t, published=False, public_status=PublicStatus.SUBMITTED)
        for t in ("Lesung", "Konzert")
    ]
    LogEntry.objects.all().delete()
    client.force_login(office_user)

    client.post(
        "/admin/calendar/event/",
        {"action": "publish", "_selected_action": [e.pk for e in events]},
    )

    entries = [
        (e.content_type.model, e.object_pk, e.changes_dict, e.actor)
        for e in LogEntry.objects.order_by("pk")
    ]
    assert entries == [
        (
            "event",
            "",
            {"count": ["0", "2"], "public_status": ["submitted", "published"]},
            office_user,
        ),
        ("moderationdecision", "", {"count": ["0", "2"], "action": ["", "published"]}, office_user),
    ]
    assert sorted(ModerationDecision.objects.values_list("event_id", "actor")) == sorted(
        (e.pk, office_user.pk) for e in events
    )


def test_office_rejection_leaves_entries_for_the_event_and_the_decision(
    db, client, office_user
) -> None:
    event = make_event(
        "Lesung",
        published=False,
        public_status=PublicStatus.SUBMITTED,
        rejection_reason="Datum fehlt",
    )
    LogEntry.objects.all().delete()
    client.force_login(office_user)

    client.post("/admin/calendar/event/", {"action": "reject", "_selected_action": [event.pk]})

    decision = ModerationDecision.objects.get(event=event)
    assert [(a, c["public_status"], u) for a, c, u in _entries(Event, event.pk)] == [
        (LogEntry.Action.UPDATE, ["submitted", "rejected"], office_user)
    ]
    assert [(a, c["reason"], u) for a, c, u in _entries(ModerationDecision, decision.pk)] == [
        (LogEntry.Action.CREATE, ["None", "Datum fehlt"], office_user)
    ]


def test_dates_written_at_once_leave_one_entry_with_their_count(db, editor_user, now) -> None:
    jena = organisation("jena")
    first = dt.datetime(2026, 7, 4, 20, tzinfo=BERLIN)
    spans = [Span(first), Span(first + dt.timedelta(days=7))]

    event = create_event(
        organisation=jena,
        data=EventInput(title_de="Lesung", spans=spans),
        user=editor_user(jena),
        now=now,
    )

    kind = ContentType.objects.get_for_model(Occurrence)
    assert [e.changes_dict for e in LogEntry.objects.filter(content_type=kind)] == [
        {"count": ["0", "2"], "event": ["", str(event.pk)]}
    ]
