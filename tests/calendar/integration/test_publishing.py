from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Event, ModerationDecision
from impulsregion.calendar.services.importing import import_events
from impulsregion.calendar.services.moderation import (
    EventInput,
    ModerationError,
    publish_event,
    update_event,
)
from impulsregion.calendar.services.publishing import publish_events
from tests.factories.calendar import hall, make_event, make_place, organisation

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
START = dt.datetime(2027, 3, 6, 19, 30, tzinfo=BERLIN)


def _ics(*titles: str) -> bytes:
    events = [
        f"BEGIN:VEVENT\r\nUID:{n}@test\r\nSUMMARY:{title}\r\n"
        "LOCATION:Volkshaus\\, Carl-Zeiß-Platz 15\\, 07743 Jena\r\n"
        f"DTSTART;TZID=Europe/Berlin:2027030{n + 1}T193000\r\nEND:VEVENT\r\n"
        for n, title in enumerate(titles)
    ]
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{''.join(events)}END:VCALENDAR\r\n".encode()


def _submitted(title: str, **fields) -> Event:  # type: ignore[no-untyped-def]
    fields.setdefault("public_status", PublicStatus.SUBMITTED)
    return make_event(title, starts=(START,), published=False, **fields)


def test_imported_submissions_are_on_the_api_and_feed_once_published(
    db, client, office_user
) -> None:
    jena = organisation("jena")
    import_events(
        documents=[_ics("Orgelnacht", "Lesung im Park")],
        source_format="ics",
        organisation=jena,
        source_key="ics:jena:test",
        now=NOW,
    )
    before = client.get("/api/v1/events").json()["items"]

    report = publish_events(
        events=Event.objects.values_list("pk", flat=True), user=office_user.pk, now=NOW
    )

    titles = sorted(i["title_de"] for i in client.get("/api/v1/events").json()["items"])
    feed = client.get("/feeds/events.ics").content.decode()
    assert before == []
    assert (report.published, report.skipped) == (2, [])
    assert titles == ["Lesung im Park", "Orgelnacht"]
    assert "SUMMARY:Orgelnacht" in feed
    assert "SUMMARY:Lesung im Park" in feed
    assert sorted(ModerationDecision.objects.values_list("action", "actor")) == [
        (Decision.PUBLISHED, office_user.pk),
        (Decision.PUBLISHED, office_user.pk),
    ]


def test_an_event_that_cannot_be_published_stays_as_it_is_and_is_named(
    db, client, office_user
) -> None:
    waiting = _submitted("Kammerkonzert")
    done = make_event("Stadtführung", starts=(START,))

    report = publish_events(events=[waiting.pk, done.pk, 999_999], user=office_user, now=NOW)

    assert report.published == 1
    assert report.skipped == [
        (done.pk, "Stadtführung", "Die Veranstaltung ist bereits veröffentlicht."),
        (999_999, "", "Die Veranstaltung gibt es nicht mehr."),
    ]
    assert report.as_dict()["skipped"][0] == (
        done.pk,
        "Stadtführung",
        "Die Veranstaltung ist bereits veröffentlicht.",
    )
    assert list(done.decisions.all()) == []
    assert Event.objects.get(pk=done.pk).public_from == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_only_the_office_publishes_and_a_refusal_changes_nothing(db, editor_user) -> None:
    jena = organisation("jena")
    event = _submitted("Kammerkonzert", org=jena)

    with pytest.raises(
        ModerationError, match=r"Nur die Geschäftsstelle veröffentlicht Veranstaltungen\."
    ):
        publish_events(events=[event.pk], user=editor_user(jena), now=NOW)

    event.refresh_from_db()
    assert (event.public_status, event.public_from) == (PublicStatus.SUBMITTED, None)


