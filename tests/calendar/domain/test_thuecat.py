from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsregion.calendar.domain.region import in_region, municipality_of
from impulsregion.calendar.domain.thuecat import parse_thuecat
from impulsregion.calendar.domain.types import BERLIN, UnusableSource, Window

pytestmark = pytest.mark.domain

THUECAT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "thuecat"
WINDOW = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
PLACES = [p.read_bytes() for p in sorted((THUECAT / "places").glob("*.json"))]

# event file → local start times (Europe/Berlin) or the problem code
EXPECTED = {
    "e_100771372-hubev.json": [
        "2026-02-22 19:00",
        "2026-06-28 17:00",
        "2026-09-27 19:00",
        "2026-10-25 19:00",
        "2026-11-22 19:00",
        "2026-12-27 19:00",
    ],
    "e_101155560-hubev.json": ["2026-05-17 14:00"],
    "e_101176534-hubev.json": ["2026-09-20 11:00"],
    "e_19542-hubev.json": ["2026-11-29 18:00"],
    "e_19542-keywords.json": ["2026-11-29 18:00"],
    "e_19c21523-dateonly.json": ["2026-12-01 00:00"],
    "e_19c21523-noenddate.json": ["2026-12-01 08:00"],
    "e_19c21523-notimes.json": ["2026-12-01 08:00"],
    "e_19c21523-tdm.json": ["2026-12-01 08:00"],
    "e_19c21523-timedisagree.json": ["2026-12-01 08:00"],
    "e_349b798696b77c81995d71a99b4460d1-emptysched.json": "no-dates",
    "e_349b798696b77c81995d71a99b4460d1-kcev.json": [
        "2026-12-08 17:00",
        "2026-12-19 17:00",
        "2026-12-26 17:00",
    ],
    "e_7cbe5bb1-excepted.json": "no-dates",
    "e_7cbe5bb1-nosched.json": "no-dates",
    "e_7cbe5bb1-past.json": "no-dates",
    "e_7cbe5bb1-shortened-tdm.json": ["2026-12-03 14:00", "2026-12-10 14:00"],
    "e_7cbe5bb1-tdm.json": [
        "2026-12-03 14:00",
        "2026-12-10 14:00",
        "2026-12-24 14:00",
        "2026-12-31 14:00",
    ],
    "e_7cbe5bb1-tdm_first-version.json": [
        "2026-12-03 14:00",
        "2026-12-10 14:00",
        "2026-12-24 14:00",
        "2026-12-31 14:00",
    ],
    "e_7cbe5bb1-untitled.json": "no-title",
    "e_7cbe5bb1-unusable.json": "no-usable-weekday",
    "e_c2247636-1646-49cc-8bdb-7de62be323bb-tdm.json": ["2026-08-30 17:00"],
    "e_mixed_gallery-tdm.json": "no-dates",
    "e_two_inline_media-tdm.json": "no-dates",
}


