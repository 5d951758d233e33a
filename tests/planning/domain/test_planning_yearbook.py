from datetime import date, time

import pytest

from impulsregion.planning.domain.typography import (
    NBSP,
    Lang,
    format_date,
    format_date_range,
    format_time,
    typographic_quotes,
)
from impulsregion.planning.domain.yearbook import EmptyYearbookError, yearbook_document
from tests.factories.planning import make_yearbook, make_yearbook_entry

pytestmark = pytest.mark.domain


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        pytest.param(
            date(2027, 6, 19), date(2027, 6, 19), Lang.DE, "19. Juni 2027", id="de-single"
        ),
        pytest.param(
            date(2027, 6, 19), date(2027, 6, 20), Lang.DE, "19.–20. Juni 2027", id="de-same-month"
        ),
        pytest.param(
            date(2027, 6, 30),
            date(2027, 7, 2),
            Lang.DE,
            "30. Juni – 2. Juli 2027",
            id="de-two-months",
        ),
        pytest.param(
            date(2027, 12, 30),
            date(2028, 1, 2),
            Lang.DE,
            "30. Dezember 2027 – 2. Januar 2028",
            id="de-two-years",
        ),
        pytest.param(
            date(2027, 6, 19), date(2027, 6, 20), Lang.EN, "19–20 June 2027", id="en-same-month"
        ),
        pytest.param(
            date(2027, 3, 1),
            date(2027, 2, 1),
            Lang.EN,
            "1 March 2027",
            id="en-end-before-start-shows-start",
        ),
    ],
)
def test_format_date_range_uses_non_breaking_spaces(
    start: date, end: date, lang: Lang, expected: str
) -> None:
    assert format_date_range(start, end, lang).replace(NBSP, " ") == expected
    assert " " not in format_date_range(start, end, lang).replace(" – ", "")


def test_format_date_with_weekday_and_time() -> None:
    assert (
        format_date(date(2027, 6, 19), Lang.DE, weekday=True) == f"Sa,{NBSP}19.{NBSP}Juni{NBSP}2027"
    )
    assert (
        format_date(date(2027, 6, 19), Lang.EN, weekday=True) == f"Sat{NBSP}19{NBSP}June{NBSP}2027"
    )
    assert format_time(time(19, 5), Lang.DE) == f"19:05{NBSP}Uhr"
    assert format_time(time(19, 5), Lang.EN) == "19:05"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param('Das "Kunstfest" beginnt', Lang.DE, "Das „Kunstfest“ beginnt", id="de-pair"),
        pytest.param('The "Kunstfest" starts', Lang.EN, "The “Kunstfest” starts", id="en-pair"),
        pytest.param("Goethe's Garten", Lang.EN, "Goethe’s Garten", id="apostrophe"),
        pytest.param('ein " allein', Lang.DE, 'ein " allein', id="unpaired-left-alone"),
    ],
)
def test_typographic_quotes(text: str, lang: Lang, expected: str) -> None:
    assert typographic_quotes(text, lang) == expected


def test_document_orders_months_and_builds_indexes() -> None:
    doc = yearbook_document(make_yearbook())

    assert [m["name"] for m in doc["months"]] == ["Juni", "Juli"]
    assert [e["title"] for e in doc["months"][1]["entries"]] == [
        "Kulturarena",
        "DomStufen-Festspiele",
    ]
    assert (
        doc["months"][1]["entries"][1]["when"].replace(NBSP, " ")
        == "30. Juli – 22. August 2027, 20:30 Uhr"
    )
    assert (
        doc["months"][0]["entries"][0]["summary"]
        == "Das „größte Altstadtfest“ Thüringens rund um die Brücke."
    )
    assert [(g["name"], [e["title"] for e in g["entries"]]) for g in doc["index_city"]] == [
        ("Erfurt", ["Krämerbrückenfest", "DomStufen-Festspiele"]),
        ("Jena", ["Kulturarena"]),
    ]
    assert [g["name"] for g in doc["index_category"]] == ["Fest", "Musik", "Theater"]
    assert [
        (g["city"], [(v["name"], v["address"]) for v in g["venues"]]) for g in doc["venues"]
    ] == [
        (
            "Erfurt",
            [
                ("Domplatz", "Domplatz, 99084 Erfurt"),
                ("Krämerbrücke", "Krämerbrücke, 99084 Erfurt"),
            ],
        ),
        ("Jena", [("Theaterhaus Jena", "Schillergäßchen 1, 07745 Jena")]),
        ("Weimar", [("Deutsches Nationaltheater", "Theaterplatz 2, 99423 Weimar")]),
    ]


def test_umbrella_event_is_indexed_under_each_town() -> None:
    entry = make_yearbook_entry(
        city="Erfurt, Weimar, Jena", towns=("Erfurt", "Weimar", "Jena"), venue_key=None
    )
    doc = yearbook_document(make_yearbook((entry,)))
    assert [g["name"] for g in doc["index_city"]] == ["Erfurt", "Jena", "Weimar"]


def test_uncategorised_entries_get_their_own_index_group() -> None:
    doc = yearbook_document(make_yearbook((make_yearbook_entry(categories=()),)))
    assert [g["name"] for g in doc["index_category"]] == ["Sonstiges"]


def test_year_without_highlights_is_an_error() -> None:
    with pytest.raises(EmptyYearbookError, match="No highlights selected for 2028"):
        yearbook_document(make_yearbook(year=2028))


def test_entry_without_town_is_listed_for_the_whole_region() -> None:
    labels = {"region": "In der ganzen Region"}
    doc = yearbook_document(make_yearbook((make_yearbook_entry(city=""),), labels=labels))
    assert doc["months"][0]["entries"][0]["city"] == "In der ganzen Region"
    assert [g["name"] for g in doc["index_city"]] == ["In der ganzen Region"]
