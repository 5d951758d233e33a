"""The calendar's background jobs: imports (from the browser, the command line) and the
runs of feed subscriptions."""

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
from impulsregion.calendar.services.public_submissions import forget_unconfirmed
from impulsregion.calendar.services.publishing import publish_events
from impulsregion.calendar.services.subscriptions import (
    REFRESH_EVERY,
    SubscriptionGone,
    due_subscriptions,
    run_subscription,
)
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
    with the importer's sentence, without retries. (``subscription_id``: a subscription's run
    queued before runs became :func:`fetch_subscription`, which does it instead.)"""
    if subscription_id is not None:
        return fetch_subscription.call(subscription_id=subscription_id)
    with translation.override(settings.LANGUAGE_CODE):
        return _import(organisation_id, source_format, source_key, source, upload, user_id)


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


def enqueue_subscription(subscription: FeedSubscription, now: datetime) -> str:
    """Queue a run of one subscribed feed now; the job's id."""
    result = fetch_subscription.enqueue(subscription_id=subscription.pk)
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        last_enqueued_at=now, last_job_id=str(result.id)
    )
    return str(result.id)


@job(label=_("Fetch a subscribed feed"), retries=0)
def fetch_subscription(*, subscription_id: int) -> dict[str, Any]:
    """Fetch a subscribed feed if it changed and import it. A feed that fails (not found, a web
    page, too large, unreadable) does not fail the job: the subscription shows the sentence and
    counts the failure, the member's editors are warned at the third in a row, and the next
    scheduled run is the retry (hence no retries of the job)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            outcome = run_subscription(subscription_id=subscription_id, now=timezone.now())
        except SubscriptionGone as error:
            raise JobRefused(_("The feed subscription no longer exists.")) from error
    return outcome.as_dict()


@periodic("refresh-subscriptions", every=REFRESH_EVERY)
@job(label=_("Fetch subscribed calendar feeds"))
def refresh_subscriptions() -> dict[str, int]:
    """Queue a run of every active subscription whose interval has passed (each feed its own
    job, so one slow or broken feed delays no other)."""
    now = timezone.now()
    queued = 0
    for subscription in due_subscriptions(now):
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


@periodic("forget-unconfirmed-submissions", every=timedelta(hours=1))
@job(label=_("Delete unconfirmed public submissions"))
def forget_unconfirmed_submissions() -> dict[str, int]:
    """Events sent through the public form whose confirmation link expired unconfirmed are
    deleted with the sender's address; the rate limit's connection keys after an hour."""
    return forget_unconfirmed(timezone.now())
