"""Reading a source: local files, folders, or a URL fetched with a time-out, a size limit
and a content-type check."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from impulsregion.calendar.messages import problem_message
from impulsregion.calendar.services.guarded_http import SCHEMES, Deadline, Refused, opener
from impulsregion.calendar.services.importing import ImportRejected

EXTENSIONS = {
    "ics": (".ics", ".ical"),
    "thuecat": (".json", ".jsonld"),
    "destination-one": (".json",),
    "csv": (".csv", ".txt"),
}
CONTENT_TYPES = {
    "ics": ("text/calendar", "text/plain", "application/octet-stream"),
    "thuecat": ("application/ld+json", "application/json"),
    "destination-one": ("application/json", "text/json", "text/plain"),
    "csv": ("text/csv", "text/plain", "application/octet-stream"),
}


def max_bytes() -> int:
    return int(getattr(settings, "IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES", 20 * 1024 * 1024))


def read_source(source: str, source_format: str, *, timeout: float = 20.0) -> list[bytes]:
    """The documents of `source` (a file, a folder of files, or an http(s) URL)."""
    if source.lower().startswith(("http://", "https://", "webcal://", "webcals://")):
        return [fetch_url(source, source_format, timeout=timeout)]
    path = Path(source)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in EXTENSIONS.get(source_format, ())
        )
        if not files:
            raise ImportRejected(
                _("The folder %(path)s contains no files of this format.") % {"path": source}
            )
    elif path.is_file():
        files = [path]
    else:
        raise ImportRejected(_("The file %(path)s does not exist.") % {"path": source})
    documents = []
    for file in files:
        if file.stat().st_size > max_bytes():
            raise ImportRejected(problem_message("too-large", _size(max_bytes())))
        documents.append(file.read_bytes())
    return documents


def _size(limit: int) -> str:
    return f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def fetch_seconds() -> float:
    """How long a whole download may take (a server may send a byte now and then forever)."""
    return float(getattr(settings, "IMPULSREGION_CALENDAR_FETCH_SECONDS", 60))


class _Unreachable(Exception):
    pass


def fetch_url(url: str, source_format: str, *, timeout: float = 20.0) -> bytes:
    """The body at `url`: within `timeout` seconds per network wait and `fetch_seconds()` in
    all, at most `max_bytes()`, of a content type the format may come as. A calendar
    subscription link (`webcal://`) is fetched over https, and over http if https fails."""
    scheme, _separator, rest = url.partition("://")
    if scheme.lower() in ("webcal", "webcals"):
        try:
            return _fetch(f"https://{rest}", source_format, timeout)
        except _Unreachable as error:
            if scheme.lower() == "webcals":
                raise ImportRejected(problem_message("fetch-failed", str(error))) from error
        url = f"http://{rest}"
    try:
        return _fetch(url, source_format, timeout)
    except _Unreachable as error:
        raise ImportRejected(problem_message("fetch-failed", str(error))) from error


def _fetch(url: str, source_format: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Impulsregion-Kulturkalender/1.0"})
    seconds, limit = fetch_seconds(), max_bytes()
    deadline = Deadline(seconds)
    chunks: list[bytes] = []
    size = 0
    try:
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise Refused(f"{url[:100]} (only http and https are fetched)")
        with opener(deadline).open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in CONTENT_TYPES.get(source_format, ()):
                raise ImportRejected(problem_message("content-type", content_type))
            while True:
                deadline.before_read(timeout)
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise ImportRejected(problem_message("too-large", _size(limit)))
                chunks.append(chunk)
    except (urllib.error.URLError, OSError, ValueError) as error:
        if time.monotonic() >= deadline.end:  # a wait cut at the deadline, wherever it was
            raise _Unreachable(
                _("the answer took longer than %(seconds)g seconds") % {"seconds": seconds}
            ) from error
        raise _Unreachable(str(error)[:200]) from error
    return b"".join(chunks)
