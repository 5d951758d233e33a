"""common.audit: entries for writes auditlog's signals miss; every model of ours is audited."""

import pytest
from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from impulsregion.common import audit

pytestmark = pytest.mark.integration

NOT_AUDITED = {
    "transit.TariffRevision",  # derived counters: cache keys every process compares
    "calendar.CalendarRevision",
    "common.PeriodicSlot",  # the scheduler's own bookkeeping of what it enqueued
    "common.Job",  # the job engine's rows: who started a job is in the record it changes
    "common.FailedLogin",  # the login throttle's counters (django-axes writes one per failure)
    "calendar.SeriesDate",  # which dates a rule made: the rule and the dates are audited
    "calendar.ImportUpload",  # a file waiting a day for its import's confirmation; the run is kept
}
"""Not records anyone decides: counters and the background jobs' machinery."""


def test_bulk_write_leaves_one_entry_with_its_count_and_actor(db) -> None:
    user = get_user_model().objects.create(username="office")
    LogEntry.objects.all().delete()

    entry = audit.log_bulk(
        get_user_model(),
        action=audit.UPDATE,
        count=3,
        changes={"is_active": ["True", "False"]},
        actor=user,
    )

    assert entry is not None
    assert (entry.content_type, entry.object_pk, entry.action, entry.actor) == (
        ContentType.objects.get_for_model(get_user_model()),
        "",
        LogEntry.Action.UPDATE,
        user,
    )
    assert entry.changes_dict == {"count": ["0", "3"], "is_active": ["True", "False"]}
    assert LogEntry.objects.count() == 1


def test_no_entry_for_zero_rows_or_while_auditlog_is_disabled(db) -> None:
    user_model = get_user_model()

    with disable_auditlog():
        disabled = audit.log_bulk(user_model, action=audit.CREATE, count=2)
    empty = audit.log_bulk(user_model, action=audit.CREATE, count=0)

    assert (disabled, empty, LogEntry.objects.count()) == (None, None, 0)


def test_every_model_of_ours_is_registered_with_auditlog() -> None:
    ours = [m for m in apps.get_models() if m.__module__.startswith("impulsregion.")]

    unregistered = {m._meta.label for m in ours if not auditlog.contains(m)}

    assert unregistered == NOT_AUDITED
