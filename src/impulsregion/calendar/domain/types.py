"""Plain data exchanged between the parsers, the recurrence expansion and the services.

Everything here is Django-free: the parsers turn third-party files into `EventData`
records, the import service persists them. Date-times are always timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from impulsregion.calendar.domain.sanitize import one_line, stable_id, web_link

BERLIN = ZoneInfo("Europe/Berlin")

# Event status values (mirrors calendar.enums.EventStatus; kept here so domain stays pure).
SCHEDULED = "scheduled"
CANCELLED = "cancelled"
POSTPONED = "postponed"
RESCHEDULED = "rescheduled"

# Controlled vocabularies shared by parsers and models.
ACCESSIBILITY_FACTS = (
    "wheelchair",
    "step_free",
    "accessible_toilet",
    "induction_loop",
    "sign_language",
    "audio_description",
    "easy_language",
    "tactile_guidance",
)
AUDIENCES = ("families", "children", "youth", "seniors", "adults")


# The years a date of an event may lie in: from the first whole year of the Gregorian calendar
# (holiday calendars start their yearly series in 1753 or 1601) to the last the calendar can be
# asked for. A date near the ends of Python's range (the year 1, 9999) cannot even be moved to
# another zone or to the following day: readers take one as unreadable.
FIRST_YEAR = 1583
LAST_YEAR = 2200


def in_calendar_years(moment: date) -> bool:
    """Whether the date (or date-time) `moment` lies in the years an event's date may."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


@dataclass(frozen=True)
class Window:
    """The range of time occurrences are generated for, and the hard cap per event."""

    start: datetime
    end: datetime
    max_per_event: int = 1000

    @classmethod
    def around(cls, now: datetime, *, past_days: int = 365, future_days: int = 730) -> Window:
        return cls(start=now - timedelta(days=past_days), end=now + timedelta(days=future_days))


@dataclass(frozen=True)
class Span:
    """One occurrence: aware start, optional aware end, and whether it is all-day."""

    start: datetime
    end: datetime | None = None
    all_day: bool = False


def ordered(spans: Iterable[Span]) -> list[Span]:
    """Distinct spans by start, then end (an open end sorts first), then all-day."""
    return sorted(
        set(spans), key=lambda s: (s.start, s.end or s.start, s.end is not None, s.all_day)
    )


def _drop_nul(record: object) -> None:
    """Leave NUL characters out of every text of `record` (a frozen dataclass): no text
    means one, and PostgreSQL refuses it in any column (the whole import failed with it)."""
    for name, value in vars(record).items():
        if value.__class__ is str and "\x00" in value:
            object.__setattr__(record, name, value.replace("\x00", ""))


# The highest price the price columns hold (8 digits, 2 of them after the point).
MAX_PRICE = Decimal("999999.99")


def price_amount(value: Decimal | None) -> Decimal | None:
    """`value` in cents if a ticket can cost it; None for a negative amount, one beyond the
    columns or no number at all (NaN, infinity): such a price is not stated."""
    if value is None or not value.is_finite() or not 0 <= value <= MAX_PRICE:
        return None
    return value.quantize(Decimal("0.01"))


def _coordinate(value: Decimal | None, limit: int) -> Decimal | None:
    return value if value is not None and value.is_finite() and abs(value) <= limit else None


@dataclass(frozen=True)
class PlaceData:
    name: str
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    ags: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    external_id: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        _drop_nul(self)
        # whatever importer built it: a position on Earth, or none (latitude 100000 is no
        # place, and no column holds it)
        if self.latitude is None and self.longitude is None:
            return
        latitude, longitude = _coordinate(self.latitude, 90), _coordinate(self.longitude, 180)
        if latitude is None or longitude is None:
            latitude = longitude = None
        object.__setattr__(self, "latitude", latitude)
        object.__setattr__(self, "longitude", longitude)


@dataclass(frozen=True)
class PriceData:
    is_free: bool | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    currency: str = "EUR"
    text: str = ""
    ticket_url: str = ""

    def __post_init__(self) -> None:
        _drop_nul(self)
        object.__setattr__(self, "ticket_url", web_link(self.ticket_url))
        if self.minimum is not None or self.maximum is not None:
            object.__setattr__(self, "minimum", price_amount(self.minimum))
            object.__setattr__(self, "maximum", price_amount(self.maximum))


@dataclass(frozen=True)
class ImageData:
    url: str
    credit: str = ""
    licence: str = ""
    alt: str = ""

    def __post_init__(self) -> None:
        _drop_nul(self)
        object.__setattr__(self, "url", web_link(self.url))


@dataclass(frozen=True)
class EventData:
    """One event as read from a source, before it is matched against the database."""

    external_id: str
    title_de: str
    spans: tuple[Span, ...]
    title_en: str = ""
    short_de: str = ""
    short_en: str = ""
    description_de: str = ""
    description_en: str = ""
    status: str = SCHEDULED
    place: PlaceData | None = None
    categories: tuple[str, ...] = ()
    organiser: str = ""
    url: str = ""
    price: PriceData = field(default_factory=PriceData)
    images: tuple[ImageData, ...] = ()
    accessibility: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    licence: str = ""
    source_modified: datetime | None = None
    # the source's category terms that map onto none of ours (shown by an import's dry run);
    # outside repr, so outside the content hash: they change nothing that is stored
    unmapped_categories: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        _drop_nul(self)
        # whatever importer or API built it: only http(s) links, an organiser on one line
        object.__setattr__(self, "url", web_link(self.url))
        object.__setattr__(self, "organiser", one_line(self.organiser))
        object.__setattr__(self, "external_id", stable_id(self.external_id))


@dataclass(frozen=True)
class Problem:
    """Why one record of a source could not be imported.

    `code` is stable and mapped to a translated sentence by the service layer;
    `detail` carries the value that caused it (a date, a rule, a postal code).
    """

    external_id: str
    code: str
    detail: str = ""


@dataclass(frozen=True)
class ParseResult:
    events: tuple[EventData, ...]
    problems: tuple[Problem, ...] = ()


class UnusableSource(Exception):
    """The whole file cannot be used; nothing from it may be imported."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
