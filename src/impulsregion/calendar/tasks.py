"""The calendar's background jobs: imports (from the browser, the command line, subscriptions)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.services.fetching import read_source
from impulsregion.calendar.services.importing import ImportRejected, import_events
from impulsregion.common.jobs import JobRefused, job
from impulsregion.region.models import Organisation

UPLOAD_FOLDER = "imports"


def keep_upload(path: Path) -> str:
    """Copy a file to the shared media folder, where a worker on any node finds it; its name
    there (relative to the media folder) is what :func:`import_calendar` takes as ``upload``."""
    name = f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}{path.suffix.lower()}"
    target = Path(settings.MEDIA_ROOT) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return name


def _documents(source: str, upload: str, source_format: str) -> list[bytes]:
    if upload:
        path = Path(settings.MEDIA_ROOT) / upload
        if not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve() / UPLOAD_FOLDER):
            raise JobRefused(
                _("The uploaded file %(name)s is not an import file.") % {"name": upload}
            )
        return read_source(str(path), source_format)
    try:
        return read_source(source, source_format)
    except ImportRejected as error:
        # a feed that cannot be fetched now may answer later: this failure is retried
        raise ConnectionError(error.message) from error


@job(label=_("Import calendar"))
def import_calendar(
    *,
    organisation_id: int,
    source_format: str,
    source_key: str,
    source: str = "",
    upload: str = "",
    user_id: int | None = None,
) -> dict[str, Any]:
    """Import a URL or an uploaded file (``upload``, under the media folder) for a member.

    The import is one transaction: a worker killed in the middle leaves nothing behind, and the
    job runs again from the start on another worker. A file the importer refuses fails the job
    with the importer's sentence, without retries."""
    with translation.override(settings.LANGUAGE_CODE):
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise JobRefused(_("The member of this import no longer exists."))
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        documents = _documents(source, upload, source_format)
        try:
            report = import_events(
                documents=documents,
                source_format=source_format,
                organisation=organisation,
                source_key=source_key,
                now=timezone.now(),
                user=user,
            )
        except ImportRejected as error:
            raise JobRefused(error.message) from error
    if upload:
        (Path(settings.MEDIA_ROOT) / upload).unlink(missing_ok=True)
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "withdrawn": report.withdrawn,
        "rejected": len(report.rejected),
        "duplicates": report.duplicates,
    }
