from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import EventStatus
from impulsregion.calendar.models import Category, Place
from tests.factories.calendar import make_event, make_place, organisation

pytestmark = pytest.mark.integration

H = dt.timedelta(hours=1)
SOON = dt.datetime.now(tz=BERLIN).replace(microsecond=0) + dt.timedelta(days=3)


def _events(n: int) -> None:
    place = make_place()
    for i in range(n):
        make_event(
            f"Konzert {i}",
            place=place,
            starts=(SOON + dt.timedelta(hours=i),),
            categories=("music",),
            short_de="Ein Abend mit Musik",
        )


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/kalender/", id="list"),
        pytest.param("/feeds/events.atom", id="atom"),
        pytest.param("/feeds/events.ics", id="ics"),
        pytest.param("/feeds/events.jsonld", id="json-ld"),
        pytest.param("/api/v1/events", id="api"),
        pytest.param(f"/kalender/monat/{SOON.year}/{SOON.month}/", id="month"),
    ],
)
def test_list_query_count_is_the_same_for_one_and_three_items(db, client, url: str) -> None:
    organisation("jena", ags="16053000")
    _events(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _events(2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url + "?x=1")

    assert response.status_code == 200
    assert len(one) == len(three)


@pytest.mark.parametrize(
    "path", ["/feeds/events.ics", "/feeds/events.atom", "/feeds/events.jsonld"]
)
def test_a_warm_feed_is_served_from_the_cache_whatever_unknown_parameters_it_gets(
    db, client, path: str
) -> None:
    organisation("jena", ags="16053000")
    _events(3)
    first = client.get(path)
    with CaptureQueriesContext(connection) as warm:
        again = client.get(path + "?junk=1&utm_source=newsletter")

    assert again.content == first.content
    assert len(warm) == 1  # the data version; the body comes from the cache


def test_list_filters_by_municipality_category_free_and_text(db, client) -> None:
    jena, weimar = organisation("jena", ags="16053000"), organisation("weimar", ags="16055000")
    make_event(
        "Orgelkonzert im Dom", org=jena, place=make_place(), starts=(SOON,), categories=("music",)
    )
    make_event("Lesung am Frauenplan", org=weimar, starts=(SOON,), is_free=True)

    by_town = client.get("/kalender/?municipality=weimar").content.decode()
    by_text = client.get("/kalender/?q=orgelkonzert").content.decode()
    by_free = client.get("/kalender/?free=on").content.decode()

    assert "Lesung am Frauenplan" in by_town
    assert "Orgelkonzert" not in by_town
    assert "Orgelkonzert im Dom" in by_text
    assert "Lesung" not in by_text
    assert "Lesung am Frauenplan" in by_free
    assert "Orgelkonzert" not in by_free


def test_a_renamed_venue_or_category_shows_at_once_in_the_cached_list(db, client) -> None:
    _events(1)
    client.get("/kalender/")  # renders and keeps the list item
    Place.objects.update(name="Volkshaus Jena")
    Category.objects.filter(slug="music").update(name_de="Konzerte")

    page = client.get("/kalender/").content.decode()

    assert "Volkshaus Jena" in page
    assert ">Konzerte</span>" in page


def test_unpublished_and_embargoed_events_stay_hidden(db, client) -> None:
    organisation("jena", ags="16053000")
    draft = make_event("Entwurf", published=False, starts=(SOON,))
    make_event(
        "Sperrfrist", starts=(SOON,), public_from=dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1)
    )

    page = client.get("/kalender/").content.decode()

    assert "Entwurf" not in page
    assert "Sperrfrist" not in page
    assert client.get(reverse("calendar:event", kwargs={"pk": draft.pk})).status_code == 404


def test_event_page_has_dates_venue_map_ics_and_jsonld(db, client) -> None:
    organisation("jena", ags="16053000")
    event = make_event(
        "Jazz im Volkshaus",
        place=make_place(),
        starts=(SOON, SOON + dt.timedelta(days=7)),
        price_min="12.00",
        price_max="18.00",
        status=EventStatus.CANCELLED,
        description_de="<p>Mit Band</p>",
    )

    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])

    assert response.status_code == 200
    assert html.count("<time datetime=") >= 2
    assert "openstreetmap.org" in html
    assert f"/feeds/events/{event.pk}.ics" in html
    assert data[0]["name"] == "Jazz im Volkshaus"
    assert data[0]["eventStatus"] == "https://schema.org/EventCancelled"
    assert data[0]["location"]["address"]["postalCode"] == "07743"
    assert data[0]["startDate"] == SOON.isoformat()


