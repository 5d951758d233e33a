"""``impulsregion backup`` and ``restore`` as an administrator runs them: a database of its own,
filled through the application, backed up, lost, restored into an empty database and folder.

The test runs against the database of the pass: SQLite in the first pass, PostgreSQL (real
pg_dump and pg_restore) in the second, where ``DATABASE_URL`` names a PostgreSQL server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e_support import CLI, ThrowawayDatabase, server_url

pytestmark = pytest.mark.integration

SEED = """
import datetime as dt
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.region.models import Organisation
from impulsregion.region.services import load_region
load_region()
jena = Organisation.objects.get(slug="jena")
start = dt.datetime(2031, 5, 17, 19, tzinfo=dt.UTC)
event = Event.objects.create(organisation=jena, title_de="Sicherungskonzert",
    public_status="published", public_from=start - dt.timedelta(days=30))
Occurrence.objects.create(event=event, start=start, end=start + dt.timedelta(hours=2),
    public_from=event.public_from, municipality=jena)
default_storage.save("plakate/sicherungskonzert.txt", ContentFile("Plakat Jena 2031".encode()))
"""
STATE = """
import json
from django.core.files.storage import default_storage
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.region.models import Organisation
name = "plakate/sicherungskonzert.txt"
print(json.dumps({
    "organisations": Organisation.objects.count(),
    "events": sorted(Event.objects.values_list("title_de", flat=True)),
    "occurrences": Occurrence.objects.count(),
    "file": default_storage.open(name).read().decode() if default_storage.exists(name) else None,
}))
"""


class Installation:
    """One installation's environment: its database and its var and media folders."""

    def __init__(self, database_url: str, var_dir: Path) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "IMPULSREGION_VAR_DIR": str(var_dir),
            "IMPULSREGION_MEDIA_DIR": str(var_dir / "media"),
        }
        self.media = var_dir / "media"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CLI), *args], env=self.env, capture_output=True, text=True, check=False
        )

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def state(self) -> dict[str, object]:
        return json.loads(self.ok("shell", "-c", STATE).strip().splitlines()[-1])


@pytest.fixture
def postgresql() -> Iterator[ThrowawayDatabase]:
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip(
            "the PostgreSQL backup test runs in the PostgreSQL pass "
            "(DATABASE_URL=postgres://…); this pass tests the SQLite backup"
        )
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("pg_dump/pg_restore are missing: apt-get install -y postgresql-client")
    database = ThrowawayDatabase(server_url(settings.DATABASES["default"]), "impulsregion_backup")
    database.create()
    yield database
    database.drop()


def _backup_lose_restore(site: Installation, tmp_path: Path, lose: object) -> None:
    site.ok("migrate", "--no-input", "-v", "0")
    site.ok("shell", "-c", SEED)
    before = site.state()
    out = site.ok("backup", "--to", str(tmp_path / "backups"))
    files = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert "Backup done" in out
    assert len(files) == 2

    assert callable(lose)
    lose()
    shutil.rmtree(site.media)
    database = next(p for p in (tmp_path / "backups").iterdir() if "media" not in p.name)
    site.ok("restore", str(database))

    assert before["events"] == ["Sicherungskonzert"]
    assert before["file"] == "Plakat Jena 2031"
    assert site.state() == before
    refused = site.run("restore", str(database))
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr


def test_backup_and_restore_on_sqlite_bring_back_rows_and_files(tmp_path: Path) -> None:
    database = tmp_path / "var" / "impulsregion.sqlite3"
    site = Installation(f"sqlite:///{database}", tmp_path / "var")

    def lose() -> None:
        for path in database.parent.glob("impulsregion.sqlite3*"):
            path.unlink()

    _backup_lose_restore(site, tmp_path, lose)


def test_backup_and_restore_on_postgresql_bring_back_rows_and_files(
    postgresql: ThrowawayDatabase, tmp_path: Path
) -> None:
    site = Installation(postgresql.url, tmp_path / "var")

    def lose() -> None:
        postgresql.drop()
        postgresql.create()

    _backup_lose_restore(site, tmp_path, lose)
