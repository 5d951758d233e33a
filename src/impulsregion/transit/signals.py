"""Any change of tariff rows bumps the tariff revision, so cached tariffs are rebuilt.

Connected in ``TransitConfig.ready``. Services that write many rows suspend the per-row
bump and bump once at the end (``services.bump_revision``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from impulsregion.transit.models import TARIFF_MODELS, Stop

_state = threading.local()


@contextmanager
def bumps_suspended() -> Iterator[None]:
    _state.suspended = getattr(_state, "suspended", 0) + 1
    try:
        yield
    finally:
        _state.suspended -= 1


def _changed(sender: Any, **kwargs: Any) -> None:
    if getattr(_state, "suspended", 0) or kwargs.get("raw"):
        return
    from impulsregion.transit.services import bump_revision  # noqa: PLC0415 - circular: services imports bumps_suspended from here

    bump_revision()


def connect() -> None:
    for model in TARIFF_MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"transit-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"transit-delete-{model.__name__}")
    m2m_changed.connect(_changed, sender=Stop.zones.through, dispatch_uid="transit-stop-zones")
