"""Organisers who are not members send an event through the public form: nothing reaches the
office before the address is confirmed by the e-mail's link; honeypot, rate limits, expired,
altered and twice-used links; dates in the past and venues outside the region refused."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import Event, Place, PublicSubmission
from impulsregion.calendar.services import public_submissions
from impulsregion.config.desk import desk
from impulsregion.region.queries import association
from tests.factories.calendar import make_place
from tests.factories.region import make_user

pytestmark = pytest.mark.integration

FORM = "/kalender/melden/"
LINK = re.compile(r"https?://\S+/melden/bestaetigen/\S+/")


def _day(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "organiser": "Kunstverein Apolda",
        "email": "kontakt@kunstverein.example",
        "phone": "03644 123456",
        "title": "Vernissage: Farben des Sommers",
        "short": "Malerei aus Thüringen",
        "description": "Eröffnung mit Musik.\n\nDer Eintritt ist frei.",
        "dates-TOTAL_FORMS": "10",
        "dates-INITIAL_FORMS": "0",
        "dates-MIN_NUM_FORMS": "0",
        "dates-MAX_NUM_FORMS": "10",
        "dates-0-day": _day(20),
        "dates-0-start": "19:00",
        "dates-0-end": "21:30",
        "place": "",
        "venue_name": "Galerie am Markt",
        "venue_street": "Markt 3",
        "venue_postcode": "99423",
        "venue_town": "Weimar",
        "categories": ["exhibition"],
        "price_text": "frei",
        "url": "https://kunstverein.example/vernissage",
        "consent": "on",
        "website_2": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _link(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


@pytest.fixture
def region(region_data) -> None:
    """The region's organisations (the association owns what the public sends)."""


def _send(client: Client, data: dict[str, Any], address: str = "192.0.2.10", path: str = FORM):
    return client.post(path, data, REMOTE_ADDR=address)


def test_submission_waits_for_confirmation_then_reaches_the_office(client, region) -> None:
    office = make_user("buero", role="office", organisation=association())

    page = client.get(FORM)
    response = _send(client, _form())

    assert page.status_code == 200
    assert "Veranstaltung melden" in page.content.decode()
    assert "no-store" in page.headers["Cache-Control"]  # it carries a form token: never kept
    assert response.status_code == 302
    assert response.headers["Location"] == "/kalender/melden/gesendet/"
    # nothing anywhere yet: no event, no venue, nothing on the desk
    assert Event.objects.count() == 0
    assert not Place.objects.filter(name="Galerie am Markt").exists()
    assert desk(office, today=timezone.localdate())[0].items[0].count == 0
    (message,) = mail.outbox
    assert message.to == ["kontakt@kunstverein.example"]
    assert (
        message.subject
        == "Bitte bestätigen Sie Ihre Veranstaltung „Vernissage: Farben des Sommers“"
    )
    link = _link(message)
    assert link.startswith("/kalender/melden/bestaetigen/")

    check = client.get(link)
    assert check.status_code == 200
    assert "Bestätigen und an die Geschäftsstelle senden" in check.content.decode()
    assert Event.objects.count() == 0  # opening the link (a mail server's checker) is not enough

    confirmed = client.post(link)

    assert confirmed.status_code == 200
    assert "Ihre Veranstaltung liegt bei der Geschäftsstelle" in confirmed.content.decode()
    event = Event.objects.get()
    assert (event.public_status, event.organisation, event.organiser) == (
        PublicStatus.SUBMITTED,
        association(),
        "Kunstverein Apolda",
    )
    assert event.title_de == "Vernissage: Farben des Sommers"
    assert event.description_de == "<p>Eröffnung mit Musik.</p><p>Der Eintritt ist frei.</p>"
    assert event.place.name == "Galerie am Markt"
    assert event.place.municipality.slug == "weimar"
    assert list(event.categories.values_list("slug", flat=True)) == ["exhibition"]
    (date,) = event.occurrences.all()
    assert date.start.astimezone(BERLIN).strftime("%H:%M") == "19:00"
    assert date.end.astimezone(BERLIN).strftime("%H:%M") == "21:30"
    assert date.public_from is None  # not public before the office publishes it
    assert list(event.decisions.values_list("action", "actor")) == [
        (Decision.CREATED, None),
        (Decision.SUBMITTED, None),
    ]
    waiting = desk(office, today=timezone.localdate())[0]
    assert (waiting.items[0].count, waiting.waiting[0].title) == (
        1,
        "Vernissage: Farben des Sommers",
    )

    client.force_login(office)
    review = client.get(f"/admin/calendar/event/{event.pk}/review/").content.decode()
    assert "Kunstverein Apolda" in review
    assert 'href="mailto:kontakt@kunstverein.example"' in review
    assert "03644 123456" in review


