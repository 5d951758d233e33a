"""Region API: p50/p95 of the organisations and board endpoints."""

from django.test import Client

from benchmarks.common import report, setup_django, timings


def main() -> None:
    setup_django("region")

    from impulsregion.region.services import load_region  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_region()
    client = Client()
    report(
        "GET /api/v1/organisations?member=true",
        timings(lambda: client.get("/api/v1/organisations?member=true"), 200),
        "p95 ≤ 20 ms",
    )
    report(
        "GET /api/v1/board?year=2024",
        timings(lambda: client.get("/api/v1/board?year=2024"), 200),
        "p95 ≤ 20 ms",
    )
    report("GET / (home page)", timings(lambda: client.get("/"), 100), "p95 ≤ 100 ms")
