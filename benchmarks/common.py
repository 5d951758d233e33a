"""Helpers for benchmarks: a throw-away database and timing figures."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import django
from django.core.management import call_command


def setup_django(name: str) -> None:
    """Point Django at a fresh database for one benchmark and migrate it."""
    if not os.environ.get("DATABASE_URL"):
        folder = Path(tempfile.mkdtemp(prefix=f"impulsregion-bench-{name}-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsregion.config.settings_test")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ.setdefault("IMPULSREGION_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

    django.setup()

    call_command("migrate", verbosity=0)


def timings(run: Callable[[], object], repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        result.append(time.perf_counter() - started)
    return result


def median_and_worst_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median and the slowest of `repeat` runs, in milliseconds."""
    seconds = timings(run, repeat)
    return statistics.median(seconds) * 1000, max(seconds) * 1000


def report(label: str, seconds: list[float], target: str = "") -> None:
    ordered = sorted(seconds)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    suffix = f"  (target {target})" if target else ""
    print(
        f"{label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms over {len(ordered)} runs{suffix}", flush=True
    )
