"""The calendar's background jobs: imports (from the browser, the command line, subscriptions)."""

from __future__ import annotations

import shutil
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.models import FeedSubscription
from impulsregion.calendar.services.fetching import read_source
from impulsregion.calendar.services.importing import ImportRejected, import_events
from impulsregion.calendar.services.moderation import ModerationError
from impulsregion.calendar.services.publishing import publish_events
from impulsregion.common.jobs import JobRefused, job, periodic
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
    subscription_id: int | None = None,
) -> dict[str, Any]:
    """Import a URL or an uploaded file (``upload``, under the media folder) for a member.

    The import is one transaction: a worker killed in the middle leaves nothing behind, and the
    job runs again from the start on another worker. A file the importer refuses fails the job
    with the importer's sentence, without retries."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            counts = _import(organisation_id, source_format, source_key, source, upload, user_id)
        except Exception as error:
            _note_result(subscription_id, _("failed: %(error)s") % {"error": error})
            raise
        _note_result(subscription_id, summary(counts))
    return counts


def _import(
    organisation_id: int,
    source_format: str,
    source_key: str,
    source: str,
    upload: str,
    user_id: int | None,
) -> dict[str, Any]:
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
    return report.counts()


def summary(counts: dict[str, Any]) -> str:
    return str(
        _(
            "%(created)s new, %(updated)s changed, %(unchanged)s unchanged, "
            "%(withdrawn)s withdrawn, %(rejected)s rejected"
        )
        % counts
    )


def _note_result(subscription_id: int | None, text: str) -> None:
    if subscription_id is not None:
        FeedSubscription.objects.filter(pk=subscription_id).update(last_result=text[:2000])


def enqueue_subscription(subscription: FeedSubscription, now: datetime) -> str:
    """Queue the import of one subscribed feed now; the job's id."""
    result = import_calendar.enqueue(
        organisation_id=subscription.organisation_id,
        source_format=subscription.source_format,
        source_key=subscription.source_key,
        source=subscription.url,
        user_id=subscription.created_by_id,
        subscription_id=subscription.pk,
    )
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        last_enqueued_at=now, last_job_id=str(result.id)
    )
    return str(result.id)


@periodic("refresh-subscriptions", every=timedelta(minutes=15))
@job(label=_("Fetch subscribed calendar feeds"))
def refresh_subscriptions() -> dict[str, int]:
    """Queue an import for every active subscription whose interval has passed (each feed its
    own job, so one slow or broken feed delays no other)."""
    now = timezone.now()
    queued = 0
    for subscription in FeedSubscription.objects.filter(active=True).order_by("pk"):
        last = subscription.last_enqueued_at
        if last is None or last <= now - timedelta(hours=subscription.every_hours):
            with transaction.atomic():
                enqueue_subscription(subscription, now)
            queued += 1
    return {"queued": queued}


@job(label=_("Publish events"))
def publish_events_job(*, event_ids: list[int], user_id: int) -> dict[str, Any]:
    """The office's publication of a large selection, in one transaction, off the request."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            report = publish_events(events=event_ids, user=user_id, now=timezone.now())
        except ModerationError as error:
            raise JobRefused(error.message) from error
    return report.as_dict()