def test_honeypot_filled_pretends_success_and_stores_nothing(client, region) -> None:
    response = _send(client, _form(website_2="http://spam.example"))

    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/kalender/melden/gesendet/",
    )
    assert PublicSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, region) -> None:
    html = client.get(FORM).content.decode()

    box = re.search(r'<div class="hp" aria-hidden="true">.*?</div>', html, re.S)
    assert box is not None
    assert 'tabindex="-1"' in box.group(0)


def test_one_address_sends_three_a_day_then_learns_when_to_try_again(client, region) -> None:
    for number in range(3):
        assert _send(client, _form(), address=f"192.0.2.{number + 1}").status_code == 302

    refused = _send(client, _form(), address="192.0.2.99")

    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Von dieser E-Mail-Adresse haben wir innerhalb eines Tages 3 Veranstaltungen" in text
    assert "Bitte senden Sie die nächste nach" in text
    assert PublicSubmission.objects.count() == 3
    assert len(mail.outbox) == 3


def test_one_connection_sends_five_an_hour(client, region) -> None:
    for number in range(5):
        response = _send(client, _form(email=f"person{number}@example.org"))
        assert response.status_code == 302

    refused = _send(client, _form(email="other@example.org"))
    elsewhere = _send(client, _form(email="other@example.org"), address="198.51.100.7")

    assert refused.status_code == 429
    assert "Von Ihrer Verbindung haben wir in der letzten Stunde 5" in refused.content.decode()
    assert elsewhere.status_code == 302
    assert PublicSubmission.objects.count() == 6
    # the connection is kept as a keyed hash, never as the address
    assert not PublicSubmission.objects.filter(client_key__contains="192.0.2").exists()


