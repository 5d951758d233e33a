"""A member editor enters an event's dates in the back office: single dates, and a recurring
rule (weekly, monthly "every 4th Sunday") that is kept, previewed and turned into the
event's dates; bad rules are refused with one sentence and nothing is written."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from impulsregion.calendar.admin_dates import SERIES_MESSAGES
from impulsregion.calendar.domain.recurrence import series_dates
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event, EventSeries, Occurrence
from impulsregion.calendar.services.series import rule_of, write_series_dates
from tests.e2e_support import form_fields
from tests.factories.calendar import make_event, organisation

pytestmark = [pytest.mark.integration]

NEXT_YEAR = dt.date.today().year + 1


def _event_form(org_pk: int, title: str, **fields: Any) -> dict[str, Any]:
    return {
        "organisation": str(org_pk),
        "title_de": title,
        "status": "scheduled",
        "is_free": "unknown",
        "currency": "EUR",
        "licence": "CC BY 4.0",
        "images": "[]",
        "occurrences-TOTAL_FORMS": "0",
        "occurrences-INITIAL_FORMS": "0",
        "series-TOTAL_FORMS": "0",
        "series-INITIAL_FORMS": "0",
        "uploaded_images-TOTAL_FORMS": "0",  # the images' rows, where the form has them
        "uploaded_images-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        **fields,
    }


def _rule(**parts: Any) -> dict[str, Any]:
    values = {
        "kind": "weekly",
        "interval": "1",
        "first_date": f"{NEXT_YEAR}-03-01",
        "start_time": "19:30",
        "end_time": "21:00",
        **parts,
    }
    return {
        "series-TOTAL_FORMS": "1",
        **{f"series-0-{name}": value for name, value in values.items()},
    }


def _local(event: Event) -> list[str]:
    return [
        f"{o.start.astimezone(BERLIN):%a %d.%m. %H:%M}–{o.end.astimezone(BERLIN):%H:%M}"
        for o in event.occurrences.order_by("start")
    ]


@pytest.fixture
def jena_editor(region_data, client: Client, editor_user) -> Client:
    client.force_login(editor_user(organisation("jena")))
    return client


def test_an_editor_saves_a_weekly_rule_and_its_dates_become_the_events_dates(
    jena_editor: Client,
) -> None:
    jena = organisation("jena")
    form = _event_form(
        jena.pk,
        "Offene Probe",
        **_rule(weekdays=["1", "3"], count="5", exceptions=f"04.03.{NEXT_YEAR}"),
    )

    answer = jena_editor.post("/admin/calendar/event/add/", form)

    assert answer.status_code == 302, answer.content.decode()[-3000:]
    event = Event.objects.get(title_de="Offene Probe")
    y = NEXT_YEAR
    expected_days = [
        d
        for d in (
            dt.date(y, 3, 2),
            dt.date(y, 3, 4),
            dt.date(y, 3, 9),
            dt.date(y, 3, 11),
            dt.date(y, 3, 16),
        )
        if d != dt.date(y, 3, 4)
    ]
    assert [o.start.astimezone(BERLIN).date() for o in event.occurrences.order_by("start")] == (
        expected_days
    )
    assert {o.start.astimezone(BERLIN).strftime("%H:%M") for o in event.occurrences.all()} == {
        "19:30"
    }
    series = EventSeries.objects.get(event=event)
    assert (series.kind, series.weekdays, series.count, series.exceptions) == (
        "weekly",
        [1, 3],
        5,
        [f"{y}-03-04"],
    )
    assert series.dates.count() == 4


def test_changing_the_rule_replaces_its_dates_and_keeps_the_single_dates(
    jena_editor: Client,
) -> None:
    jena = organisation("jena")
    form = _event_form(
        jena.pk,
        "Sonntagsführung",
        **_rule(
            kind="monthly_weekday",
            weekdays=["6"],
            week_of_month="4",
            count="3",
            start_time="11:00",
            end_time="12:00",
        ),
        **{
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-day": f"{NEXT_YEAR}-02-14",
            "occurrences-0-start_time": "15:00",
            "occurrences-0-end_time": "16:00",
        },
    )
    assert jena_editor.post("/admin/calendar/event/add/", form).status_code == 302
    event = Event.objects.get(title_de="Sonntagsführung")
    path = f"/admin/calendar/event/{event.pk}/change/"
    fields = dict(form_fields(jena_editor.get(path).content.decode(), "event_form"))

    answer = jena_editor.post(
        path, {**fields, "series-0-count": "", "series-0-until": f"{NEXT_YEAR}-05-31"}
    )

    assert answer.status_code == 302, html.unescape(answer.content.decode())[-3000:]
    days = [o.start.astimezone(BERLIN) for o in event.occurrences.order_by("start")]
    fourth_sundays = [
        next(
            d
            for d in (dt.date(NEXT_YEAR, month, 22) + dt.timedelta(days=i) for i in range(7))
            if d.weekday() == 6
        )
        for month in (3, 4, 5)
    ]
    assert [d.date() for d in days] == [dt.date(NEXT_YEAR, 2, 14), *fourth_sundays]
    assert EventSeries.objects.get(event=event).dates.count() == 3
    assert Occurrence.objects.filter(event=event, series_link__isnull=True).count() == 1


def test_the_preview_lists_the_dates_of_every_fourth_sunday_without_saving(
    jena_editor: Client,
) -> None:
    rule = _rule(kind="monthly_weekday", weekdays=["6"], week_of_month="4", count="2")
    rule["series-0-first_date"] = "2030-01-01"

    answer = jena_editor.post("/admin/calendar/event/series-preview/", rule)

    text = " ".join(html.unescape(answer.content.decode()).split())
    assert answer.status_code == 200
    assert "Sonntag, 27. Januar 2030, 19:30–21:00" in text
    assert "Sonntag, 24. Februar 2030, 19:30–21:00" in text
    assert Event.objects.count() == 0
    assert EventSeries.objects.count() == 0


@pytest.mark.parametrize(
    ("parts", "sentence"),
    [
        pytest.param({"weekdays": ["0"]}, "Give an end date or a number of dates.", id="no-end"),
        pytest.param(
            {"weekdays": ["0"], "until": f"{NEXT_YEAR}-02-01"},
            "The end date lies before the first date.",
            id="until-before-first",
        ),
        pytest.param(
            {"weekdays": ["0", "1", "2", "3", "4", "5", "6"], "until": f"{NEXT_YEAR + 2}-12-31"},
            "The rule makes more than 400 dates. Give an earlier end date or a smaller number "
            "of dates.",
            id="too-many",
        ),
        pytest.param(
            {"weekdays": ["0"], "count": "3", "first_date": "2020-01-06"},
            "The first date lies in the past. Enter a date from today on.",
            id="first-date-past",
        ),
        pytest.param({"count": "3"}, "Choose at least one weekday.", id="no-weekday"),
        pytest.param(
            {"weekdays": ["0"], "count": "3", "exceptions": "Heiligabend"},
            "“Heiligabend” is not a date. Write dates as 24.12.2026, separated by commas.",
            id="bad-exception",
        ),
    ],
)
def test_a_bad_rule_is_refused_with_one_sentence_and_nothing_is_written(
    jena_editor: Client, parts: dict[str, Any], sentence: str
) -> None:
    form = _event_form(organisation("jena").pk, "Kaputte Reihe", **_rule(**parts))

    answer = jena_editor.post("/en/admin/calendar/event/add/", form)
    preview = jena_editor.post("/en/admin/calendar/event/series-preview/", _rule(**parts))

    assert answer.status_code == 200
    assert sentence in html.unescape(answer.content.decode())
    assert sentence in html.unescape(preview.content.decode())
    assert Event.objects.count() == 0
    assert EventSeries.objects.count() == 0
    assert Occurrence.objects.count() == 0


def test_the_rule_without_end_says_so_in_german_on_german_pages(jena_editor: Client) -> None:
    answer = jena_editor.post("/admin/calendar/event/series-preview/", _rule(weekdays=["0"]))

    with translation.override("de"):
        german = str(SERIES_MESSAGES["no-end"])
    assert german in html.unescape(answer.content.decode())


def test_a_single_date_in_the_past_is_refused(jena_editor: Client) -> None:
    form = _event_form(
        organisation("jena").pk,
        "Gestern",
        **{
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-day": "2020-05-01",
            "occurrences-0-start_time": "20:00",
        },
    )

    answer = jena_editor.post("/en/admin/calendar/event/add/", form)

    assert answer.status_code == 200
    assert "This date lies in the past. Enter a date from today on." in html.unescape(
        answer.content.decode()
    )
    assert Event.objects.count() == 0


def test_single_dates_all_day_over_days_and_overnight(jena_editor: Client) -> None:
    y = NEXT_YEAR
    form = _event_form(
        organisation("jena").pk,
        "Ausstellung und Nacht",
        **{
            "occurrences-TOTAL_FORMS": "2",
            "occurrences-0-day": f"{y}-06-01",
            "occurrences-0-end_day": f"{y}-06-03",
            "occurrences-0-all_day": "on",
            "occurrences-1-day": f"{y}-06-05",
            "occurrences-1-start_time": "22:00",
            "occurrences-1-end_time": "02:00",
        },
    )

    assert jena_editor.post("/admin/calendar/event/add/", form).status_code == 302

    event = Event.objects.get(title_de="Ausstellung und Nacht")
    spans = [
        (o.start.astimezone(BERLIN), o.end.astimezone(BERLIN), o.all_day)
        for o in event.occurrences.order_by("start")
    ]
    assert spans == [
        (dt.datetime(y, 6, 1, tzinfo=BERLIN), dt.datetime(y, 6, 4, tzinfo=BERLIN), True),
        (dt.datetime(y, 6, 5, 22, tzinfo=BERLIN), dt.datetime(y, 6, 6, 2, tzinfo=BERLIN), False),
    ]


def test_an_editor_of_another_member_cannot_preview_its_rule_or_see_its_dates(
    region_data, client: Client, editor_user
) -> None:
    weimar_event = make_event("Weimarer Reihe", org=organisation("weimar"), published=False)
    series = EventSeries.objects.create(
        event=weimar_event, first_date=dt.date(NEXT_YEAR, 1, 1), weekdays=[0], count=2
    )
    client.force_login(editor_user(organisation("jena")))

    page = client.get(f"/admin/calendar/event/{weimar_event.pk}/change/")
    preview = client.post(
        "/admin/calendar/event/series-preview/",
        {**_rule(weekdays=["0"], count="2"), "series-0-id": str(series.pk)},
    )

    assert page.status_code == 302  # a draft of another member: not found, back to the start
    assert preview.status_code == 200  # a preview of the typed rule, the stored one not read
    assert "Weimarer" not in preview.content.decode()


def test_a_board_member_cannot_ask_for_a_preview(region_data, client: Client, make_user) -> None:
    client.force_login(make_user("vorstand", role="board", organisation=organisation("jena")))

    answer = client.post("/admin/calendar/event/series-preview/", _rule(weekdays=["0"], count="2"))

    assert answer.status_code == 403


def test_a_board_member_reads_the_rule_and_its_dates(
    region_data, client: Client, make_user
) -> None:
    jena = organisation("jena")
    event = make_event("Sonntagsführung", org=jena, starts=())
    series = EventSeries.objects.create(
        event=event,
        kind="weekly",
        first_date=dt.date(NEXT_YEAR, 1, 4),
        start_time=dt.time(10),
        weekdays=[0],
        count=2,
    )
    write_series_dates(series, series_dates(rule_of(series), BERLIN).spans)
    client.force_login(make_user("vorstand", role="board", organisation=jena))

    page = html.unescape(client.get(f"/admin/calendar/event/{event.pk}/change/").content.decode())

    assert 'name="series-0-kind"' not in page  # nothing to change
    assert f"Montag, 4. Januar {NEXT_YEAR}" in page.replace("\xa0", " ")


def test_deleting_the_rule_deletes_its_dates_and_keeps_the_single_dates(
    jena_editor: Client,
) -> None:
    form = _event_form(
        organisation("jena").pk,
        "Probe",
        **_rule(weekdays=["0"], count="3"),
        **{
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-day": f"{NEXT_YEAR}-02-14",
            "occurrences-0-start_time": "15:00",
        },
    )
    assert jena_editor.post("/admin/calendar/event/add/", form).status_code == 302
    event = Event.objects.get(title_de="Probe")
    path = f"/admin/calendar/event/{event.pk}/change/"
    fields = dict(form_fields(jena_editor.get(path).content.decode(), "event_form"))

    answer = jena_editor.post(path, {**fields, "series-0-DELETE": "on"})

    assert answer.status_code == 302
    assert EventSeries.objects.count() == 0
    assert [o.start.astimezone(BERLIN).date() for o in event.occurrences.all()] == [
        dt.date(NEXT_YEAR, 2, 14)
    ]
