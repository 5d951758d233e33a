"""The calendar's data version: what cached answers (feed bodies, counts) are keyed by.

It is the newest change of any event (an index lookup) and a counter of deleted events,
as a deletion changes what a feed or count shows although no `updated_at` grew.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete
from django.dispatch import receiver

from impulsregion.calendar.models import Event

DELETIONS_KEY = "calendar-feed-deletions"


def data_version() -> tuple[datetime | None, int]:
    # plain SQL: asked on every list request, and the ORM's aggregate costs more than the lookup
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT MAX("updated_at") FROM {table}')
        changed = cursor.fetchone()[0]
    if isinstance(changed, str):  # SQLite keeps UTC date-times as text
        changed = datetime.fromisoformat(changed).replace(tzinfo=UTC)
    return changed, cache.get(DELETIONS_KEY, 0)


@receiver(post_delete, sender=Event)
def _count_deletion(sender: type[Event], **kwargs: Any) -> None:
    try:
        cache.incr(DELETIONS_KEY)
    except ValueError:
        cache.set(DELETIONS_KEY, 1, None)