def test_the_rate_limit_counts_the_client_behind_the_proxy(client, region, settings) -> None:
    settings.IMPULSREGION_PROXY_COUNT = 1
    for number in range(5):
        response = client.post(
            FORM,
            _form(email=f"person{number}@example.org"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
        assert response.status_code == 302

    assert PublicSubmission.objects.values("client_key").distinct().count() == 5


def _submitted(client: Client) -> str:
    _send(client, _form())
    return _link(mail.outbox[-1])


def test_a_second_click_changes_nothing(client, region) -> None:
    link = _submitted(client)

    client.post(link)
    again = client.post(link)
    opened = client.get(link)

    assert Event.objects.count() == 1
    assert again.status_code == opened.status_code == 200
    assert "Bereits bestätigt" in again.content.decode()
    assert "Bereits bestätigt" in opened.content.decode()


def test_an_altered_link_is_refused(client, region) -> None:
    link = _submitted(client)
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    response = client.post(altered)

    assert response.status_code == 404
    assert "Dieser Link ist nicht gültig" in response.content.decode()
    assert client.post("/kalender/melden/bestaetigen/nonsense/").status_code == 404
    assert Event.objects.count() == 0


class _TwoDaysAgo(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 49 * 3600)


def test_an_expired_link_is_refused_even_after_the_submission_was_deleted(client, region) -> None:
    _submitted(client)
    submission = PublicSubmission.objects.get()
    old = _TwoDaysAgo(salt=public_submissions.SALT).sign(f"{submission.pk}.x")
    submission.token_hash = PublicSubmission.hash(old)
    submission.save()

    response = client.post(f"/kalender/melden/bestaetigen/{old}/")
    public_submissions.forget_unconfirmed(timezone.now() + dt.timedelta(hours=49))
    after = client.post(f"/kalender/melden/bestaetigen/{old}/")

    assert response.status_code == after.status_code == 410
    assert "Dieser Link ist abgelaufen" in after.content.decode()
    assert Event.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


def test_a_link_past_its_row_expiry_is_refused(client, region) -> None:
    link = _submitted(client)
    PublicSubmission.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    response = client.post(link)

    assert response.status_code == 410
    assert Event.objects.count() == 0


def test_forgetting_keeps_confirmed_submissions(client, region) -> None:
    client.post(_submitted(client))
    _send(client, _form(email="second@example.org", title="Lesung"))
    later = timezone.now() + dt.timedelta(hours=49)

    outcome = public_submissions.forget_unconfirmed(later)

    assert outcome == {"deleted": 1, "keys_cleared": 1}
    kept = PublicSubmission.objects.get()
    assert (kept.title, kept.client_key) == ("Vernissage: Farben des Sommers", "")


def test_a_date_in_the_past_is_refused_at_its_field(client, region) -> None:
    response = _send(client, _form(**{"dates-0-day": _day(-1)}))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Dieser Termin liegt in der Vergangenheit." in html
    assert 'aria-describedby="id_dates-0-day_errors"' in html
    assert '<a href="#id_dates-0-day">Dieser Termin liegt in der Vergangenheit.</a>' in html
    assert PublicSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_date_more_than_two_years_ahead_is_refused(client, region) -> None:
    response = _send(client, _form(**{"dates-0-day": _day(800)}))

    assert response.status_code == 400
    assert "liegt später" in response.content.decode()
    assert PublicSubmission.objects.count() == 0


def test_no_date_at_all_is_refused(client, region) -> None:
    response = _send(client, _form(**{"dates-0-day": "", "dates-0-start": "", "dates-0-end": ""}))

    assert response.status_code == 400
    assert "Geben Sie mindestens einen Termin ein." in response.content.decode()


def test_an_end_before_the_start_runs_past_midnight(client, region) -> None:
    _send(client, _form(**{"dates-0-start": "22:00", "dates-0-end": "02:00"}))
    client.post(_link(mail.outbox[-1]))

    date = Event.objects.get().occurrences.get()
    assert date.end - date.start == dt.timedelta(hours=4)


def test_a_venue_outside_the_region_is_refused(client, region) -> None:
    response = _send(
        client,
        _form(venue_postcode="10115", venue_town="Berlin", venue_street="Unter den Linden 1"),
    )

    assert response.status_code == 400
    assert (
        "10115 Berlin liegt außerhalb der Region: Der Kulturkalender zeigt nur Veranstaltungen "
        "in Erfurt, Weimar, Jena und dem Weimarer Land."
    ) in response.content.decode()
    assert PublicSubmission.objects.count() == 0


def test_a_venue_of_the_register_is_used_as_it_is(client, region) -> None:
    hall = make_place("Volkshaus")

    _send(
        client,
        _form(place=str(hall.pk), venue_name="", venue_street="", venue_postcode="", venue_town=""),
    )
    client.post(_link(mail.outbox[-1]))

    assert Event.objects.get().place == hall
    assert Place.objects.count() == 1


def test_no_venue_is_refused(client, region) -> None:
    response = _send(
        client, _form(venue_name="", venue_street="", venue_postcode="", venue_town="")
    )

    assert response.status_code == 400
    assert "Wählen Sie einen Veranstaltungsort aus dem Verzeichnis" in response.content.decode()


def test_without_consent_nothing_is_sent(client, region) -> None:
    response = _send(client, _form(consent=None))

    assert response.status_code == 400
    assert 'href="#id_consent"' in response.content.decode()
    assert PublicSubmission.objects.count() == 0


def test_english_page_english_mail_english_link(client, region) -> None:
    page = client.get("/en" + FORM).content.decode()
    response = _send(client, _form(), path="/en" + FORM)

    assert "<h1>Submit an event</h1>" in page
    assert "Veranstaltung" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert response.headers["Location"] == "/en/kalender/melden/gesendet/"
    (message,) = mail.outbox
    assert message.subject == "Please confirm your event “Vernissage: Farben des Sommers”"
    link = _link(message)
    assert link.startswith("/en/kalender/melden/bestaetigen/")
    confirmed = client.post(link).content.decode()
    assert "Thank you: your event is with the regional office" in confirmed
    assert Event.objects.get().title_en == "Vernissage: Farben des Sommers"


def test_the_calendar_links_to_the_form(client, region) -> None:
    assert f'href="{FORM}"' in client.get("/kalender/").content.decode()