def test_jsonld_cannot_break_out_of_its_script(db, client) -> None:
    organisation("jena", ags="16053000")
    event = make_event("</script><script>alert(1)</script>", starts=(SOON,))

    html = client.get(event.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html


def test_month_view_is_a_table_with_caption_and_headers(db, client) -> None:
    organisation("jena", ags="16053000")
    make_event("Monatskonzert", starts=(SOON,))

    html = client.get(
        reverse("calendar:month", kwargs={"year": SOON.year, "month": SOON.month})
    ).content.decode()

    assert "<caption>" in html
    assert html.count('scope="col"') == 7
    assert "Monatskonzert" in html


def test_month_view_shows_four_dates_a_day_and_links_the_others(db, client) -> None:
    organisation("jena", ags="16053000")
    day = dt.datetime(2026, 3, 12, 10, tzinfo=BERLIN)
    for hour in range(6):
        make_event(f"Führung {hour}", starts=(day + dt.timedelta(hours=hour),))
    make_event(
        "Buchmesse",
        starts=(dt.datetime(2026, 3, 11, tzinfo=BERLIN),),
        duration=dt.timedelta(days=3),
        all_day=True,
    )
    make_event(
        "Winterausstellung",
        starts=(dt.datetime(2026, 2, 20, 10, tzinfo=BERLIN),),
        duration=dt.timedelta(days=30),
    )

    html = client.get("/kalender/monat/2026/3/").content.decode()

    assert html.count("Buchmesse") == 3  # 11 to 13 March
    assert html.count("Winterausstellung") == 1  # on the 1st: it began in February
    shown = [f"Führung {hour}" for hour in range(6) if f"Führung {hour}" in html]
    assert shown == ["Führung 0", "Führung 1", "Führung 2"]  # after the book fair
    assert "3 weitere Veranstaltungen" in html
    assert "?start=2026-03-12&amp;end=2026-03-12" in html


def _german_day(day: dt.date) -> str:
    weekdays = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August")
    months += ("September", "Oktober", "November", "Dezember")
    return f"{weekdays[day.weekday()]}, {day.day}.\xa0{months[day.month - 1]} {day.year}"


def test_days_are_named_by_the_local_date_not_the_utc_one(db, client) -> None:
    """An all-day date begins at local midnight, which is the evening before in UTC."""
    fair_day = (SOON + dt.timedelta(days=10)).date()
    midnight = dt.datetime.combine(fair_day, dt.time(0), tzinfo=BERLIN)
    fair = make_event(
        "Zwiebelmarkt", starts=(midnight,), duration=dt.timedelta(days=1), all_day=True
    )
    make_event("Mitternachtskonzert", starts=(midnight + dt.timedelta(days=1, minutes=30),))

    listing = client.get("/kalender/").content.decode()
    page = client.get(fair.get_absolute_url()).content.decode()
    embed = client.get(reverse("calendar:embed", kwargs={"slug": "jena"})).content.decode()

    for day in (fair_day, fair_day + dt.timedelta(days=1)):
        heading = f'<time datetime="{day.isoformat()}">{_german_day(day)}</time>'
        assert listing.count(heading) == 1
        assert embed.count(heading) == 1
    assert f'<time datetime="{fair_day.isoformat()}">{_german_day(fair_day)}</time>' in page


def test_a_festival_of_several_days_keeps_its_days_in_jsonld_and_atom(db, client) -> None:
    first = (SOON + dt.timedelta(days=10)).date()
    midnight = dt.datetime.combine(first, dt.time(0), tzinfo=BERLIN)
    fest = make_event(
        "Zwiebelmarkt", starts=(midnight,), duration=dt.timedelta(days=3), all_day=True
    )

    html = client.get(fest.get_absolute_url()).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    atom = client.get("/feeds/events.atom").content.decode()

    assert (data[0]["startDate"], data[0]["endDate"]) == (
        first.isoformat(),
        (first + dt.timedelta(days=2)).isoformat(),
    )
    assert f"<title>{first:%d.%m.%Y} – Zwiebelmarkt</title>" in atom


def test_an_umbrella_event_lists_its_programme_by_time_with_venues(db, client) -> None:
    organisation("jena", ags="16053000")
    weimar = organisation("weimar", ags="16055000")
    evening = SOON.replace(hour=18, minute=0)
    night = make_event(
        "Lange Nacht der Museen", starts=(evening,), duration=7 * dt.timedelta(hours=1)
    )
    bauhaus = make_place("Bauhaus-Museum", locality="Weimar", ags="16055000", postal_code="99423")
    make_event("Zeiss-Führung", parent=night, place=make_place(), starts=(evening + 3 * H,))
    make_event("Bauhaus-Werkstatt", parent=night, org=weimar, place=bauhaus, starts=(evening,))
    make_event("Entwurf", parent=night, starts=(evening,), published=False)
    make_event("Überraschung", parent=night, starts=())

    html = client.get(night.get_absolute_url()).content.decode()
    table = html.split('<table class="programme">')[1].split("</table>")[0]
    text = " ".join(html.split())

    rows = [row.split("</a>")[0].rsplit(">", 1)[1] for row in table.split("<tr>")[2:]]
    assert rows == ["Bauhaus-Werkstatt", "Zeiss-Führung"]
    assert "Bauhaus-Museum, Weimar" in table
    assert "Volkshaus, Jena" in table
    venues = text.split("An mehreren Orten (siehe Programm):")[1].split("</ul>")[0]
    assert venues == "</p> <ul><li>Volkshaus, Jena</li><li>Bauhaus-Museum, Weimar</li>"
    assert "Entwurf" not in html
    assert ">Überraschung</a></li>" in html  # no date yet: still named in the programme
    assert f'href="/feeds/events.ics?parent={night.pk}"' in html


def test_the_programme_list_keeps_its_umbrella_while_filtering(db, client) -> None:
    organisation("jena", ags="16053000")
    organisation("weimar", ags="16055000")
    night = make_event("Lange Nacht der Museen", starts=(SOON,))
    bauhaus = make_place("Bauhaus-Museum", locality="Weimar", ags="16055000", postal_code="99423")
    make_event("Zeiss-Führung", parent=night, place=make_place(), starts=(SOON,))
    make_event("Bauhaus-Werkstatt", parent=night, place=bauhaus, starts=(SOON,))
    make_event("Anderswo in Jena", place=make_place(), starts=(SOON,))

    html = client.get(f"/kalender/?parent={night.pk}&municipality=jena").content.decode()

    assert "Zeiss-Führung" in html
    assert "Bauhaus-Werkstatt" not in html
    assert "Anderswo in Jena" not in html
    assert f'<input type="hidden" name="parent" value="{night.pk}"' in html
    assert f'Nur das Programm von <a href="/kalender/veranstaltung/{night.pk}/">' in html


def test_a_date_without_a_venue_names_its_town_after_the_time(db, client) -> None:
    organisation("jena", ags="16053000")
    make_event("Lange Nacht der Museen", starts=(SOON.replace(hour=18, minute=0),))

    text = " ".join(client.get("/kalender/").content.decode().split())

    assert "20:00</time> Uhr · Jena" in text
    assert "Uhr , Jena" not in text


def test_embed_view_may_be_framed_and_shows_only_that_member(db, client) -> None:
    jena, weimar = organisation("jena", ags="16053000"), organisation("weimar", ags="16055000")
    make_event("Jena-Abend", org=jena, starts=(SOON,))
    make_event("Weimar-Abend", org=weimar, starts=(SOON,))

    response = client.get(reverse("calendar:embed", kwargs={"slug": "jena"}))

    assert "X-Frame-Options" not in response.headers
    assert "Jena-Abend" in response.content.decode()
    assert "Weimar-Abend" not in response.content.decode()


def test_a_members_link_says_whose_events_the_list_shows(db, client) -> None:
    weimar = organisation("weimar", ags="16055000", name="Stadt Weimar")
    make_event("Zwiebelmarkt", org=weimar, starts=(SOON,))
    make_event("Kulturarena", starts=(SOON,))

    html = client.get("/kalender/?organisation=weimar").content.decode()

    assert "Nur Veranstaltungen von Stadt Weimar." in html
    assert "Zwiebelmarkt" in html
    assert "Kulturarena" not in html
