"""Feed subscription speed figures (issue #15, point 5): one run of a subscribed feed of 2,000
events, through the job a worker runs (conditional fetch from an HTTP server on this machine,
import, health), when the feed is unchanged (the server answers 304) and when it changed.

Run: .venv/bin/python benchmarks/bench_subscriptions.py   (DATABASE_URL=postgres://… to
measure PostgreSQL)
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection

from benchmarks.bench_calendar_data import generate_ics
from benchmarks.common import report, setup_django, timings

EVENTS = 2_000
FEW = 100


class _Feed(BaseHTTPRequestHandler):
    """Serves the current version of the feed with its ETag; 304 to a matching If-None-Match."""

    versions: dict[str, bytes] = {}
    current = ""

    def do_GET(self) -> None:  # the name http.server calls
        etag = f'"{self.current}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = self.versions[self.current]
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _serve() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"127.0.0.1:{server.server_port}"


def bench_sync() -> None:
    from impulsregion.calendar.models import FeedSubscription  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.calendar.tasks import fetch_subscription  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()
    from impulsregion.region.models import Organisation  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    original = generate_ics(EVENTS)
    # the same events with the titles of the first 100 (b) or of all 2,000 (c) changed
    _Feed.versions = {
        "a": original,
        "b": original.replace(b"SUMMARY:", b"SUMMARY:Neu: ", FEW),
        "c": original.replace(b"SUMMARY:", b"SUMMARY:Neu: "),
    }
    _Feed.current = "a"
    host = _serve()
    subscription = FeedSubscription.objects.create(
        organisation=Organisation.objects.get(slug="jena"),
        name="Spielplan",
        url=f"http://{host}/spielplan.ics",
    )

    def run() -> dict[str, object]:
        result: dict[str, object] = fetch_subscription.call(subscription_id=subscription.pk)
        assert result["status"] != "failed", result
        return result

    started = time.perf_counter()
    first = run()
    print(
        f"first run, {EVENTS:,} new events ({len(original) / 1e6:.1f} MB): "
        f"{time.perf_counter() - started:.2f} s  {first['counts']}",
        flush=True,
    )
    report(f"run of {EVENTS:,} events, unchanged (304)", timings(run, 50), "≤ 1 s")

    def changing(version: str, updated: int) -> Callable[[], None]:
        def change() -> None:
            _Feed.current = version if _Feed.current == "a" else "a"
            result = run()
            counts = result["counts"]
            assert isinstance(counts, dict)
            assert counts["updated"] == updated, result

        return change

    report(
        f"run of {EVENTS:,} events, {FEW} of them changed",
        timings(changing("b", FEW), 6),
        "≤ 5 s",
    )
    report(
        f"run of {EVENTS:,} events, every one changed",
        timings(changing("c", EVENTS), 4),
        "≤ 5 s",
    )
    FeedSubscription.objects.filter(pk=subscription.pk).update(etag="")

    def same_body() -> None:
        # a server without validators (or a new ETag on the same content): read and compared
        FeedSubscription.objects.filter(pk=subscription.pk).update(etag="")
        run()

    report(f"run of {EVENTS:,} events, sent again unchanged (200)", timings(same_body, 4))


def main() -> None:
    setup_django("subscriptions")

    from impulsregion.region.services import load_region  # noqa: PLC0415 - needs the app registry: setup_django() runs first, in main()

    load_region()
    print(f"database: {connection.vendor}", flush=True)
    bench_sync()


if __name__ == "__main__":
    main()