def test_every_shipped_event_file_is_listed() -> None:
    assert sorted(p.name for p in (THUECAT / "events").glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_event_file_yields_local_dates_or_a_problem(name: str) -> None:
    result = parse_thuecat([(THUECAT / "events" / name).read_bytes(), *PLACES], window=WINDOW)

    if isinstance(EXPECTED[name], str):
        assert [p.code for p in result.problems] == [EXPECTED[name]]
        assert result.events == ()
    else:
        (event,) = result.events
        assert [
            s.start.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") for s in event.spans
        ] == EXPECTED[name]


def test_fourth_sunday_series_keeps_seven_pm_across_the_clock_change() -> None:
    (event,) = parse_thuecat(
        [(THUECAT / "events" / "e_100771372-hubev.json").read_bytes()], window=WINDOW
    ).events

    series = [s.start.isoformat() for s in event.spans[2:]]

    assert series == [
        "2026-09-27T19:00:00+02:00",
        "2026-10-25T19:00:00+01:00",
        "2026-11-22T19:00:00+01:00",
        "2026-12-27T19:00:00+01:00",
    ]
    assert event.spans[3].end.isoformat() == "2026-10-25T20:30:00+01:00"
    assert event.price.ticket_url.startswith("https://www.eventbrite.de/")


def _with_times(node: object, start: str, end: str) -> object:
    """`node` with every schedule's start and end time of day replaced."""
    if isinstance(node, list):
        return [_with_times(n, start, end) for n in node]
    if not isinstance(node, dict):
        return node
    found = {k: _with_times(v, start, end) for k, v in node.items()}
    if "schema:startTime" in found:
        found["schema:startTime"] = {"@type": "schema:Time", "@value": start}
        found["schema:endTime"] = {"@type": "schema:Time", "@value": end}
    return found


@pytest.mark.parametrize(
    ("end", "expected"), [("19:00:00", None), ("01:30:00", "2026-09-28T01:30:00+02:00")]
)
def test_an_end_time_repeating_the_start_means_no_end(end: str, expected: str | None) -> None:
    document = json.loads((THUECAT / "events" / "e_100771372-hubev.json").read_bytes())
    data = json.dumps(_with_times(document, "19:00:00", end)).encode()

    (event,) = parse_thuecat([data], window=WINDOW).events

    september = next(s for s in event.spans if s.start.month == 9)
    assert september.start.isoformat() == "2026-09-27T19:00:00+02:00"
    assert (september.end.isoformat() if september.end else None) == expected


def test_all_day_event_covers_three_whole_days() -> None:
    (event,) = parse_thuecat(
        [(THUECAT / "events" / "e_19c21523-dateonly.json").read_bytes()], window=WINDOW
    ).events

    (span,) = event.spans

    assert (span.all_day, span.start.isoformat(), span.end.isoformat()) == (
        True,
        "2026-12-01T00:00:00+01:00",
        "2026-12-04T00:00:00+01:00",
    )


def test_bilingual_names_and_html_description() -> None:
    files = ["e_c2247636-1646-49cc-8bdb-7de62be323bb-tdm.json", "e_7cbe5bb1-tdm.json"]
    sonic, tour = (
        parse_thuecat([(THUECAT / "events" / f).read_bytes()], window=WINDOW).events[0]
        for f in files
    )

    assert (sonic.title_de, sonic.title_en) == (
        "Konzert Sonic Spaces - Räume für Neue Musik",
        "Sonic Spaces Concert - Spaces for New Music",
    )
    assert (
        tour.description_de
        == "<p>Dies ist eine Testveranstaltung der Erfurt Tourismus und Marketing GmbH.</p>"
    )
    assert tour.url == "https://www.erfurt-tourismus.de"


@pytest.mark.parametrize(
    ("name", "ags", "inside"),
    [
        pytest.param("e_100771372-hubev.json", "16053000", True, id="jena-by-postcode"),
        pytest.param(
            "e_7cbe5bb1-tdm.json", "16051000", True, id="erfurt-by-referenced-place-regional-key"
        ),
        pytest.param("e_19542-hubev.json", "", False, id="gotha-outside"),
        pytest.param("e_101155560-hubev.json", "", False, id="rudolstadt-outside"),
    ],
)
def test_region_is_decided_by_municipality_key(name: str, ags: str, inside: bool) -> None:
    (event,) = parse_thuecat(
        [(THUECAT / "events" / name).read_bytes(), *PLACES], window=WINDOW
    ).events

    municipality = municipality_of(event.place)

    assert municipality.ags == ags
    assert in_region(municipality.ags, ["16051000", "16053000", "16055000", "16071"]) is inside


def test_images_carry_credit_and_licence() -> None:
    data = (THUECAT / "events" / "e_7cbe5bb1-tdm_first-version.json").read_bytes()

    (image,) = parse_thuecat([data], window=WINDOW).events[0].images

    assert "Kremer" in image.credit
    assert image.licence


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"{not json", "not-json", id="not-json"),
        pytest.param(b'"just a string"', "not-jsonld", id="not-jsonld"),
        pytest.param(
            (THUECAT / "sync" / "get-updated-nodes.json").read_bytes(),
            "not-jsonld",
            id="sync-answer",
        ),
        pytest.param(
            (THUECAT / "places" / "town-translated.json").read_bytes(),
            "no-events",
            id="only-places",
        ),
    ],
)
def test_unusable_documents_are_rejected(data: bytes, code: str) -> None:
    with pytest.raises(UnusableSource) as rejection:
        parse_thuecat([data], window=WINDOW)

    assert rejection.value.code == code


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@id",
                    "@type",
                    "@value",
                    "@language",
                    "schema:name",
                    "schema:startDate",
                    "schema:endDate",
                    "schema:eventSchedule",
                    "schema:byDay",
                    "schema:repeatFrequency",
                    "schema:location",
                    "schema:startTime",
                    "schema:byMonthWeek",
                    "schema:offers",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values, max_size=3))
def test_parser_never_crashes(nodes: list[object]) -> None:
    document = {
        "@graph": [{"@type": "schema:Event", **n} if isinstance(n, dict) else n for n in nodes]
    }
    with contextlib.suppress(UnusableSource):
        parse_thuecat([json.dumps(document).encode()], window=WINDOW)


OTHER_FILES = sorted(
    str(p.relative_to(THUECAT)) for p in THUECAT.rglob("*.json") if p.parent.name != "events"
)


@pytest.mark.parametrize("name", OTHER_FILES)
def test_files_without_events_are_rejected_with_a_reason(name: str) -> None:
    expected = "not-jsonld" if name.startswith("sync/") else "no-events"

    with pytest.raises(UnusableSource) as rejection:
        parse_thuecat([(THUECAT / name).read_bytes()], window=WINDOW)

    assert rejection.value.code == expected
