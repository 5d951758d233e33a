"""Reading a source: local files, folders, or a URL fetched with a time-out, a size limit
and a content-type check."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from impulsregion.calendar.messages import problem_message
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
    if source.startswith(("http://", "https://")):
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
            raise ImportRejected(problem_message("too-large", f"{max_bytes() // 1024 // 1024} MB"))
        documents.append(file.read_bytes())
    return documents


def fetch_url(url: str, source_format: str, *, timeout: float = 20.0) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Impulsregion-Kulturkalender/1.0"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in CONTENT_TYPES.get(source_format, ()):
                raise ImportRejected(problem_message("content-type", content_type))
            data = response.read(max_bytes() + 1)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise ImportRejected(problem_message("fetch-failed", str(error)[:200])) from error
    if len(data) > max_bytes():
        raise ImportRejected(problem_message("too-large", f"{max_bytes() // 1024 // 1024} MB"))
    return data
