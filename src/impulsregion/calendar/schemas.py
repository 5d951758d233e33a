"""API schemas of the calendar (ninja/pydantic)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import AfterValidator, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from impulsregion.calendar.forms import FIRST_DAY, LAST_DAY, MAX_ID
from impulsregion.common.schemas import TEXT, JsonDateTime

# an event's id in a path: a whole number of 64 bits (the database's), else 422
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="id of the event")]


def _in_the_calendar(value: datetime) -> datetime:
    if value.date() < FIRST_DAY:
        raise PydanticCustomError("greater_than_equal", "too early", {"ge": FIRST_DAY})
    if value.date() > LAST_DAY:
        raise PydanticCustomError("less_than_equal", "too late", {"le": LAST_DAY})
    return value


# an event's moment: the days the calendar takes everywhere (1990 to 2200)
EventDateTime = Annotated[
    JsonDateTime,
    AfterValidator(_in_the_calendar),
    Field(description="ISO 8601 with UTC offset, from 1990 to 2200"),
]


class EventQuery(Schema):
    municipality: str = Field(
        "", max_length=80, description="slug of a member municipality, e.g. jena"
    )
    category: str = Field("", max_length=40, description="category key, e.g. music")
    organisation: str = Field("", max_length=80, description="slug of the publishing member")
    q: str = Field("", max_length=100, description="full text (German stemming on PostgreSQL)")
    start: date | None = Field(
        None,
        ge=FIRST_DAY,
        le=LAST_DAY,
        description="first day (ISO date); default: now",
    )
    end: date | None = Field(
        None,
        ge=FIRST_DAY,
        le=LAST_DAY,
        description="last day (ISO date), inclusive",
    )
    period: Literal["", "today", "tomorrow", "weekend", "week", "month"] = ""
    free: bool = False
    accessible: bool = False
    families: bool = False
    parent: int | None = Field(
        None, ge=1, le=MAX_ID, description="id of an umbrella event: its programme"
    )
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


class OccurrenceOut(Schema):
    start: datetime = Field(description="ISO 8601 with UTC offset (Europe/Berlin)")
    end: datetime | None
    all_day: bool


class PlaceOut(Schema):
    id: int
    name: str
    street: str
    postal_code: str
    locality: str
    ags: str | None
    municipality: str | None = Field(description="slug of the member municipality or district")
    latitude: Decimal | None
    longitude: Decimal | None
    capacity: int | None
    accessibility: list[str]


class PriceOut(Schema):
    is_free: bool | None
    minimum: Decimal | None
    maximum: Decimal | None
    currency: str
    text: str
    ticket_url: str


class ImageOut(Schema):
    url: str
    credit: str = ""
    licence: str = ""
    alt: str = ""


class EventOut(Schema):
    id: int
    url: str
    title_de: str
    title_en: str
    short_de: str
    short_en: str
    description_de: str = Field(description="sanitised HTML")
    description_en: str
    status: str
    categories: list[str]
    organisation: str
    organiser: str
    place: PlaceOut | None
    municipality: str | None
    price: PriceOut
    accessibility: list[str]
    audiences: list[str]
    images: list[ImageOut]
    licence: str
    parent_id: int | None
    is_major_event: bool
    expected_visitors: int | None
    updated_at: datetime
    occurrences: list[OccurrenceOut]


class EventPage(Schema):
    count: int = Field(description="matching events; a lower bound when count_exact is false")
    count_exact: bool = Field(description="false beyond 1,000 matching events")
    has_next: bool = Field(description="a further page exists")
    page: int
    page_size: int
    items: list[EventOut]


class CategoryOut(Schema):
    slug: str
    name_de: str
    name_en: str


class OccurrenceIn(Schema):
    start: EventDateTime
    end: EventDateTime | None = None
    all_day: StrictBool = False


# one rule for every stored link (see domain.sanitize.web_link): http(s), a host, no spaces or
# control characters; and text that must stay on one line
WEB_LINK = r"^((?i:https?)://[^\x00-\x20\x7f/?#@:][^\x00-\x20\x7f]*)?$"
ONE_LINE = r"^[^\x00-\x1f\x7f]*$"


class EventIn(Schema):
    title_de: str = Field(..., min_length=1, max_length=300, pattern=TEXT)
    title_en: str = Field("", max_length=300, pattern=TEXT)
    short_de: str = Field("", max_length=300, pattern=TEXT)
    short_en: str = Field("", max_length=300, pattern=TEXT)
    description_de: str = Field("", max_length=20000, pattern=TEXT)
    description_en: str = Field("", max_length=20000, pattern=TEXT)
    status: Literal["scheduled", "cancelled", "postponed", "rescheduled"] = "scheduled"
    place_id: StrictInt | None = Field(None, ge=1, le=MAX_ID)
    parent_id: StrictInt | None = Field(None, ge=1, le=MAX_ID)
    categories: list[Annotated[str, Field(max_length=40, pattern=TEXT)]] = Field(
        default_factory=list, max_length=10
    )
    organiser: str = Field("", max_length=200, pattern=ONE_LINE)
    url: str = Field("", max_length=500, pattern=WEB_LINK, description="http(s) address")
    is_free: StrictBool | None = None
    price_min: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    price_max: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    price_text: str = Field("", max_length=500, pattern=TEXT)
    ticket_url: str = Field("", max_length=500, pattern=WEB_LINK, description="http(s) address")
    for_families: StrictBool = False
    access_wheelchair: StrictBool = False
    expected_visitors: StrictInt | None = Field(None, ge=1, le=10_000_000)
    publish_at: EventDateTime | None = None
    occurrences: list[OccurrenceIn] = Field(..., min_length=1, max_length=500)


class DecisionOut(Schema):
    id: int
    public_status: str
    pending_review: bool
