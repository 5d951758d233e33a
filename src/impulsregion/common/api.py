"""API error shape shared by every router: ``{"detail": [{"loc": [...], "msg": "..."}]}``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from impulsregion.common.schemas import ErrorOut


class ApiError(Exception):
    """A specific, translated error for an API client.

    ``field`` names the query parameter or body field at fault; ``status`` is 422 for
    bad input, 404 for an unknown object, 403 for a refused permission.
    """

    def __init__(
        self, message: str, *, field: str | None = None, status: int = 422, location: str = "query"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
        self.location = location

    def as_detail(self) -> dict[str, Any]:
        loc = [self.location, self.field] if self.field else [self.location]
        return {"loc": loc, "msg": self.message}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation documents besides its success, all with `ErrorOut`:
    ``response={200: EventOut, **errors(404, 422)}``."""
    return dict.fromkeys(statuses, ErrorOut)


_PYDANTIC_MESSAGES = {
    "missing": lambda error: _("This field is required."),
    "int_parsing": lambda error: _("Enter a whole number."),
    "int_type": lambda error: _("Enter a whole number."),
    "float_parsing": lambda error: _("Enter a number."),
    "decimal_parsing": lambda error: _("Enter a number."),
    "bool_parsing": lambda error: _("Enter true or false."),
    "date_from_datetime_parsing": lambda error: _("Enter a date as YYYY-MM-DD."),
    "date_parsing": lambda error: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": lambda error: _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "string_too_long": lambda error: (
        _("Enter at most %(max)s characters.")
        % {"max": error.get("ctx", {}).get("max_length", "?")}
    ),
    "string_too_short": lambda error: (
        _("Enter at least %(min)s characters.")
        % {"min": error.get("ctx", {}).get("min_length", "?")}
    ),
    "greater_than_equal": lambda error: (
        _("Enter a value of at least %(limit)s.") % {"limit": error.get("ctx", {}).get("ge", "?")}
    ),
    "less_than_equal": lambda error: (
        _("Enter a value of at most %(limit)s.") % {"limit": error.get("ctx", {}).get("le", "?")}
    ),
    "enum": lambda error: (
        _("Choose one of: %(choices)s.") % {"choices": error.get("ctx", {}).get("expected", "?")}
    ),
    "literal_error": lambda error: (
        _("Choose one of: %(choices)s.") % {"choices": error.get("ctx", {}).get("expected", "?")}
    ),
}


def _location(loc: Sequence[Any]) -> list[Any]:
    # ninja prefixes query params with the parameter group name ("filters"): drop it
    parts = list(loc)
    grouped = len(parts) >= 3 and parts[0] in {"query", "body", "path", "form"}
    if grouped and parts[1] in {"filters", "params", "payload", "data"}:
        parts = [parts[0], *parts[2:]]
    return parts


def validation_detail(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn pydantic's errors into our translated detail list."""
    detail = []
    for error in errors:
        translate = _PYDANTIC_MESSAGES.get(error.get("type", ""))
        message = translate(error) if translate else str(error.get("msg", _("Invalid value.")))
        detail.append({"loc": _location(error.get("loc", [])), "msg": message})
    return detail
