from datetime import date

import pytest
from django.core import mail
from django.utils import translation
from django.utils.timezone import localtime

from impulsregion.calendar.models import Event
from impulsregion.planning import services
from impulsregion.planning.enums import HoldStatus
from impulsregion.planning.models import Hold, HoldNotice
from tests.factories.planning import (
    make_kraemerbrueckenfest,
    make_region_towns,
)
from tests.factories.region import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 11, 24)


@pytest.fixture
def towns():  # type: ignore[no-untyped-def]
    return make_region_towns()


def hold_for(user, org, town, **kw):  # type: ignore[no-untyped-def]
    values = {
        "title": "Stadtfest",
        "start": date(2027, 6, 19),
        "end": date(2027, 6, 20),
        "deadline": date(2027, 3, 1),
        "expected_visitors": 20_000,
    }
    values.update(kw)
    return services.create_hold(
        user=user, organisation=org, municipality=town, today=TODAY, **values
    )


def test_conflicting_hold_notifies_the_other_member_once(
    towns, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    jena_editor = make_user(
        "jena-ed", role="editor", organisation=towns["jena"], email="kultur@jena.example"
    )
    weimar_editor = make_user(
        "weimar-ed", role="editor", organisation=towns["weimar"], email="kultur@weimar.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = hold_for(jena_editor, towns["jena"], towns["jena"], title="Jenaer Sommernacht")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        hold_for(weimar_editor, towns["weimar"], towns["weimar"], title="Weimarer Lichtspiele")

    assert [m.to for m in mail.outbox] == [["kultur@jena.example"], ["kultur@weimar.example"]]
    assert "Jenaer Sommernacht" in mail.outbox[0].subject
    assert "Weimarer Lichtspiele" in mail.outbox[0].body
    assert services.notify_hold_conflicts(today=TODAY) == 0
    assert HoldNotice.objects.filter(hold=first).count() == 1


def test_new_event_conflicting_with_a_hold_is_reported_by_the_cron_run(towns) -> None:  # type: ignore[no-untyped-def]
    editor = make_user(
        "jena-ed", role="editor", organisation=towns["jena"], email="kultur@jena.example"
    )
    hold_for(editor, towns["jena"], towns["jena"])
    make_kraemerbrueckenfest(towns["erfurt"])

    assert services.notify_hold_conflicts(today=TODAY) == 1
    assert "Krämerbrückenfest" in mail.outbox[-1].body


def test_editor_cannot_hold_for_another_member(towns) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    with (
        translation.override("de"),
        pytest.raises(services.PlanningError, match="keine Termine vormerken"),
    ):
        hold_for(editor, towns["weimar"], towns["weimar"])
    assert Hold.objects.count() == 0


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        pytest.param({"start": date(2026, 1, 1), "end": date(2026, 1, 2)}, "past", id="past"),
        pytest.param({"end": date(2027, 6, 1)}, "end lies before", id="reversed"),
        pytest.param({"deadline": date(2027, 7, 1)}, "deadline", id="deadline-after-start"),
    ],
)
def test_bad_holds_are_rejected_and_change_nothing(towns, kw, message) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    with translation.override("en"), pytest.raises(services.PlanningError, match=message):
        hold_for(editor, towns["jena"], towns["jena"], **kw)
    assert Hold.objects.count() == 0


def test_confirmed_hold_becomes_an_event_draft(towns) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    hold = hold_for(editor, towns["jena"], towns["jena"], title="Jenaer Sommernacht")

    event = services.confirm_hold(hold=hold, user=editor, today=TODAY)

    hold.refresh_from_db()
    assert hold.status == HoldStatus.CONFIRMED
    assert hold.event == event
    assert (event.title_de, event.public_status, event.organisation) == (
        "Jenaer Sommernacht",
        "draft",
        towns["jena"],
    )
    occurrence = event.occurrences.get()
    assert occurrence.all_day is True
    assert (localtime(occurrence.start).date(), localtime(occurrence.end).date()) == (
        date(2027, 6, 19),
        date(2027, 6, 21),
    )
    with pytest.raises(services.PlanningError):
        services.confirm_hold(hold=hold, user=editor, today=TODAY)
    assert Event.objects.count() == 1


def test_expire_holds_past_deadline(towns) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    hold = hold_for(editor, towns["jena"], towns["jena"], deadline=date(2027, 1, 10))

    assert services.expire_holds(today=date(2027, 1, 10)) == 0
    assert services.expire_holds(today=date(2027, 1, 11)) == 1
    hold.refresh_from_db()
    assert hold.status == HoldStatus.EXPIRED


def test_holds_are_visible_to_members_only(towns, client) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    hold_for(editor, towns["jena"], towns["jena"], title="Jenaer Sommernacht")
    params = {
        "start": "2027-06-19",
        "end": "2027-06-20",
        "municipality": "weimar",
        "visitors": 20000,
    }

    public = client.get("/api/v1/coordination/clashes", params).json()
    client.force_login(make_user("weimar-ed", role="editor", organisation=towns["weimar"]))
    member = client.get("/api/v1/coordination/clashes", params).json()

    assert [c["code"] for c in public["conflicts"]] == []
    assert [(c["code"], c["title"]) for c in member["conflicts"]] == [
        ("major_event", "Jenaer Sommernacht")
    ]
