"""The generic engine reproduces published fares of real feeds, and Fares v2 round-trips."""

from __future__ import annotations

import dataclasses
import io
import itertools
import zipfile
from decimal import Decimal

import pytest

from impulsregion.transit.domain.fares import Tariff, quote
from impulsregion.transit.domain.gtfs import (
    GtfsError,
    GtfsStop,
    contains,
    export_fares_v2,
    read_fares_v1,
    read_fares_v2,
    read_stops,
    read_table,
    stop_areas_v2,
    write_zip,
    zones_by_mapping,
    zones_by_polygons,
)
from impulsregion.transit.domain.network import Family, Relation, Stop, Zone, ZoneKind, ZoneNetwork
from impulsregion.transit.domain.prices import PriceRow, PriceTable
from impulsregion.transit.domain.tariff import TariffRules
from tests.factories.transit import PASSENGERS, at, make_single, make_version, shipped_tariff

pytestmark = pytest.mark.domain

WHEN = at("2018-06-01T10:00")


def test_caltrain_2017_zone_fares_reproduced(shared_data):
    feed = shared_data / "caltrain-2017" / "caltrain.gtfs.zip"
    fares = read_fares_v1(feed)
    stops = [s for s in read_stops(feed) if s.zone_id]
    zone_ids = sorted({s.zone_id for s in stops}, key=int)
    network = ZoneNetwork(
        [Zone(z, f"Zone {z}", ZoneKind.REGIO) for z in zone_ids],
        [(a, b) for a, b in itertools.pairwise(zone_ids)],
        [Stop(s.stop_id, s.name, (s.zone_id,)) for s in stops],
    )
    # the n-zone fare: Preisstufe n ↔ fare OW_n
    rows = [
        PriceRow("single", "adult", Family.REGIO, int(fid.split("_")[1]), price)
        for fid, price in fares.prices.items()
    ]
    tariff = Tariff(
        network,
        (make_single(),),
        PASSENGERS,
        (PriceTable.of(make_version("2017-01-01"), rows),),
        TariffRules(None, None),
    )
    first_stop = {z: next(s for s in stops if s.zone_id == z) for z in zone_ids}

    checked = 0
    for rule in fares.rules:
        route = [
            network.stops[first_stop[rule.origin_id].stop_id],
            network.stops[first_stop[rule.destination_id].stop_id],
        ]
        assert quote(tariff, route, WHEN).offer("single").total == fares.prices[rule.fare_id], rule
        checked += 1

    assert checked == 216
    assert fares.currency == "USD"


def test_bart_2018_od_fares_reproduced_through_relations(shared_data):
    feed = shared_data / "bart-2018" / "bart.gtfs.zip"
    fares = read_fares_v1(feed)
    stops = [s for s in read_stops(feed) if s.zone_id]
    zones = sorted({s.zone_id for s in stops})
    by_zone = {z: [s.stop_id for s in stops if s.zone_id == z] for z in zones}
    # each O/D pair of stations is an office relation whose "Preisstufe" is BART's fare level
    relations = [
        Relation(a, b, int(rule.fare_id), Family.REGIO)
        for rule in fares.rules
        for a in by_zone[rule.origin_id]
        for b in by_zone[rule.destination_id]
    ]
    network = ZoneNetwork(
        [Zone(z, z, ZoneKind.REGIO) for z in zones],
        [],
        [Stop(s.stop_id, s.name, (s.zone_id,)) for s in stops],
        relations,
    )
    rows = [
        PriceRow("single", "adult", Family.REGIO, int(fid), price)
        for fid, price in fares.prices.items()
    ]
    tariff = Tariff(
        network, (make_single(),), PASSENGERS, (PriceTable.of(make_version("2018-05-26"), rows),)
    )

    mismatches = []
    for rule in fares.rules:
        route = [
            network.stops[by_zone[rule.origin_id][0]],
            network.stops[by_zone[rule.destination_id][0]],
        ]
        if quote(tariff, route, WHEN).offer("single").total != fares.prices[rule.fare_id]:
            mismatches.append(rule)

    assert len(fares.rules) == 2304
    assert mismatches == []


