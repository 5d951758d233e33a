"""Jobs that only the tests enqueue (importable by path, as a worker imports every job)."""

from __future__ import annotations

from pathlib import Path

from impulsregion.common.jobs import JobRefused, job


@job(label="Flaky test job", retries=2)
def fails_once(marker: str) -> str:
    """Fails the first time (no marker file yet), succeeds the second."""
    path = Path(marker)
    if not path.exists():
        path.write_text("tried")
        raise ConnectionError("the feed server did not answer")
    return "done"


@job(label="Always failing test job", retries=1)
def always_fails() -> None:
    raise ConnectionError("down for good")


@job(label="Refusing test job")
def refuses() -> None:
    raise JobRefused("Die Datei ist kein Kalender.")