def _kinds() -> dict[str, dict[str, object]]:
    weimar = organisation("weimar")
    return {
        "draft": {"public_status": PublicStatus.DRAFT},
        "rejected": {"public_status": PublicStatus.REJECTED, "rejection_reason": "Ohne Ort"},
        "embargoed": {"publish_at": dt.datetime(2027, 1, 15, 8, tzinfo=dt.UTC)},
        "withdrawn": {"withdrawn_at": NOW - dt.timedelta(days=1)},
        "merged": {"merged_into": make_event("Original", starts=(START,))},
        "venue-elsewhere": {"place": make_place("Stadthalle", municipality=weimar)},
        "member-without-ags": {"org": organisation("kulturverein", ags="")},
    }


def _state(event: Event) -> tuple[object, ...]:
    event.refresh_from_db()
    return (
        event.public_status,
        event.rejection_reason,
        event.public_from,
        event.updated_at,
        event.sequence,
        sorted(event.occurrences.values_list("public_from", "municipality_id")),
        list(event.decisions.values_list("action", "actor", "reason")),
    )


@pytest.mark.parametrize(
    "kind",
    [
        "draft",
        "rejected",
        "embargoed",
        "withdrawn",
        "merged",
        "venue-elsewhere",
        "member-without-ags",
    ],
)
def test_bulk_publishing_leaves_what_publish_event_leaves(db, office_user, kind: str) -> None:
    fields = _kinds()[kind]
    one = _submitted("Einzeln", **fields)
    many = _submitted("Gesammelt", **fields)

    publish_event(event=one, user=office_user, now=NOW)
    publish_events(events=Event.objects.filter(pk=many.pk), user=office_user, now=NOW)

    assert _state(many) == _state(one)


def test_a_pending_edit_is_applied_on_publishing(db, editor_user, office_user) -> None:
    jena = organisation("jena")
    event = make_event("Sommerkonzert", org=jena, starts=(START,), place=hall(jena))
    edit = EventInput(
        title_de="Sommerkonzert (verlegt)", spans=[Span(START, None)], place_id=event.place_id
    )
    update_event(event=event, data=edit, user=editor_user(jena), now=NOW)

    report = publish_events(events=[event.pk], user=office_user, now=NOW)

    event.refresh_from_db()
    assert report.published == 1
    assert (event.title_de, event.pending_changes, event.sequence) == (
        "Sommerkonzert (verlegt)",
        {},
        1,
    )


def test_a_run_leaves_one_audit_entry_per_bulk_write_and_reports_progress(db, office_user) -> None:
    ids = [_submitted(f"Konzert {n}").pk for n in range(3)]
    calls: list[tuple[int, int]] = []
    LogEntry.objects.all().delete()

    publish_events(
        events=ids, user=office_user, now=NOW, progress=lambda d, t: calls.append((d, t))
    )

    entries = LogEntry.objects.order_by("pk")
    assert [(e.content_type.model, e.object_pk, e.changes) for e in entries] == [
        ("event", "", {"count": ["0", "3"], "public_status": ["submitted", "published"]}),
        ("moderationdecision", "", {"count": ["0", "3"], "action": ["", "published"]}),
    ]
    assert {e.actor_id for e in entries} == {office_user.pk}
    assert entries[0].content_type == ContentType.objects.get_for_model(Event)
    assert calls[-1] == (3, 3)


def test_admin_action_publishes_and_names_what_it_skipped(db, client, office_user) -> None:
    waiting = _submitted("Kammerkonzert")
    done = make_event("Stadtführung", starts=(START,))
    client.force_login(office_user)

    response = client.post(
        "/admin/calendar/event/",
        {"action": "publish", "_selected_action": [waiting.pk, done.pk]},
        follow=True,
    )

    shown = [str(m) for m in response.context["messages"]]
    waiting.refresh_from_db()
    assert waiting.public_status == PublicStatus.PUBLISHED
    assert shown == [
        "Stadtführung: Die Veranstaltung ist bereits veröffentlicht.",
        "1 Veranstaltung veröffentlicht.",
    ]
