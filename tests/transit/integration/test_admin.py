"""Back-office editing of zones, stops and prices: only the office; validation."""

from __future__ import annotations

import pytest

from impulsregion.transit.models import Price, PriceVersion, Stop, Zone
from tests.factories.region import make_organisation

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "model",
    [
        "zone",
        "zoneadjacency",
        "stop",
        "relation",
        "product",
        "priceversion",
        "price",
        "operator",
        "passengertype",
        "recognisedticket",
    ],
)
def test_office_sees_the_lists(client_office, tariff_db, model):
    response = client_office.get(f"/admin/transit/{model}/")

    assert response.status_code == 200


def test_editor_cannot_change_prices(client, tariff_db, editor_user):
    client.force_login(editor_user(make_organisation("erfurt")))
    price = Price.objects.first()

    response = client.post(f"/admin/transit/price/{price.pk}/change/", {"amount": "0.01"})

    assert response.status_code == 403
    assert Price.objects.get(pk=price.pk).amount == price.amount


def test_negative_price_is_refused(client_office, tariff_db):
    price = Price.objects.select_related("version").first()
    data = {
        "version": price.version_id,
        "product": price.product_id,
        "passenger": price.passenger_id,
        "family": price.family,
        "preisstufe": price.preisstufe,
        "amount": "-1.00",
        "source": "",
    }

    response = client_office.post(f"/admin/transit/price/{price.pk}/change/", data)

    assert response.status_code == 200
    assert "Dieser Wert muss größer oder gleich 0 sein." in response.content.decode()
    assert Price.objects.get(pk=price.pk).amount == price.amount


def test_overlapping_version_is_refused(client_office, tariff_db):
    response = client_office.post(
        "/admin/transit/priceversion/add/",
        {"label": "VMT 2026", "valid_from": "2026-08-01", "source": ""},
    )

    assert response.status_code == 200
    assert "überschneidet sich mit dem Preisstand VMT 2025" in response.content.decode()
    assert not PriceVersion.objects.filter(label="VMT 2026").exists()


def test_version_after_closing_the_current_one_is_accepted(client_office, tariff_db):
    PriceVersion.objects.filter(label="VMT 2025").update(valid_until="2026-07-31")

    response = client_office.post(
        "/admin/transit/priceversion/add/",
        {"label": "VMT 2026", "valid_from": "2026-08-01", "source": "x"},
    )

    assert response.status_code == 302
    assert PriceVersion.objects.get(label="VMT 2026").valid_until is None


def test_stop_zones_edited(client_office, tariff_db):
    stop = Stop.objects.get(key="apolda")
    zones = [Zone.objects.get(code="500").pk, Zone.objects.get(code="501").pk]
    data = {
        "key": "apolda",
        "name": "Apolda",
        "zones": zones,
        "kind": "station",
        "lat": "51.0223",
        "lon": "11.5148",
        "gtfs_id": "",
        "confirmed": "on",
    }

    response = client_office.post(f"/admin/transit/stop/{stop.pk}/change/", data)

    assert response.status_code == 302
    assert sorted(z.code for z in Stop.objects.get(pk=stop.pk).zones.all()) == ["500", "501"]
