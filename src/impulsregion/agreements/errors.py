"""The app's own exception: a specific, translated message for one bad input."""

from __future__ import annotations


class AgreementsError(Exception):
    """Refused input; ``message`` is translated, ``field`` names the offending input if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
