"""Feed subscriptions: fetch a member's feed when it has changed, import it, keep the
subscription's health, and warn the member's editors once when it fails three times in a row.

A run succeeds (the feed was imported, or its server said with 304 that nothing changed since
the last good answer: nothing is imported) or fails with one sentence, the feed's fault: not
found, a web page, too large, unreadable. Such a failure writes nothing but the subscription's
health; the job ends normally and the next scheduled run is the retry, so the office's list of
failed jobs and ``/healthz`` keep meaning the platform's own faults (which propagate from here).
"""

from __future__ import annotations

import logging
import math
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impulsregion.calendar.domain.types import UnusableSource
from impulsregion.calendar.messages import problem_message
from impulsregion.calendar.models import FeedSubscription
from impulsregion.calendar.models.subscription import FAILURES_BEFORE_WARNING
from impulsregion.calendar.services.fetching import Fetched, FetchRejected, fetch_if_changed
from impulsregion.calendar.services.importing import ImportRejected, import_events
from impulsregion.region.enums import StaffRoleKind

logger = logging.getLogger(__name__)

# the periodic job that enqueues due feeds runs this often (tasks.refresh_subscriptions)
REFRESH_EVERY = timedelta(minutes=15)
# a feed due a little after a check is fetched at that check: the check's own delay (14:00:03)
# must not push an hourly feed to the check after next (15:15)
EARLY = timedelta(minutes=5)
COUNTS = ("created", "updated", "unchanged", "withdrawn", "rejected")


class SubscriptionGone(Exception):
    """The subscription was deleted after its run was queued."""


@dataclass(frozen=True)
class RunOutcome:
    """One run of a subscription: ``imported``, ``not-modified``, ``failed`` or ``paused``."""

    status: str
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    warned: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON for the job's result."""
        return {
            "status": self.status,
            "counts": self.counts,
            "error": self.error,
            "warned": list(self.warned),
        }


def is_due(subscription: FeedSubscription, now: datetime) -> bool:
    last = subscription.last_enqueued_at
    if not subscription.active:
        return False
    return last is None or last + timedelta(hours=subscription.every_hours) - EARLY <= now


def due_subscriptions(now: datetime) -> list[FeedSubscription]:
    return [
        s for s in FeedSubscription.objects.filter(active=True).order_by("pk") if is_due(s, now)
    ]


def next_run(subscription: FeedSubscription, now: datetime) -> datetime | None:
    """When the periodic check will fetch the feed next (None while it is paused)."""
    if not subscription.active:
        return None
    last = subscription.last_enqueued_at
    due = (
        now if last is None else max(now, last + timedelta(hours=subscription.every_hours) - EARLY)
    )
    step = REFRESH_EVERY.total_seconds()
    return datetime.fromtimestamp(math.ceil(due.timestamp() / step) * step, tz=UTC)


def run_subscription(*, subscription_id: int, now: datetime) -> RunOutcome:
    """Fetch one subscribed feed (conditionally), import it when it changed, note the outcome
    on the subscription and, at the third failure in a row, warn the member's editors."""
    subscription = (
        FeedSubscription.objects.select_related("organisation", "created_by")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        raise SubscriptionGone(subscription_id)
    if not subscription.active:  # paused after this run was queued
        return RunOutcome("paused")
    try:
        fetched = fetch_if_changed(
            subscription.url,
            subscription.source_format,
            etag=subscription.etag,
            last_modified=subscription.last_modified,
        )
        if fetched.body is None:
            counts = unchanged_counts(subscription.last_counts)
        else:
            report = import_events(
                documents=[fetched.body],
                source_format=subscription.source_format,
                organisation=subscription.organisation,
                source_key=subscription.source_key,
                now=now,
                user=subscription.created_by,
            )
            counts = {key: report.counts()[key] for key in COUNTS}
    except ImportRejected as error:
        return _record_failure(subscription, sentences(error), now)
    _record_success(subscription, fetched, counts, now)
    return RunOutcome("not-modified" if fetched.body is None else "imported", counts)


def unchanged_counts(last: dict[str, Any]) -> dict[str, int]:
    """A 304 run's numbers: every event the feed delivered last time is unchanged."""
    delivered = sum(int(last.get(key, 0)) for key in ("created", "updated", "unchanged"))
    counts = dict.fromkeys(COUNTS, 0)
    counts.update(unchanged=delivered, rejected=int(last.get("rejected", 0)))
    return counts


def _record_success(
    subscription: FeedSubscription, fetched: Fetched, counts: dict[str, int], now: datetime
) -> None:
    if fetched.body is None:  # a 304 may leave out validators that did not change
        etag = fetched.etag or subscription.etag
        last_modified = fetched.last_modified or subscription.last_modified
    else:
        etag, last_modified = fetched.etag, fetched.last_modified
    # an editor who changed the address or format meanwhile gets no validators of the old one
    same_feed = Q(url=subscription.url, source_format=subscription.source_format)
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        failures=0,
        warning_sent_at=None,
        last_success_at=now,
        last_counts=counts,
        last_not_modified=fetched.body is None,
        etag=Case(When(same_feed, then=Value(etag)), default=Value(""), output_field=_TEXT),
        last_modified=Case(
            When(same_feed, then=Value(last_modified)), default=Value(""), output_field=_TEXT
        ),
    )