def test_shipped_tariff_exports_fares_v2_and_reads_back():
    tariff = shipped_tariff()
    table = tariff.tables[-1]

    files = export_fares_v2(tariff, table)
    buffer = io.BytesIO()
    write_zip(files, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        read_back = {name: archive.read(name).decode() for name in archive.namelist()}
    matrix = read_fares_v2(read_back)

    zones = list(tariff.network.zones)
    assert sorted(read_back) == [
        "areas.txt",
        "fare_leg_rules.txt",
        "fare_products.txt",
        "rider_categories.txt",
        "stop_areas.txt",
    ]
    assert len(matrix) == len(zones) ** 2  # every zone reaches every other zone
    stops_in = stop_areas_v2(read_back)
    assert stops_in["grossschwabhausen"] == {"512", "513"}
    network = tariff.network
    probes = [Stop(code, code, (code,)) for code in zones]  # one stop in the middle of each zone
    adjacency = [(a, b) for a, ns in network.neighbours.items() for b in ns]
    probe = dataclasses.replace(
        tariff, network=ZoneNetwork(network.zones.values(), adjacency, probes), cache={}, levels={}
    )
    for (origin, destination), amounts in matrix.items():
        a, b = probe.network.stops[origin], probe.network.stops[destination]
        result = quote(probe, [a, b], at("2025-09-01T10:00"), {"adult": 1, "child": 1})
        assert amounts == {
            line.passenger: line.unit_price for line in result.offer("single").lines
        }, (origin, destination)


def test_export_leaves_out_pairs_without_price():
    tariff = shipped_tariff()
    empty = PriceTable.of(
        make_version(), [PriceRow("single", "adult", Family.CITY, 1, Decimal("2.90"))]
    )

    matrix = read_fares_v2(export_fares_v2(tariff, empty))

    assert set(matrix) == {
        (z, z) for z, zone in tariff.network.zones.items() if zone.kind is ZoneKind.CITY
    }


def test_import_stops_with_mapping_file(shared_data):
    stops = read_stops(shared_data / "caltrain-2017" / "caltrain.gtfs.zip")

    zones = zones_by_mapping(stops, {"1": ["A"], "70021": ["A", "B"]})

    assert zones["70011"] == ("A",)
    assert zones["70021"] == ("A", "B")
    assert zones["70061"] == ()
    assert len(stops) == 64


def test_import_stops_with_polygons():
    stops = [
        GtfsStop("in", "In", 50.5, 11.5, ""),
        GtfsStop("edge", "Both", 50.5, 12.0, ""),
        GtfsStop("nowhere", "No", None, None, ""),
    ]
    square = [(11.0, 50.0), (12.1, 50.0), (12.1, 51.0), (11.0, 51.0)]
    east = [(11.9, 50.0), (13.0, 50.0), (13.0, 51.0), (11.9, 51.0)]

    zones = zones_by_polygons(stops, {"10": square, "20": east})

    assert zones == {"in": ("10",), "edge": ("10", "20"), "nowhere": ()}
    assert contains(square, 10.0, 50.5) is False


def test_missing_file_is_reported():
    buffer = io.BytesIO()
    write_zip({"agency.txt": "agency_id\n"}, buffer)

    with zipfile.ZipFile(buffer) as archive, pytest.raises(GtfsError, match=r"stops\.txt"):
        read_table(archive, "stops.txt")


def test_stops_without_required_columns_are_refused():
    buffer = io.BytesIO()
    write_zip({"stops.txt": "id,name\n1,x\n"}, buffer)

    with zipfile.ZipFile(buffer) as archive, pytest.raises(GtfsError, match="stop_id"):
        read_stops(archive)


def test_entrances_are_skipped():
    buffer = io.BytesIO()
    write_zip(
        {
            "stops.txt": "stop_id,stop_name,location_type,stop_lat,stop_lon\n1,A,0,50,11\n2,A entrance,2,50,11\n3,A station,1,x,\n"
        },
        buffer,
    )

    with zipfile.ZipFile(buffer) as archive:
        stops = read_stops(archive)

    assert [(s.stop_id, s.lat) for s in stops] == [("1", 50.0), ("3", None)]
