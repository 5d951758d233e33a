"""Two server processes on one database, each with its own local cache (the default): what
one process writes, the other shows at once on pages, feeds (no stale 304) and the API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e_support import CLI, SEED, Browser, ThrowawayDatabase, free_port, server_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_url() -> Iterator[str]:
    """A database of its own, migrated by the command line as an administrator would."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        database = ThrowawayDatabase(server_url(db), "impulsregion_two")
        database.create()
        yield database.url
        database.drop()
    else:
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"impulsregion-two-{uuid.uuid4().hex}"
        folder.mkdir()
        yield f"sqlite:///{folder / 'db.sqlite3'}"


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str, list[int], str]]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "IMPULSREGION_VAR_DIR": str(tmp_path),
        "IMPULSREGION_SECRET_KEY": "two-processes-test-key-0123456789abcdef",
        "IMPULSREGION_CACHE_URL": "",  # each process its own memory: the hard case
        "DJANGO_SETTINGS_MODULE": "impulsregion.config.settings",
    }
    subprocess.run([CLI, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    seeded = subprocess.run(
        [CLI, "shell", "-c", SEED], env=env, check=True, capture_output=True, text=True
    ).stdout
    *ids, key = seeded.split("SEED", 1)[1].split()
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [CLI, "serve", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        yield a, b, [int(i) for i in ids], key
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def _surfaces(reader: Browser) -> dict[str, str]:
    return {
        "list page": reader.get("/kalender/")[2],
        "api": reader.get("/api/v1/events")[2],
        "ics": reader.get("/feeds/events.ics")[2],
        "atom": reader.get("/feeds/events.atom")[2],
        "json-ld": reader.get("/feeds/events.jsonld")[2],
    }


def _shown(reader: Browser, title: str) -> dict[str, bool]:
    return {name: title in text for name, text in _surfaces(reader).items()}


def test_writes_through_one_process_show_at_once_through_the_other(two_servers) -> None:  # type: ignore[no-untyped-def]
    a, b, (concert, reading, premiere), key = two_servers
    office, reader = Browser(a), Browser(b)
    everywhere, nowhere = (
        dict.fromkeys(_surfaces(reader), True),
        dict.fromkeys(_surfaces(reader), False),
    )
    assert _shown(reader, "Zweiprozess-Konzert") == everywhere
    assert _shown(reader, "Zweiprozess-Premiere") == nowhere
    etag = reader.get("/feeds/events.ics")[1]["ETag"]
    office.log_in("buero", "geheim-buero-1")

    token = office.form_token(f"/admin/calendar/event/{concert}/delete/")
    deleted = office.send(
        "POST",
        f"/admin/calendar/event/{concert}/delete/",
        {"csrfmiddlewaretoken": token, "post": "yes"},
    )
    assert deleted == 200
    assert _shown(reader, "Zweiprozess-Konzert") == nowhere
    assert reader.get("/feeds/events.ics", **{"If-None-Match": etag})[0] == 200

    edit = {
        "title_de": "Zweiprozess-Lesung neu betitelt",
        "occurrences": [json.loads(reader.get(f"/api/v1/events/{reading}")[2])["occurrences"][0]],
    }
    edited = office.send(
        "PUT",
        f"/api/v1/events/{reading}",
        edit,
        Authorization=f"Bearer {key}",
        **{"Content-Type": "application/json"},
    )
    assert edited == 200
    assert _shown(reader, "Zweiprozess-Lesung neu betitelt") == everywhere
    assert "Zweiprozess-Lesung neu betitelt" in reader.get(f"/kalender/veranstaltung/{reading}/")[2]

    token = office.form_token("/admin/calendar/event/")
    published = office.send(
        "POST",
        "/admin/calendar/event/",
        {"csrfmiddlewaretoken": token, "action": "publish", "_selected_action": [premiere]},
    )
    assert published == 200
    assert _shown(reader, "Zweiprozess-Premiere") == everywhere
