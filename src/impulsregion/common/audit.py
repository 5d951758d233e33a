"""Audit entries for the writes auditlog's model signals do not see.

auditlog logs each ``save()`` and ``delete()`` of a registered model. Bulk writes
(``bulk_create``, ``QuerySet.update()``, PostgreSQL COPY) send no signals, so a service that
writes in bulk calls :func:`log_bulk` once per bulk operation, inside its transaction. An
import logs its run record once with the run's counts (:func:`log_record`) and nothing per row.

The actor is the user given or, during a request, the one auditlog's middleware knows. Nothing
is logged while auditlog is disabled (``auditlog.context.disable_auditlog``).
"""

from __future__ import annotations

from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

CREATE = LogEntry.Action.CREATE
UPDATE = LogEntry.Action.UPDATE


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def log_record(
    instance: Model, *, actor: Any = None, extra: dict[str, int] | None = None
) -> LogEntry | None:
    """One "create" entry for `instance` with its logged fields (an import run: its counts);
    `extra` adds counts the record does not store."""
    if auditlog_disabled.get():
        return None
    changes = model_instance_diff(None, instance) or {}
    changes.update({name: ["None", str(value)] for name, value in (extra or {}).items()})
    entry: LogEntry = LogEntry.objects.log_create(
        instance, action=CREATE, changes=changes, actor=_actor(actor), force_log=True
    )
    return entry


def log_bulk(
    model: type[Model],
    *,
    action: int,
    count: int,
    changes: dict[str, list[str]] | None = None,
    actor: Any = None,
) -> LogEntry | None:
    """One entry for the `count` rows of `model` one bulk operation wrote; `changes` maps a
    field to ``[old, new]`` where the rows share them. Zero rows are not logged."""
    if not count or auditlog_disabled.get():
        return None
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr=f"{count} {model._meta.verbose_name_plural}",
        action=action,
        changes={"count": ["0", str(count)], **(changes or {})},
        actor=_actor(actor),
        cid=get_cid(),
    )
