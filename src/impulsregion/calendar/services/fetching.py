"""Reading a source: local files, folders, or a URL fetched with a time-out, a size limit
and a content-type check; a feed subscription asks the server first whether its feed changed
(`fetch_if_changed`)."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.formats import Unrecognised, recognise
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


def _extensions(source_format: str) -> tuple[str, ...]:
    """The file endings of `source_format`; of every format when it is "" (recognised later
    from the content)."""
    if source_format:
        return EXTENSIONS.get(source_format, ())
    return tuple({e for endings in EXTENSIONS.values() for e in endings})


def _content_types(source_format: str) -> tuple[str, ...]:
    if source_format:
        return CONTENT_TYPES.get(source_format, ())
    return tuple({t for types in CONTENT_TYPES.values() for t in types})


def recognised_format(documents: list[bytes]) -> str:
    """The one format all `documents` are in, from their content; `ImportRejected` with the
    reason when one is none of them or they differ."""
    found = set()
    for document in documents:
        try:
            found.add(recognise(document))
        except Unrecognised as error:
            raise ImportRejected(problem_message(error.code)) from error
    if len(found) != 1:
        raise ImportRejected(
            _("The files are in different formats (%(formats)s): import them one by one.")
            % {"formats": ", ".join(sorted(found))}
        )
    return found.pop()


def read_source(source: str, source_format: str, *, timeout: float = 20.0) -> list[bytes]:
    """The documents of `source` (a file, a folder of files, or an http(s) URL)."""
    if source.lower().startswith(("http://", "https://", "webcal://", "webcals://")):
        return [fetch_url(source, source_format, timeout=timeout)]
    path = Path(source)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in _extensions(source_format)
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


class FetchRejected(ImportRejected):
    """A fetch refused with a sentence that can be written again in another language: `render`
    writes it in the active one (a subscription keeps it in German and in English)."""

    def __init__(self, render: Callable[[], str]) -> None:
        super().__init__(render())
        self.render = render


class _Unreachable(Exception):
    """The server could not be reached; `detail` writes why in the active language."""

    def __init__(self, detail: Callable[[], str]) -> None:
        super().__init__(detail())
        self.detail = detail


class _Answered(_Unreachable):
    """The server answered with an error status; `detail` is the whole sentence for it."""


VALIDATOR_LENGTH = 1000  # the columns of FeedSubscription.etag and .last_modified


@dataclass(frozen=True)
class Fetched:
    """A server's answer: the body, or None when it said 304 Not Modified; the validators it
    sent (ETag, Last-Modified: empty when it sent none), to be sent back next time."""

    body: bytes | None
    etag: str = ""
    last_modified: str = ""


def fetch_url(url: str, source_format: str, *, timeout: float = 20.0) -> bytes:
    """The body at `url`: within `timeout` seconds per network wait and `fetch_seconds()` in
    all, at most `max_bytes()`, of a content type the format may come as. A calendar
    subscription link (`webcal://`) is fetched over https, and over http if https fails."""
    body = fetch_if_changed(url, source_format, timeout=timeout).body
    if body is None:  # only an answer to validators, which were not sent
        raise ImportRejected(problem_message("fetch-failed", "304 Not Modified"))
    return body


def fetch_if_changed(
    url: str,
    source_format: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = 20.0,
) -> Fetched:
    """`fetch_url` as a conditional request: with the ETag or Last-Modified of the last answer
    (each sent only when known), a server that has nothing new answers 304 and sends no body."""
    headers = {"User-Agent": "Impulsregion-Kulturkalender/1.0"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    scheme, _separator, rest = url.partition("://")
    if scheme.lower() in ("webcal", "webcals"):
        try:
            return _fetch(f"https://{rest}", source_format, timeout, headers)
        except _Unreachable as error:
            if scheme.lower() == "webcals":
                raise _rejection(error) from error
        url = f"http://{rest}"
    try:
        return _fetch(url, source_format, timeout, headers)
    except _Unreachable as error:
        raise _rejection(error) from error


def _rejection(error: _Unreachable) -> FetchRejected:
    if isinstance(error, _Answered):
        return FetchRejected(error.detail)
    detail = error.detail
    return FetchRejected(lambda: problem_message("fetch-failed", detail()))


def _status_sentence(status: int) -> str:
    """Why an answer with this HTTP status is no feed, for the member's editors."""
    if status in (404, 410):
        return _(
            "The address answered “not found” (HTTP %(status)s): the feed is not, or no longer, "
            "at this address; please check it."
        ) % {"status": status}
    if status in (401, 403):
        return _(
            "The server refused access to the address (HTTP %(status)s): a subscribed feed "
            "must be readable without a login."
        ) % {"status": status}
    if status >= 500:
        return _(
            "The feed's server reported an error of its own (HTTP %(status)s); the next fetch "
            "tries again."
        ) % {"status": status}
    return _("The server answered with HTTP status %(status)s instead of the feed.") % {
        "status": status
    }


def _fetch(url: str, source_format: str, timeout: float, headers: dict[str, str]) -> Fetched:
    request = urllib.request.Request(url, headers=headers)
    seconds, limit = fetch_seconds(), max_bytes()
    deadline = Deadline(seconds)
    chunks: list[bytes] = []
    size = 0
    try:
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise Refused(f"{url[:100]} (only http and https are fetched)")
        with opener(deadline).open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in _content_types(source_format):
                raise FetchRejected(lambda: problem_message("content-type", content_type))
            while True:
                deadline.before_read(timeout)
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise FetchRejected(lambda: problem_message("too-large", _size(limit)))
                chunks.append(chunk)
            answer = response.headers
    except urllib.error.HTTPError as error:  # an answer, but not the feed (urllib: status ≥ 300)
        error.close()
        conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
        if error.code == 304 and conditional:
            return Fetched(
                None, _validator(error.headers, "ETag"), _validator(error.headers, "Last-Modified")
            )
        status, text = error.code, str(error)[:200]
        if status >= 400:
            raise _Answered(lambda: _status_sentence(status)) from error
        raise _Unreachable(lambda: text) from error  # a redirect not followed
    except (urllib.error.URLError, OSError, ValueError) as error:
        if time.monotonic() >= deadline.end:  # a wait cut at the deadline, wherever it was
            raise _Unreachable(
                lambda: _("the answer took longer than %(seconds)g seconds") % {"seconds": seconds}
            ) from error
        cause = error
        raise _Unreachable(lambda: _network_detail(cause, url)) from error
    return Fetched(
        b"".join(chunks), _validator(answer, "ETag"), _validator(answer, "Last-Modified")
    )


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what it wraps (urllib nests the socket's error in URLError's reason)."""
    found: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(found) < 20:
        item = pending.pop()
        if isinstance(item, BaseException) and item not in found:
            found.append(item)
            pending += [getattr(item, "reason", None), item.__cause__, item.__context__]
    return found


def _network_detail(error: BaseException, url: str) -> str:
    """Why the server could not be reached, in words for the common causes."""
    causes = _causes(error)
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return _("the server name %(host)s is not known; please check the address for typos") % {
            "host": urlsplit(url).hostname or url[:100]
        }
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return _("the server does not accept connections (connection refused)")
    return str(error)[:200]


def _validator(headers: Message | None, name: str) -> str:
    """A validator header as sent, if it fits its column and is one line."""
    value = (headers.get(name) if headers is not None else None) or ""
    value = value.strip()
    return value if len(value) <= VALIDATOR_LENGTH and "\n" not in value else ""