_TEXT = models.CharField()


def sentences(error: ImportRejected) -> dict[str, str]:
    """Why the feed was refused, in German and in English (when the sentence can be written
    again: the fetch's own refusals and the parsers' problem codes; else German only)."""
    render: Callable[[], str] | None = None
    cause = error.__cause__
    if isinstance(error, FetchRejected):
        render = error.render
    elif isinstance(cause, UnusableSource):
        render = partial(problem_message, cause.code, cause.detail)
    if render is None:
        return {"de": error.message, "en": ""}
    written = {}
    for language in ("de", "en"):
        with translation.override(language):
            written[language] = render()
    return written


def _record_failure(
    subscription: FeedSubscription, sentence: dict[str, str], now: datetime
) -> RunOutcome:
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        failures=F("failures") + 1,
        last_error_de=sentence["de"][:2000],
        last_error_en=sentence["en"][:2000],
        last_error_at=now,
    )
    german = sentence["de"]
    logger.info("feed subscription %s failed: %s", subscription.pk, german)
    return RunOutcome("failed", error=german, warned=_warn_once(subscription, german, now))


def _warn_once(subscription: FeedSubscription, sentence: str, now: datetime) -> tuple[str, ...]:
    """E-mail the member's editors at the third failure in a row, once: the row's
    ``warning_sent_at`` is claimed by one conditional UPDATE (two workers cannot both send),
    and only a success clears it. If the mail server fails, the claim is rolled back and the
    next failure tries again."""
    recipients = warning_recipients(subscription.organisation_id)
    if not recipients:
        logger.warning("feed subscription %s: nobody to warn (no e-mail address)", subscription.pk)
        return ()
    try:
        with transaction.atomic():
            claimed = FeedSubscription.objects.filter(
                pk=subscription.pk,
                failures__gte=FAILURES_BEFORE_WARNING,
                warning_sent_at__isnull=True,
            ).update(warning_sent_at=now)
            if not claimed:
                return ()
            subscription.refresh_from_db(fields=["failures", "last_error_at", "last_success_at"])
            send_mail(**warning_mail(subscription, sentence), recipient_list=recipients)
    except (smtplib.SMTPException, OSError):
        logger.exception("feed subscription %s: the warning e-mail failed", subscription.pk)
        return ()
    return tuple(recipients)


def warning_recipients(organisation_id: int) -> list[str]:
    """The addresses of the member's active editors; the office's when it has none."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(
        staff_roles__role=StaffRoleKind.EDITOR, staff_roles__organisation_id=organisation_id
    )
    found = set(editors.values_list("email", flat=True))
    if not found:
        office = users.filter(staff_roles__role=StaffRoleKind.OFFICE)
        found = set(office.values_list("email", flat=True))
    return sorted(found)


def warning_mail(subscription: FeedSubscription, sentence: str) -> dict[str, Any]:
    """Subject and text of the warning, in the platform's language (German)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("admin:calendar_feedsubscription_change", args=[subscription.pk])
        last_success = (
            _when(subscription.last_success_at) if subscription.last_success_at else _("none yet")
        )
        hours = subscription.every_hours
        subject = _("Feed “%(name)s” cannot be read") % {"name": subscription.name}
        message = _(
            "Good day,\n\n"
            "the culture calendar could not fetch the feed “%(name)s” of %(organisation)s "
            "%(failures)s times in a row.\n\n"
            "Address: %(url)s\n"
            "Error: %(error)s\n"
            "Last attempt: %(attempt)s\n"
            "Last successful fetch: %(success)s\n\n"
            "Until the feed can be read, your events in the calendar stay as they were at the "
            "last successful fetch. The calendar keeps trying %(interval)s; the first fetch that "
            "succeeds ends this fault. You get this e-mail once per fault.\n\n"
            "The subscription in the back office:\n%(link)s\n"
        ) % {
            "name": subscription.name,
            "organisation": subscription.organisation.name,
            "failures": subscription.failures,
            "url": subscription.url,
            "error": sentence,
            "attempt": _when(subscription.last_error_at),
            "success": last_success,
            "interval": ngettext("every hour", "every %(hours)s hours", hours) % {"hours": hours},
            "link": settings.IMPULSREGION_SITE_URL + path,
        }
    return {"subject": subject, "message": message, "from_email": None}


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "–"
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
