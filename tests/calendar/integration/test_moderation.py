from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Occurrence
from impulsregion.calendar.services.moderation import (
    EventInput,
    ModerationError,
    create_event,
    publish_event,
    reject_event,
    submit_event,
    update_event,
)
from tests.factories.calendar import hall, organisation, trust

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
START = dt.datetime(2026, 7, 4, 20, tzinfo=BERLIN)


def _input(title: str = "Sommerkonzert", **kw) -> EventInput:  # type: ignore[no-untyped-def]
    kw.setdefault("place_id", hall(organisation("jena")).pk)
    return EventInput(title_de=title, spans=[Span(START, START + dt.timedelta(hours=2))], **kw)


def test_editor_creates_submits_and_office_publishes(db, editor_user, office_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)

    event = create_event(organisation=jena, data=_input(), user=editor, now=NOW)
    submit_event(event=event, user=editor, now=NOW)
    publish_event(event=event, user=office_user, now=NOW)

    assert event.public_status == PublicStatus.PUBLISHED
    assert list(event.decisions.values_list("action", flat=True)) == [
        Decision.CREATED,
        Decision.SUBMITTED,
        Decision.PUBLISHED,
    ]
    assert Occurrence.objects.get(event=event).public_from == NOW


def test_editor_cannot_touch_another_organisation_or_publish(db, editor_user) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    editor = editor_user(jena)
    event = create_event(organisation=jena, data=_input(), user=editor, now=NOW)

    with pytest.raises(
        ModerationError,
        match=r"Sie dürfen für diese Organisation keine Veranstaltungen eintragen\.",
    ):
        create_event(organisation=weimar, data=_input(), user=editor, now=NOW)
    with pytest.raises(
        ModerationError, match=r"Nur die Geschäftsstelle veröffentlicht Veranstaltungen\."
    ):
        publish_event(event=event, user=editor, now=NOW)


def test_rejection_needs_a_reason_and_is_logged(db, editor_user, office_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)
    event = submit_event(
        event=create_event(organisation=jena, data=_input(), user=editor, now=NOW),
        user=editor,
        now=NOW,
    )

    with pytest.raises(ModerationError, match=r"Geben Sie einen Grund für die Ablehnung an\."):
        reject_event(event=event, user=office_user, reason="  ", now=NOW)
    reject_event(event=event, user=office_user, reason="Datum fehlt im Text", now=NOW)

    assert (event.public_status, event.rejection_reason) == (
        PublicStatus.REJECTED,
        "Datum fehlt im Text",
    )
    assert event.decisions.last().actor == office_user


def test_edit_of_published_event_waits_for_review_unless_trusted(
    db, editor_user, office_user
) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    editor, trusted_editor = editor_user(jena), editor_user(weimar, "weimar-editor")
    trust(weimar)
    event = create_event(organisation=jena, data=_input(), user=editor, now=NOW)
    submit_event(event=event, user=editor, now=NOW)
    publish_event(event=event, user=office_user, now=NOW)

    update_event(event=event, data=_input("Sommerkonzert (neu)"), user=editor, now=NOW)
    event.refresh_from_db()
    waiting_title = event.title_de
    publish_event(event=event, user=office_user, now=NOW)
    trusted = submit_event(
        event=create_event(
            organisation=weimar, data=_input("Lesung"), user=trusted_editor, now=NOW
        ),
        user=trusted_editor,
        now=NOW,
    )

    assert waiting_title == "Sommerkonzert"
    assert (event.title_de, event.pending_changes, event.sequence) == ("Sommerkonzert (neu)", {}, 1)
    assert trusted.public_status == PublicStatus.PUBLISHED


def test_publish_at_embargo_hides_until_then(db, editor_user, office_user) -> None:
    jena = organisation("jena")
    editor = editor_user(jena)
    embargo = NOW + dt.timedelta(days=2)
    event = create_event(organisation=jena, data=_input(publish_at=embargo), user=editor, now=NOW)
    submit_event(event=event, user=editor, now=NOW)

    publish_event(event=event, user=office_user, now=NOW)

    assert Occurrence.objects.filter(public_from__lte=NOW).count() == 0
    assert Occurrence.objects.filter(public_from__lte=embargo).count() == 1
