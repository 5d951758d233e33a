"""What the end-to-end tests and the cluster test share: a seeded database, a plain HTTP client
with cookies and CSRF tokens, free ports."""

from __future__ import annotations

import http.cookiejar
import json
import re
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

import psycopg

CLI = Path(sys.executable).parent / "impulsregion"
SEED = """
import datetime as dt
from django.contrib.auth import get_user_model
from impulsregion.calendar.models import Event, Occurrence, Place, Publisher
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
hall = Place.objects.create(name="Volkshaus", postal_code="07743", locality="Jena",
    ags="16053000", municipality=jena)
ids = []
for title, public in (("Zweiprozess-Konzert", True), ("Zweiprozess-Lesung", True),
                      ("Zweiprozess-Premiere", False)):
    event = Event.objects.create(organisation=jena, title_de=title, place=hall,
        public_status="published" if public else "submitted",
        public_from=since if public else None)
    Occurrence.objects.create(event=event, start=start, end=start + dt.timedelta(hours=2),
        public_from=event.public_from, municipality=jena)
    ids.append(event.pk)
_token, key = issue_api_token(organisation=jena, user=editor, name="test", acting_user=office)
print("SEED", *ids, key)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing answers on port {port} after {seconds:.0f} s")


class Browser:
    """A visitor or staff member talking HTTP to one server (cookies, CSRF tokens)."""

    def __init__(self, base: str, *, behind_https: bool = False) -> None:
        """``behind_https``: the server sits behind a balancer that ends TLS (it sends
        X-Forwarded-Proto: https), so cookies are marked Secure and the Referer must be
        https; this client speaks plain HTTP to the balancer and plays along."""
        self.base = base
        self.behind_https = behind_https
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
        if self.behind_https:
            request.add_header("X-Forwarded-Proto", "https")  # as the balancer says it
        try:
            with self.opener.open(request, timeout=30) as response:
                answer = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            answer = error.code, dict(error.headers), error.read()
        if self.behind_https:
            for cookie in self.jar:
                cookie.secure = False
        return answer

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        status, response_headers, body = self._open(
            urllib.request.Request(self.base + path, headers=headers)
        )
        return status, response_headers, body.decode()

    def send(self, method: str, path: str, data: dict, **headers: str) -> int:  # type: ignore[type-arg]
        if headers.get("Content-Type") == "application/json":
            body = json.dumps(data).encode()
        else:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        referer = self.base.replace("http://", "https://", 1) if self.behind_https else self.base
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers={"Referer": referer, **headers}
        )
        return self._open(request)[0]

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


class ThrowawayDatabase:
    """A PostgreSQL database of its own on the server of `server_url`, made and dropped by name
    (e2e tests, the cluster test and the HTTP benchmark never touch the test database)."""

    def __init__(self, server_url: str, prefix: str) -> None:
        self.server = server_url.rsplit("/", 1)[0]
        self.name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.url = f"{self.server}/{self.name}"

    def _admin(self, sql: str) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def server_url(db: dict[str, object]) -> str:
    """The postgres:// address of a Django database setting's server."""
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class _FormFields(HTMLParser):
    """The fields of the form with id `form_id` as a browser would send them unchanged."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        if tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") not in {"checkbox", "radio"}:
                self.fields.append((a["name"], a.get("value", "")))
            elif "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                name, text = self.fields[-1]
                self.fields[-1] = (name, text.removeprefix("\n"))
            self._textarea = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """The name/value pairs the form `form_id` on `html` sends when saved unchanged."""
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.fields
