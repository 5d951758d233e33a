"""People keep working while a long import runs on the embedded database (SQLite, one writer at
a time): API writes, logins, back-office saves and a second import all succeed, maybe slower,
and nothing is lost."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e_support import CLI, SEED, Browser, form_fields, free_port, wait_for_port

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="a test of the embedded database (SQLite); it runs in the SQLite pass",
    ),
]

IMPORT_ROWS = 25_000
API_WRITES = 50
LOGINS = 20
ADMIN_SAVES = 10


@dataclass
class Site:
    base: str
    env: dict[str, str]
    database: Path
    folder: Path
    event_ids: list[int]
    key: str


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    database = tmp_path / "db.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("IMPULSREGION_", "DATABASE"))},
        "DATABASE_URL": f"sqlite:///{database}",
        "IMPULSREGION_VAR_DIR": str(tmp_path),
        "IMPULSREGION_SECRET_KEY": "writers-during-import-test-key-0123456789abcdef",
        "DJANGO_SETTINGS_MODULE": "impulsregion.config.settings",
    }
    subprocess.run([CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    seeded = subprocess.run(
        [CLI, "shell", "-c", SEED], env=env, check=True, capture_output=True, text=True
    ).stdout
    *ids, key = seeded.split("SEED", 1)[1].split()
    port = free_port()
    server = subprocess.Popen(
        [CLI, "serve", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("wb"),
    )
    try:
        wait_for_port(port, 60)
        yield Site(f"http://127.0.0.1:{port}", env, database, tmp_path, [int(i) for i in ids], key)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _spreadsheet(path: Path, rows: int, prefix: str) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["id", "title_de", "start_date", "start_time", "venue", "postal_code", "town"])
    first = date.today() + timedelta(days=10)
    for n in range(rows):
        day = first + timedelta(days=n % 300)
        writer.writerow(
            [
                f"{prefix}-{n}",
                f"{prefix} {n}",
                day.isoformat(),
                "19:30",
                "Volkshaus",
                "07743",
                "Jena",
            ]
        )
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _import(site: Site, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CLI, "import-events", str(path), "--format", "csv", "--organisation", "jena", "-v", "0"],
        env=site.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _api_write(site: Site, n: int) -> int:
    start = (date.today() + timedelta(days=5)).isoformat()
    return Browser(site.base).send(
        "POST",
        "/api/v1/events",
        {
            "title_de": f"Während des Imports {n}",
            "occurrences": [{"start": f"{start}T19:00:00+01:00"}],
        },
        Authorization=f"Bearer {site.key}",
        **{"Content-Type": "application/json"},
    )


def _log_in(site: Site, _n: int) -> int:
    visitor = Browser(site.base)
    visitor.log_in("buero", "geheim-buero-1")  # asserts the session
    return 200


def _admin_save(site: Site, office: Browser, n: int) -> int:
    path = f"/admin/calendar/event/{site.event_ids[1]}/change/"
    fields = [(k, v) for k, v in form_fields(office.get(path)[2], "event_form") if k != "title_de"]
    return office.send("POST", path, [*fields, ("title_de", f"Lesung, Fassung {n}")])  # type: ignore[arg-type]


def _writing(database: Path) -> bool:
    """Whether some process holds the database's write lock right now."""
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def _count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_writes_logins_saves_and_a_second_import_succeed_during_a_long_import(site: Site) -> None:
    big = _spreadsheet(site.folder / "gross.csv", IMPORT_ROWS, "gross")
    small = _spreadsheet(site.folder / "klein.csv", 300, "klein")
    office = Browser(site.base)
    office.log_in("buero", "geheim-buero-1")
    began = time.monotonic()
    long_import = _import(site, big)
    while not _writing(site.database):
        assert long_import.poll() is None, long_import.stderr.read()  # type: ignore[union-attr]
        time.sleep(0.02)
    second_import = _import(site, small)
    lock = threading.Lock()
    saves: list[int] = []
    order: list[int] = []

    def save(n: int) -> int:
        with lock:  # one office member saving again and again
            saves.append(_admin_save(site, office, n))
            order.append(n)
        return saves[-1]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        writes = list(pool.map(lambda n: _api_write(site, n), range(API_WRITES)))
        logins = list(pool.map(lambda n: _log_in(site, n), range(LOGINS)))
        list(pool.map(save, range(ADMIN_SAVES)))
    busy = time.monotonic() - started
    still_importing = long_import.poll() is None
    big_err = long_import.communicate(timeout=600)[1]
    imported = time.monotonic() - began
    small_err = second_import.communicate(timeout=600)[1]

    assert writes == [201] * API_WRITES
    assert logins == [200] * LOGINS
    assert saves == [200] * ADMIN_SAVES  # the list page after the save
    assert (long_import.returncode, big_err) == (0, "")
    assert (second_import.returncode, small_err) == (0, "")
    titles = "SELECT count(*) FROM calendar_event WHERE title_de LIKE "
    assert _count(site.database, titles + "'gross %'") == IMPORT_ROWS
    assert _count(site.database, titles + "'klein %'") == 300
    assert _count(site.database, titles + "'Während des Imports %'") == API_WRITES
    assert _count(site.database, titles + f"'Lesung, Fassung {order[-1]}'") == 1
    assert still_importing, (
        f"the import ended before the writers did ({busy:.1f} s): make it longer"
    )
    print(
        f"{API_WRITES} writes, {LOGINS} logins, {ADMIN_SAVES} saves in {busy:.1f} s, "
        f"during an import of {IMPORT_ROWS} rows in {imported:.1f} s"
    )
