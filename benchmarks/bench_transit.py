"""Verbundtarif speed figures (issue 5, "Speed"): fare engine, fares API, revenue sharing.

Run: .venv/bin/python benchmarks/bench_transit.py
(IMPULSREGION_BENCH_SALES_ROWS=1000000 by default; DATABASE_URL=postgres://… for PostgreSQL)
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.test import Client

from benchmarks.common import report, setup_django, timings
from impulsregion.transit.domain.datafiles import read_tariff_data
from impulsregion.transit.domain.fares import quote
from impulsregion.transit.domain.revenue import (
    parse_key,
    parse_usage,
    share_revenue,
    summarise_sales,
)

BERLIN = ZoneInfo("Europe/Berlin")
OPERATORS = ["evag", "jenah", "swweimar", "pvg", "gvb", "dbregio", "eb"]
PRODUCTS = [
    ("single", "2.90"),
    ("four_trip", "10.40"),
    ("day", "6.40"),
    ("hopper_single", "7.90"),
    ("month", "81.20"),
]
CHANNELS = ["vending_machine", "app", "sales_office", "subscription", "driver"]


def write_sales(path: Path, rows: int, seed: int = 2006) -> Decimal:
    """A synthetic sales CSV (the documented format) with ``rows`` rows; returns its total."""
    rng = random.Random(seed)
    total = Decimal(0)
    start = datetime(2025, 8, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "product", "preisstufe", "channel", "quantity", "amount"])
        for i in range(rows):
            product, price = PRODUCTS[i % len(PRODUCTS)]
            quantity = rng.randint(1, 40)
            amount = Decimal(price) * quantity
            total += amount
            day = (start + timedelta(days=i % 365)).date().isoformat()
            writer.writerow(
                [day, product, rng.randint(1, 12), CHANNELS[i % len(CHANNELS)], quantity, amount]
            )
    return total


def write_counts(path: Path, seed: int = 2006) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["operator", "relation", "passenger_km", "seat_km", "boardings"])
        for relation in range(200):
            operator = OPERATORS[relation % len(OPERATORS)]
            writer.writerow(
                [
                    operator,
                    f"R{relation}",
                    rng.randint(10_000, 900_000),
                    rng.randint(50_000, 4_000_000),
                    rng.randint(500, 90_000),
                ]
            )


def bench_fares(queries: int = 200_000) -> None:
    tariff = read_tariff_data().tariff()
    stops = [s for s in tariff.network.stops.values() if s.zones]
    rng = random.Random(5)
    base = datetime(2025, 9, 1, 6, 0, tzinfo=BERLIN)
    groups = [
        {"adult": 1},
        {"adult": 1, "child": 1},
        {"adult": 2, "child": 2, "infant": 1},
        {"child": 1},
    ]
    trips = [
        (
            [rng.choice(stops), rng.choice(stops)],
            base + timedelta(minutes=rng.randint(0, 60 * 24 * 60)),
            rng.choice(groups),
        )
        for _ in range(queries)
    ]
    quote(tariff, trips[0][0], trips[0][1], trips[0][2])
    started = time.perf_counter()
    for route, at, group in trips:
        quote(tariff, route, at, group)
    elapsed = time.perf_counter() - started
    print(
        f"fare computation in-process: {queries / elapsed:,.0f} queries/s over {queries:,} random trips, times and groups  (target ≥ 20,000/s)",
        flush=True,
    )


def bench_api(requests: int = 500) -> None:
    from impulsregion.transit.services import load_tariff  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_tariff()
    client = Client(HTTP_HOST="localhost")
    rng = random.Random(7)
    from impulsregion.transit.models import Stop  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    names = list(Stop.objects.filter(zones__isnull=False).distinct().values_list("name", flat=True))
    client.get("/api/v1/fares", {"from": names[0], "to": names[1]})

    def one() -> None:
        params = {
            "from": rng.choice(names),
            "to": rng.choice(names),
            "at": "2025-09-01T10:00",
            "passengers": "adult:1,child:1",
        }
        response = client.get("/api/v1/fares", params)
        assert response.status_code == 200, response.content

    report("GET /api/v1/fares (Django test client)", timings(one, requests), "p95 ≤ 20 ms")
    report(
        "GET /api/v1/stops?q=…",
        timings(
            lambda: client.get(
                "/api/v1/stops", {"q": rng.choice(["erf", "jena", "weimar", "bahnhof"])}
            ),
            requests,
        ),
        "",
    )


def bench_revenue(rows: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="impulsregion-bench-revenue-"))
    sales, counts = folder / "sales.csv", folder / "counts.csv"
    expected = write_sales(sales, rows)
    write_counts(counts)
    started = time.perf_counter()
    with sales.open(encoding="utf-8", newline="") as handle:
        summary = summarise_sales(handle)
    with counts.open(encoding="utf-8", newline="") as handle:
        usage = parse_usage(handle)
    result = share_revenue(
        summary.total, usage, parse_key("passenger_km:0.5,seat_km:0.3,boarding_km:0.2")
    )
    elapsed = time.perf_counter() - started
    assert summary.total == expected
    assert sum(result.shares.values()) == summary.total
    print(
        f"revenue sharing of {rows:,} sales rows: {elapsed:.2f} s, shares add up to {summary.total} €  (target ≤ 10 s)",
        flush=True,
    )


def main() -> None:
    bench_fares()
    bench_revenue(int(os.environ.get("IMPULSREGION_BENCH_SALES_ROWS", "1000000")))
    setup_django("transit")
    bench_api()


if __name__ == "__main__":
    main()
