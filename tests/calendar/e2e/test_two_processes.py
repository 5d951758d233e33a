"""Two server processes on one database, each with its own local cache (the default): what
one process writes, the other shows at once on pages, feeds (no stale 304) and the API."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLI = Path(sys.executable).parent / "impulsregion"
SEED = """
import datetime as dt
from django.contrib.auth import get_user_model
from impulsregion.calendar.models import Event, Occurrence, Publisher
from impulsregion.calendar.services.tokens import issue_api_token
from impulsregion.region.models import Organisation, StaffRole
from impulsregion.region.services import load_region
load_region()
jena = Organisation.objects.get(slug="jena")
Publisher.objects.create(organisation=jena, is_trusted=True)
User = get_user_model()
office = User.objects.create_user("buero", password="geheim-buero-1", is_staff=True)
StaffRole.objects.create(user=office, organisation=jena, role="office")
editor = User.objects.create_user("redaktion", password="geheim-red-1", is_staff=True)
StaffRole.objects.create(user=editor, organisation=jena, role="editor")
start = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
ids = []
for title, public in (("Zweiprozess-Konzert", True), ("Zweiprozess-Lesung", True),
                      ("Zweiprozess-Premiere", False)):
    event = Event.objects.create(organisation=jena, title_de=title,
        public_status="published" if public else "submitted",
        public_from=since if public else None)
    Occurrence.objects.create(event=event, start=start, end=start + dt.timedelta(hours=2),
        public_from=event.public_from, municipality=jena)
    ids.append(event.pk)
_token, key = issue_api_token(organisation=jena, user=editor, name="test", acting_user=office)
print("SEED", *ids, key)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database_url() -> Iterator[str]:
    """A database of its own, migrated by the command line as an administrator would."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        name = f"impulsregion_two_{uuid.uuid4().hex[:8]}"
        admin = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        yield admin.rsplit("/", 1)[0] + f"/{name}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"impulsregion-two-{uuid.uuid4().hex}"
        folder.mkdir()
        yield f"sqlite:///{folder / 'db.sqlite3'}"


class Browser:
    """A visitor or staff member talking HTTP to one server (cookies, CSRF tokens)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def send(self, method: str, path: str, data: dict, **headers: str) -> int:  # type: ignore[type-arg]
        if headers.get("Content-Type") == "application/json":
            body = json.dumps(data).encode()
        else:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers={"Referer": self.base, **headers}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def form_token(self, path: str) -> str:
        html = self.get(path)[2]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]

    def log_in(self, username: str, password: str) -> None:
        token = self.form_token("/admin/login/")
        status = self.send(
            "POST",
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert status == 200
        assert "sessionid" in {cookie.name for cookie in self.jar}


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
    ports = [_free_port(), _free_port()]
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
