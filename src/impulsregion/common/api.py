"""API error shape shared by every router: ``{"detail": [{"loc": [...], "msg": "..."}]}``.

Every error the API answers has this shape (``schemas.ErrorOut``) and a message in the
client's language, ninja's and pydantic's own errors too: this module holds their texts (it
lies in an app with a catalogue), `config.api` installs the handlers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

from impulsregion.common.schemas import TEXT, ErrorOut


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


def missing_token() -> ApiError:
    return ApiError(
        _("A valid API token is required."), field="Authorization", status=401, location="header"
    )


def refused_request(status: int) -> ApiError:
    """Ninja's own refusals (`ninja.errors.HttpError`): a body that is no JSON (400), a
    missing or unknown token (401)."""
    if status == 401:
        return missing_token()
    if status == 400:
        return ApiError(_("The request body is not valid JSON."), status=400, location="body")
    return ApiError(_("The request cannot be answered."), status=status, location="request")


def _error_response(detail: dict[str, Any], *, status: int) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": [detail]}),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def as_api_error(response: HttpResponse) -> HttpResponse:
    """An API address's refusal made outside the operations, as our error body in the
    client's language: Django's page for an address without an operation (404) and ninja's
    plain "Method not allowed" (405). Answers already in JSON pass unchanged."""
    if response.status_code not in (404, 405) or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    if response.status_code == 404:
        return _error_response(
            {"loc": ["path"], "msg": _("There is no API operation at this address.")}, status=404
        )
    allowed = ", ".join(sorted(m.strip() for m in response.get("Allow", "").split(",") if m))
    refusal = _error_response(
        {
            "loc": ["method"],
            "msg": _("This address accepts only %(methods)s.") % {"methods": allowed},
        },
        status=405,
    )
    refusal["Allow"] = allowed
    return refusal


class ApiParser(Parser):
    """Reads the query as ninja does, but refuses what it would pass on silently:

    - a parameter given more than once where the operation takes one value
      (``?start=2027-01-01&start=2027-02-01`` took the last start);
    - a null character in a value, as Django's forms do (PostgreSQL cannot compare or store
      it, and answered 500). JSON bodies refuse it by their schema (`schemas.TEXT`).
    """

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        problems = [
            {"type": "repeated", "loc": ("query", name), "count": len(data.getlist(name))}
            for name in data
            if name not in list_fields and len(data.getlist(name)) > 1
        ]
        problems += [
            {"type": "null_character", "loc": ("query", name)}
            for name, values in data.lists()
            if any("\x00" in value for value in values)
        ]
        if problems:
            raise ValidationError(problems)
        return super().parse_querydict(data, list_fields, request)


def _limit(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda error: error.get("ctx", {}).get(key, "?")


def _choices(error: dict[str, Any]) -> str:
    # pydantic states the choices as "'a', 'b' or 'c'": the quoted values, without its English "or"
    expected = str(error.get("ctx", {}).get("expected", "?"))
    return ", ".join(re.findall(r"'[^']*'", expected)) or expected


_PYDANTIC_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "repeated": lambda error: (
        _("Give the parameter %(name)s once, not %(count)s times.")
        % {"name": error["loc"][-1], "count": error["count"]}
    ),
    "null_character": lambda error: _("Null characters are not allowed."),
    "missing": lambda error: _("This field is required."),
    "int_parsing": lambda error: _("Enter a whole number."),
    "int_type": lambda error: _("Enter a whole number."),
    "int_from_float": lambda error: _("Enter a whole number."),
    "int_parsing_size": lambda error: _("Enter a smaller whole number."),
    "float_parsing": lambda error: _("Enter a number."),
    "float_type": lambda error: _("Enter a number."),
    "finite_number": lambda error: _("Enter a number."),
    "decimal_parsing": lambda error: _("Enter a number."),
    "decimal_type": lambda error: _("Enter a number."),
    "decimal_max_digits": lambda error: (
        _("Enter a number of at most %(digits)s digits.") % {"digits": _limit("max_digits")(error)}
    ),
    "decimal_max_places": lambda error: (
        _("Enter at most %(places)s decimal places.") % {"places": _limit("decimal_places")(error)}
    ),
    "decimal_whole_digits": lambda error: (
        _("Enter at most %(digits)s digits before the decimal point.")
        % {"digits": _limit("whole_digits")(error)}
    ),
    "bool_parsing": lambda error: _("Enter true or false."),
    "bool_type": lambda error: _("Enter true or false."),
    "date_parsing": lambda error: _("Enter a date as YYYY-MM-DD."),
    "date_type": lambda error: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda error: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": lambda error: _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_type": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_object_invalid": lambda error: _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "string_type": lambda error: _("Enter text."),
    "string_unicode": lambda error: _("Enter text."),
    "string_too_long": lambda error: (
        _("Enter at most %(max)s characters.") % {"max": _limit("max_length")(error)}
    ),
    "string_too_short": lambda error: (
        _("Enter at least %(min)s characters.") % {"min": _limit("min_length")(error)}
    ),
    "string_pattern_mismatch": lambda error: (
        _("Null characters are not allowed.")
        if error.get("ctx", {}).get("pattern") == TEXT
        else _("Enter a value in the documented form.")
    ),
    "too_long": lambda error: (
        _("Give at most %(max)s entries.") % {"max": _limit("max_length")(error)}
    ),
    "too_short": lambda error: (
        _("Give at least %(min)s entries.") % {"min": _limit("min_length")(error)}
    ),
    "list_type": lambda error: _("Give a list."),
    "dict_type": lambda error: _("Give an object."),
    "model_type": lambda error: _("Give an object."),
    "model_attributes_type": lambda error: _("Give an object."),
    "greater_than": lambda error: (
        _("Enter a value greater than %(limit)s.") % {"limit": _limit("gt")(error)}
    ),
    "greater_than_equal": lambda error: (
        _("Enter a value of at least %(limit)s.") % {"limit": _limit("ge")(error)}
    ),
    "less_than": lambda error: (
        _("Enter a value less than %(limit)s.") % {"limit": _limit("lt")(error)}
    ),
    "less_than_equal": lambda error: (
        _("Enter a value of at most %(limit)s.") % {"limit": _limit("le")(error)}
    ),
    "enum": lambda error: _("Choose one of: %(choices)s.") % {"choices": _choices(error)},
    "literal_error": lambda error: _("Choose one of: %(choices)s.") % {"choices": _choices(error)},
}


def _location(loc: Sequence[Any]) -> list[Any]:
    # ninja prefixes query params with the parameter group name ("filters"): drop it
    parts = list(loc)
    grouped = len(parts) >= 3 and parts[0] in {"query", "body", "path", "form"}
    if grouped and parts[1] in {"filters", "params", "payload", "data"}:
        parts = [parts[0], *parts[2:]]
    return parts


def validation_detail(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn pydantic's errors into our translated detail list; an error of a kind without its
    own text gets a general one, never pydantic's English."""
    detail = []
    for error in errors:
        translate = _PYDANTIC_MESSAGES.get(error.get("type", ""))
        message = translate(error) if translate else _("Enter a valid value.")
        detail.append({"loc": _location(error.get("loc", [])), "msg": message})
    return detail
