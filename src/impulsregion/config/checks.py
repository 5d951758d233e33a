"""Deployment checks of our own (`impulsregion check --deploy`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Production serves static files by their hashed names from the manifest that
    `collectstatic` writes; without it every page answers 500."""
    backend = str(settings.STORAGES["staticfiles"]["BACKEND"])
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if "Manifest" not in backend or manifest.exists():
        return []
    return [
        Error(
            f"The static files are not collected ({manifest} is missing): every page would "
            "answer 500.",
            hint="Run `impulsregion upgrade` (or `impulsregion collectstatic --no-input`).",
            id="impulsregion.E001",
        )
    ]
