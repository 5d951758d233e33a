"""Backup and restore of the database and the media folder (``impulsregion backup``/``restore``).

A backup is two files with one time stamp in their names:

- the database: ``impulsregion-<UTC stamp>.pgdump`` (``pg_dump -Fc``, one consistent snapshot
  while the platform keeps running) or, on SQLite, ``impulsregion-<stamp>.sqlite3`` (SQLite's
  online backup API, consistent even while other processes write);
- the media folder: ``impulsregion-<stamp>.media.tar.gz``.

The database is written first, the media folder second: every file the dump refers to is in
the archive, unless it was deleted in between. Files are written under a temporary name, readable
by their owner only, and renamed when complete. A restore goes into an *empty* database and an
empty (or missing) media folder, so it can never mix two states.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MEDIA_SUFFIX = ".media.tar.gz"


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why in one sentence."""


@dataclass(frozen=True)
class Backup:
    database: Path
    media: Path


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _is_postgresql(db: dict[str, Any]) -> bool:
    return str(db["ENGINE"]).endswith("postgresql")


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    """libpq's variables: the password never appears on a command line."""
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", (db.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _run(argv: list[str], env: dict[str, str]) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(
            f"{argv[0]} is not installed: install the Debian package postgresql-client."
        )
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip() or result.returncode}")


def _private_file(path: Path) -> None:
    """Create an empty file only its owner may read (a backup holds personal data)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))


def backup(folder: Path, *, now: datetime, report: Callable[[str], None]) -> Backup:
    """Write the database, then the media folder, into ``folder``; return both files."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"impulsregion-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    db = _database()
    database = folder / (stem + (".pgdump" if _is_postgresql(db) else ".sqlite3"))
    media = folder / (stem + MEDIA_SUFFIX)
    if database.exists() or media.exists():
        raise BackupError(f"A backup named {stem} exists already in {folder}.")
    report(f"database → {database}")
    _write_atomically(database, lambda part: _dump_database(db, part))
    report(f"media folder {settings.MEDIA_ROOT} → {media}")
    _write_atomically(media, lambda part: _archive_media(Path(settings.MEDIA_ROOT), part))
    return Backup(database=database, media=media)


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    part = target.with_name(target.name + ".part")
    _private_file(part)
    try:
        write(part)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.rename(target)


def _dump_database(db: dict[str, Any], target: Path) -> None:
    if _is_postgresql(db):
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], _pg_env(db))
        return
    _sqlite_copy(Path(db["NAME"]), target)


def _archive_media(media_root: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as archive:
        # the folder's contents, named relative to it; an absent folder gives an empty archive
        if media_root.is_dir():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)


def media_beside(database: Path) -> Path:
    """The media archive written with a database backup (same folder, same time stamp)."""
    return database.with_name(database.name.rsplit(".", 1)[0] + MEDIA_SUFFIX)


def restore(database: Path, *, media: Path | None, report: Callable[[str], None]) -> None:
    """Restore a backup into the configured, empty database and the empty media folder."""
    db = _database()
    _check_restorable(db, database, media)
    report(f"{database} → database {db['NAME']}")
    connection.close()
    if _is_postgresql(db):
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={db['NAME']}",
                str(database),
            ],
            _pg_env(db),
        )
    else:
        _restore_sqlite(database, Path(db["NAME"]))
    if media is not None:
        media_root = Path(settings.MEDIA_ROOT)
        report(f"{media} → media folder {media_root}")
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media, "r:gz") as archive:
            archive.extractall(media_root, filter="data")


def _check_restorable(db: dict[str, Any], database: Path, media: Path | None) -> None:
    for path in (database, media):
        if path is not None and not path.is_file():
            raise BackupError(f"The backup file {path} does not exist.")
    expected = ".pgdump" if _is_postgresql(db) else ".sqlite3"
    if database.suffix != expected:
        raise BackupError(
            f"{database.name} is not a {expected} backup, but the configured database is "
            f"{'PostgreSQL' if expected == '.pgdump' else 'SQLite'}."
        )
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {db['NAME']} is not empty ({len(tables)} tables): restore into a "
            "new, empty database."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media is not None and media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(
            f"The media folder {media_root} is not empty: restore into an empty folder."
        )


def _restore_sqlite(source_path: Path, target_path: Path) -> None:
    target_path.parent.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(source_path, target_path)


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup: a consistent copy even while other processes write."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
