"""The transit commands against a real database."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from impulsregion.transit.models import Price, PriceVersion, Stop, Zone

pytestmark = pytest.mark.integration

DATA = "src/impulsregion/transit/data"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, verbosity=0)
    return out.getvalue()


def test_load_tariff_is_idempotent(tariff_db):
    counts = (
        Zone.objects.count(),
        Stop.objects.count(),
        PriceVersion.objects.count(),
        Price.objects.count(),
    )

    output = run("load_tariff")

    assert output == "Tariff loaded: 0 records created, 706 updated.\n"
    assert (
        (
            Zone.objects.count(),
            Stop.objects.count(),
            PriceVersion.objects.count(),
            Price.objects.count(),
        )
        == counts
        == (21, 37, 3, 600)
    )
    assert sum(tariff_db.created.values()) == 706


def test_fare_done_means(tariff_db):
    output = run(
        "fare",
        "Erfurt, Anger",
        "Erfurt, Hauptbahnhof",
        "--at",
        "2025-09-01T10:00",
        "--passenger",
        "adult",
        "--passenger",
        "child",
        "--json",
    )

    data = json.loads(output)
    single = next(p for p in data["products"] if p["code"] == "single")
    assert (data["preisstufe"], data["family"]) == (1, "city")
    assert [(line["passenger"], line["unit_price"]) for line in single["lines"]] == [
        ("adult", "2.90"),
        ("child", "1.90"),
    ]
    assert single["price"] == "4.80"
    assert single["valid_until"] == "2025-09-01T11:00:00+02:00"


def test_fare_spring_2025_uses_2024_prices(tariff_db):
    data = json.loads(
        run("fare", "Erfurt, Anger", "Erfurt, Hauptbahnhof", "--at", "2025-03-01T10:00", "--json")
    )

    assert next(p["price"] for p in data["products"] if p["code"] == "single") == "2.70"


@pytest.mark.parametrize(
    ("at", "hopper"),
    [
        pytest.param("2025-09-01T10:00", True, id="weekday-10"),
        pytest.param("2025-09-01T08:00", False, id="weekday-08"),
    ],
)
def test_fare_hopper_window(tariff_db, at, hopper):
    data = json.loads(run("fare", "Weimar, Hauptbahnhof", "Jena Paradies", "--at", at, "--json"))

    assert ("hopper_single" in [p["code"] for p in data["products"]]) is hopper


def test_fare_table_output(tariff_db):
    output = run("fare", "erfurt-anger", "erfurt-hbf", "--at", "2025-09-01T10:00")

    assert "Preisstufe 1 (City), 1 Zone\n" in output
    assert "1 × Erwachsene 2,90 €" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("Erfurt Angr", "Erfurt, Hauptbahnhof"),
            "Unbekannte Haltestelle 'Erfurt Angr'. Meinten Sie: Erfurt, Anger",
            id="unknown-stop",
        ),
        pytest.param(
            ("Apolda", "Leipzig Hbf"),
            "Die Fahrt verlässt das VMT-Gebiet (Leipzig Hbf): Hier gilt der VMT-Tarif nicht.",
            id="outside-network",
        ),
        pytest.param(
            ("Apolda", "Jena West", "--at", "2019-05-01T10:00"),
            "Für den 01.05.2019 gibt es keinen Preisstand. Preisstände: VMT 2023 (01.08.2023 – 31.07.2024); VMT 2024 (01.08.2024 – 31.07.2025); VMT 2025 (ab 01.08.2025).",
            id="no-version",
        ),
        pytest.param(
            ("Apolda", "Jena West", "--at", "morgen"),
            "Geben Sie die Reisezeit im Format JJJJ-MM-TTTHH:MM an, z. B. 2025-09-01T10:00.",
            id="bad-time",
        ),
        pytest.param(
            ("Apolda", "Jena West", "--passenger", "senior"),
            "Unbekannte Personengruppe 'senior'; verwenden Sie eine von adult, child, infant.",
            id="bad-passenger",
        ),
    ],
)
def test_fare_bad_input(tariff_db, args, message):
    with pytest.raises(CommandError) as caught:
        run("fare", *args)

    assert str(caught.value).startswith(message)


def test_import_prices_updates_and_creates(tariff_db, tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(
        "valid_from,valid_until,product,passenger,family,preisstufe,amount,illustrative,source\n"
        "2025-08-01,,four_trip,adult,city,1,10.60,no,VMT price list\n"
        "2026-08-01,,single,adult,city,1,3.10,yes,example\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as caught:
        run("import_prices", str(path))

    assert (
        "Zeile 3, Spalte valid_from: der neue Preisstand würde sich mit dem Preisstand VMT 2025 überschneiden."
        in str(caught.value)
    )
    assert Price.objects.get(
        version__label="VMT 2025",
        product__code="four_trip",
        passenger__code="adult",
        family="city",
        preisstufe=1,
    ).amount == Decimal("10.40")


def test_import_prices_after_closing_the_open_version(tariff_db, tmp_path):
    PriceVersion.objects.filter(label="VMT 2025").update(valid_until="2026-07-31")
    path = tmp_path / "prices.csv"
    path.write_text(
        "valid_from,valid_until,product,passenger,family,preisstufe,amount,illustrative,source\n"
        "2025-08-01,,four_trip,adult,city,1,10.60,no,VMT price list\n"
        "2026-08-01,,single,adult,city,1,3.10,yes,example\n",
        encoding="utf-8",
    )

    output = run("import_prices", str(path))

    assert output == "Prices imported: 1 created, 1 updated (versions: VMT 2025, 2026-08-01).\n"
    new = PriceVersion.objects.get(valid_from="2026-08-01")
    assert (new.valid_until, new.prices.get().amount) == (None, Decimal("3.10"))
    data = json.loads(
        run("fare", "Erfurt, Anger", "Erfurt, Hauptbahnhof", "--at", "2026-09-01T10:00", "--json")
    )
    assert data["products"][0]["price"] == "3.10"


def test_import_prices_rejects_the_whole_file(tariff_db, tmp_path):
    before = list(Price.objects.order_by("pk").values_list("amount", flat=True))
    path = tmp_path / "prices.csv"
    path.write_text(
        "valid_from,valid_until,product,passenger,family,preisstufe,amount,illustrative,source\n"
        "2025-08-01,,single,adult,city,1,3.00,no,\n"
        "2025-08-01,,single,adult,city,2,-1,no,\n"
        "2025-08-01,,tram,adult,city,1,3.00,maybe,\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as caught:
        run("import_prices", str(path))

    assert str(caught.value).splitlines() == [
        "Die Preisdatei wurde nicht importiert; nichts wurde geändert.",
        "Zeile 3, Spalte amount: -1 ist negativ.",
        "Zeile 4, Spalte product: unbekanntes Produkt 'tram'.",
        "Zeile 4, Spalte illustrative: 'maybe' ist weder yes noch no.",
    ]
    assert list(Price.objects.order_by("pk").values_list("amount", flat=True)) == before


def test_import_prices_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match=r"missing\.csv kann nicht gelesen werden"):
        run("import_prices", str(tmp_path / "missing.csv"))


def test_share_revenue_writes_all_formats(tariff_db, tmp_path):
    html, csv_path, pdf = tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "r.pdf"

    output = run(
        "share_revenue",
        f"{DATA}/demo_sales.csv",
        f"{DATA}/demo_counts.csv",
        "--key",
        "passenger_km:0.7,seat_km:0.3",
        "--html",
        str(html),
        "--csv",
        str(csv_path),
        "--pdf",
        str(pdf),
    )

    rows = [line.split(",") for line in output.splitlines()]
    assert rows[0] == ["operator_code", "operator", "confirmed", "weight", "percent", "amount_eur"]
    assert sum(Decimal(r[5]) for r in rows[1:-1]) == Decimal(rows[-1][5]) == Decimal("3842610.00")
    assert [r[0] for r in rows[1:-1]] == [
        "dbregio",
        "eb",
        "evag",
        "gvb",
        "jenah",
        "pvg",
        "swweimar",
    ]
    assert csv_path.read_text() == output
    assert '<svg role="img" aria-labelledby="chart-title chart-desc"' in html.read_text()
    assert pdf.read_bytes().startswith(b"%PDF")


def test_share_revenue_bad_key_and_bad_rows(tariff_db, tmp_path):
    sales = tmp_path / "s.csv"
    sales.write_text(
        "date,product,preisstufe,channel,quantity,amount\n2025-08-01,single,1,app,1,zwei\n"
    )

    with pytest.raises(CommandError, match="Unknown measure 'bus_km'"):
        run("share_revenue", str(sales), f"{DATA}/demo_counts.csv", "--key", "bus_km")
    with pytest.raises(CommandError) as caught:
        run("share_revenue", str(sales), f"{DATA}/demo_counts.csv")
    assert str(caught.value).splitlines() == [
        "s.csv kann nicht verwendet werden:",
        "Zeile 2, Spalte amount: 'zwei' ist keine Zahl.",
    ]


def test_import_gtfs_stops_with_mapping(tariff_db, shared_data, tmp_path):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("zone_id,zone\n1,10\n2,521\n")

    output = run(
        "import_gtfs_stops",
        str(shared_data / "caltrain-2017" / "caltrain.gtfs.zip"),
        "--mapping",
        str(mapping),
    )
    again = run(
        "import_gtfs_stops",
        str(shared_data / "caltrain-2017" / "caltrain.gtfs.zip"),
        "--mapping",
        str(mapping),
    )

    assert output == "Stops imported: 64 created, 0 updated, 36 without a zone.\n"
    assert again == "Stops imported: 0 created, 64 updated, 36 without a zone.\n"
    stop = Stop.objects.get(gtfs_id="70011")
    assert (stop.name, [z.code for z in stop.zones.all()]) == ("San Francisco Caltrain", ["10"])


def test_import_gtfs_stops_with_polygons(tariff_db, shared_data):
    Zone.objects.filter(code="10").update(
        polygon=[[-122.5, 37.7], [-122.3, 37.7], [-122.3, 37.8], [-122.5, 37.8]]
    )

    output = run(
        "import_gtfs_stops", str(shared_data / "caltrain-2017" / "caltrain.gtfs.zip"), "--polygons"
    )

    assert output == "Stops imported: 64 created, 0 updated, 58 without a zone.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param((), "Geben Sie eine Zuordnungsdatei an", id="no-zone-source"),
        pytest.param(("--polygons",), "Keine Zone hat einen Umriss", id="no-polygons"),
    ],
)
def test_import_gtfs_stops_refuses(tariff_db, shared_data, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_gtfs_stops", str(shared_data / "caltrain-2017" / "caltrain.gtfs.zip"), *args)


def test_export_gtfs_fares(tariff_db, tmp_path):
    target = tmp_path / "fares.zip"

    output = run("export_gtfs_fares", str(target), "--on", "2025-09-01")

    assert output == f"Fares v2 written to {target}: 441 zone-pair rules (VMT 2025).\n"
