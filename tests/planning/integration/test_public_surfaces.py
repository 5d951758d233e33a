"""What the public must not see stays off every public surface: a draft, an embargoed and a
withdrawn item under the demo museum night, looked for wherever the programme shows."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.planning.demo import load_planning
from impulsregion.planning.models import JointEvent
from tests.factories.planning import make_event, make_place, make_region_towns

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SLUG = "lange-nacht-der-museen-2027"
NIGHT = date(2027, 5, 15)
HIDDEN = {
    "draft": ("Entwurf: Geheimführung", "Entwurfshaus"),
    "embargoed": ("Sperrfrist: Lesung im Keller", "Sperrfristkeller"),
    "withdrawn": ("Zurückgezogen: Nachtkonzert", "Rückzugssaal"),
}


@pytest.fixture
def night():  # type: ignore[no-untyped-def]
    """The demo museum night with three programme items the public must not see."""
    towns = make_region_towns()
    load_planning()
    umbrella = JointEvent.objects.get(slug=SLUG).umbrella
    states = {
        "draft": {"published": False},
        "embargoed": {
            "public_status": PublicStatus.PUBLISHED,
            "public_from": timezone.now() + timedelta(days=30),
        },
        "withdrawn": {"published": False, "withdrawn_at": timezone.now()},
    }
    hidden = {}
    for kind, (title, venue) in HIDDEN.items():
        place = make_place(venue, towns["jena"], postal_code="07743", locality="Jena")
        hidden[kind] = make_event(
            title,
            start=NIGHT,
            start_time=time(20, 0),
            place=place,
            parent=umbrella,
            organisation=umbrella.organisation,
            **states[kind],
        )
    return umbrella, hidden


def _texts_of_public_surfaces(client, umbrella: Event, hidden: dict[str, Event]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    parent = {"parent": umbrella.pk, "start": "2027-05-01", "end": "2027-05-31"}
    visible_item = Occurrence.objects.filter(
        event__parent=umbrella, public_from__lte=timezone.now()
    ).first()
    hidden_items = [str(o.pk) for o in Occurrence.objects.filter(event__in=hidden.values())]
    place_ids = {e.place_id for e in hidden.values()}
    surfaces = {
        "event page": client.get(f"/kalender/veranstaltung/{umbrella.pk}/"),
        "list": client.get("/kalender/", parent),
        "month": client.get("/kalender/monat/2027/5/", {"parent": umbrella.pk}),
        "api list": client.get("/api/v1/events", parent),
        "feed ics": client.get("/feeds/events.ics", {"parent": umbrella.pk}),
        "feed atom": client.get("/feeds/events.atom", {"parent": umbrella.pk}),
        "feed json-ld": client.get("/feeds/events.jsonld", {"parent": umbrella.pk}),
        "museum night": client.get(f"/museumsnacht/{SLUG}/"),
        "picks": client.get(
            f"/museumsnacht/{SLUG}/auswahl.ics", {"item": [visible_item.pk, *hidden_items]}
        ),
        "yearbook": client.get("/jahresueberblick/2027/"),
        "widget": client.get(f"/kalender/einbetten/{umbrella.organisation.slug}/"),
        **{
            f"venue feed {pk}": client.get(f"/feeds/museumsnacht/{SLUG}/venue-{pk}.ics")
            for pk in place_ids
        },
    }
    texts = {}
    for name, response in surfaces.items():
        assert response.status_code in (200, 404), (name, response.status_code)
        texts[name] = response.content.decode()
    return texts


def test_no_draft_embargoed_or_withdrawn_item_on_any_public_surface(night, client) -> None:  # type: ignore[no-untyped-def]
    umbrella, hidden = night

    texts = _texts_of_public_surfaces(client, umbrella, hidden)

    found = [
        (surface, what)
        for surface, text in texts.items()
        for title, venue in HIDDEN.values()
        for what in (title, venue)
        if what in text
    ]
    assert found == []
    # the surfaces do show the public programme, so the check above looked at real pages
    assert "Sternegucken mit dem Teleskop" in texts["museum night"]
    assert "Sternegucken mit dem Teleskop" in texts["feed ics"]


def test_hidden_items_have_no_page_and_no_download(night, client) -> None:  # type: ignore[no-untyped-def]
    _umbrella, hidden = night

    answers = {
        kind: (
            client.get(f"/kalender/veranstaltung/{event.pk}/").status_code,
            client.get(f"/api/v1/events/{event.pk}").status_code,
            client.get(f"/feeds/events/{event.pk}.ics").status_code,
        )
        for kind, event in hidden.items()
    }

    assert answers == dict.fromkeys(HIDDEN, (404, 404, 404))


def test_an_embargoed_item_shows_once_its_time_has_come(night, client) -> None:  # type: ignore[no-untyped-def]
    umbrella, hidden = night
    title = HIDDEN["embargoed"][0]
    before = client.get(f"/museumsnacht/{SLUG}/").content.decode()
    feed_before = client.get("/feeds/events.ics", {"parent": umbrella.pk}).content.decode()

    earlier = timezone.now() - timedelta(minutes=1)
    Event.objects.filter(pk=hidden["embargoed"].pk).update(public_from=earlier)
    Occurrence.objects.filter(event=hidden["embargoed"]).update(public_from=earlier)

    assert title not in before
    assert title not in feed_before
    assert title in client.get(f"/museumsnacht/{SLUG}/").content.decode()
    assert title in client.get("/feeds/events.ics", {"parent": umbrella.pk}).content.decode()
