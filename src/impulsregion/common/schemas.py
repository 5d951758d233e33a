"""The API's one error body, shared by every operation's documented error answers; the
value types of JSON request bodies."""

from datetime import UTC, datetime
from typing import Annotated, Any

from ninja import Field, Path, Schema
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

# text of a JSON body: anything but the null character, which PostgreSQL cannot store
TEXT = r"^[^\x00]*$"
# a slug in a path: what Django's SlugField stores (a null character answered 500)
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$")]


def _text(value: Any) -> Any:
    if not isinstance(value, str | datetime):
        raise PydanticCustomError("datetime_type", "Input should be a valid datetime")
    return value


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value  # the operation asks for an offset
    try:
        return value.astimezone(UTC)
    except OverflowError:  # a moment before the year 1 or after 9999
        raise PydanticCustomError("datetime_object_invalid", "Invalid datetime") from None


# A JSON body's date-time is text (ISO 8601): pydantic's lax mode would also take a number of
# seconds. It goes on as the same moment in UTC: PostgreSQL refuses offsets beyond ±15:59,
# which ISO 8601 allows (-21:36). Booleans and whole numbers are pydantic's StrictBool and
# StrictInt (no 0/1 or "yes" for a boolean, no false or "3" for a number), as the schema
# states them.
JsonDateTime = Annotated[datetime, BeforeValidator(_text), AfterValidator(_utc)]


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description=(
            "where: query, path, body, header or method, then the parameter or field "
            '(and positions in lists), e.g. ["query", "start"]'
        )
    )
    msg: str = Field(
        description="what is wrong, in the client's language (Accept-Language; German by default)"
    )


class ErrorOut(Schema):
    detail: list[ErrorItem]
