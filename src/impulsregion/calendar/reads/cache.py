"""The calendar's cache policy: what is kept, under which key, for how long, and what ends it.

Small values live in Django's cache (`CACHES`, from `IMPULSREGION_CACHE_URL`: Redis shared by
every process and node in production, this process's memory by default). Feed bodies (tens
of megabytes) are files in `IMPULSREGION_FEED_DIR`, shared by the processes of a machine:
reading one costs what a static file costs, where a cache would copy it through pickle or
the network on every request. Nothing is kept in a module's own dictionary. Every key names the **data version**; a change of the data makes a
new version and so new keys, and the old entries age out. Nothing is deleted by hand.

The data version is read from the database on each request (one indexed lookup): the number
and time of `CalendarRevision`, which triggers bump in the same transaction as every write of
events, dates, venues and categories (see its model), and the latest embargo that has ended,
so an event whose `publish_at` passes shows without any write. The time makes a version
unique even where the number repeats (a database restored from a backup, a test's rollback).

=====================  =====================================  ==========  ======================
what                   key names                              kept        ended by
=====================  =====================================  ==========  ======================
feed bodies (.ics,     the feed, the parameters it reads      1 hour,     data version, the day
Atom, JSON-LD), files  (others are ignored), the day          200 files   (30-day window moves)
text matches           the words                              10 min      data version
"many matches" hint    the words                              10 min      (only picks a way)
counts of events and   the filters                            2 min       data version, minute
dates (capped)
dates still running    the filters but the range, the minute  2 min       data version, minute
=====================  =====================================  ==========  ======================

Process-local but not responses: compiled SQL of `prepared.Prepared` (by shape) and the
tariff of `transit.queries` (checked against `TariffRevision` on every use).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from impulsregion.calendar.models import CalendarRevision, Event

T = TypeVar("T")

FEED_SECONDS = 3600
FEED_FILES = 200
TEXT_SECONDS = 600
COUNT_SECONDS = 120
RUNNING_SECONDS = 120
PAGE_SECONDS = 120
PAGE_RENDER_SECONDS = 10  # while one process renders a page, the others serve its last copy


class Version(NamedTuple):
    """The data version (`key`, for cache keys and ETags) and when the public data last
    changed (`changed`, for Last-Modified): the last write or the last embargo ended."""

    key: str
    changed: datetime | None


def _version_sql() -> str:
    quote = connection.ops.quote_name
    revision, events = quote(CalendarRevision._meta.db_table), quote(Event._meta.db_table)
    return (
        f'SELECT r."number", r."changed_at", '
        f'(SELECT MAX("public_from") FROM {events} WHERE "public_from" <= %s) '
        f'FROM (SELECT 1) one LEFT JOIN {revision} r ON r."id" = 1'
    )


def _aware(value: Any) -> datetime | None:
    """A date-time as the database hands it over: SQLite gives UTC as text or naive values."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value  # type: ignore[no-any-return]


def version_at(now: datetime) -> Version:
    """The calendar's data version at `now` (plain SQL: asked on every list request)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [connection.ops.adapt_datetimefield_value(now)])
        number, written, embargo = cursor.fetchone()
    written, embargo = _aware(written), _aware(embargo)
    changed = max((t for t in (written, embargo) if t is not None), default=None)
    stamps = ":".join(f"{t.timestamp():.6f}" if t else "0" for t in (written, embargo))
    return Version(f"{number or 0}:{stamps}", changed)


def data_version(now: datetime) -> str:
    return version_at(now).key


def request_version(request: HttpRequest, now: datetime) -> Version:
    """The data version, read once per request."""
    version = getattr(request, "_calendar_version", None)
    if version is None:
        version = version_at(now)
        request._calendar_version = version  # type: ignore[attr-defined]
    return version  # type: ignore[no-any-return]


def key(kind: str, *parts: str) -> str:
    return f"calendar:{kind}:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def kept_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A calendar page as rendered for anonymous visitors, kept in the shared cache under its
    validator (`page_etag`: data version, language, path and query, minute): each page is
    rendered once a minute for the whole cluster, not once per request. When the minute
    turns, one request renders the page while the others get the copy of the minute before
    (same data version), instead of all rendering it at once. Signed-in users (no validator)
    and answers that set a cookie are never kept."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page_key = getattr(request, "_page_etag", None)
        if page_key is None:
            return view(request, *args, **kwargs)
        latest = request._page_latest  # type: ignore[attr-defined]
        kept = cache.get(page_key)
        if kept is None and not cache.add(f"{page_key}:rendering", 1, PAGE_RENDER_SECONDS):
            kept = cache.get(latest)  # another process renders this minute's copy
        if kept is not None:
            content, content_type = kept
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                value = (response.content, response["Content-Type"])
                cache.set_many({page_key: value, latest: value}, PAGE_SECONDS)
        response.versioned = True  # type: ignore[attr-defined]  # kept here, by data version
        return response

    return wrapper


def remember(cache_key: str, build: Callable[[], T], seconds: int) -> T:
    """The value kept under `cache_key`, else `build()` kept for `seconds`."""
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, seconds)
    return value  # type: ignore[no-any-return]


def note(cache_key: str, value: Any, seconds: int) -> None:
    cache.set(cache_key, value, seconds)


def noted(cache_key: str) -> Any:
    return cache.get(cache_key)


def kept_file(cache_key: str, build: Callable[[], bytes]) -> Path:
    """The file of the body kept under `cache_key`, else `build()` written there, with a gzip
    copy beside it (`<name>.gz`). Both are written atomically: a process reading meanwhile
    sees a whole body or none. The gzip copy is made once, when the body is built, so no
    request compresses megabytes."""
    folder = Path(settings.IMPULSREGION_FEED_DIR)
    path = folder / cache_key.replace(":", "-")
    if path.exists() and path.with_name(path.name + ".gz").exists():
        return path
    body = build()
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(folder, path.with_name(path.name + ".gz"), gzip.compress(body, 6, mtime=0))
    _write_atomically(folder, path, body)
    _prune(folder)
    return path


def _write_atomically(folder: Path, path: Path, body: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".building-")
    with os.fdopen(handle, "wb") as file:
        file.write(body)
    os.replace(temporary, path)


def _prune(folder: Path) -> None:
    """Bodies older than `FEED_SECONDS`, and all but the newest `FEED_FILES`, go."""
    files = []
    for entry in os.scandir(folder):
        try:
            files.append((entry.stat().st_mtime, entry.path))
        except FileNotFoundError:  # another process pruned it meanwhile
            continue
    files.sort(reverse=True)
    oldest = time.time() - FEED_SECONDS
    for position, (modified, path) in enumerate(files):
        if position >= FEED_FILES or modified < oldest:
            Path(path).unlink(missing_ok=True)


def forget_bodies() -> None:
    """Remove every kept body (tests start from none, as from an empty cache)."""
    folder = Path(settings.IMPULSREGION_FEED_DIR)
    if folder.is_dir():
        for entry in os.scandir(folder):
            Path(entry.path).unlink(missing_ok=True)
