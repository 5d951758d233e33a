from datetime import date

from ninja import Field, Schema

from impulsregion.calendar.forms import FIRST_DAY, LAST_DAY, MAX_ID


class ClashQuery(Schema):
    start: date = Field(
        ..., ge=FIRST_DAY, le=LAST_DAY, description="First day of the proposed event (YYYY-MM-DD)"
    )
    end: date | None = Field(
        None, ge=FIRST_DAY, le=LAST_DAY, description="Last day (inclusive); default: the start day"
    )
    municipality: str = Field(..., description="Municipality slug, e.g. weimar")
    visitors: int = Field(0, ge=0, le=10_000_000, description="Expected visitors")
    venue: int | None = Field(None, ge=1, le=MAX_ID, description="Place id of the venue, if known")
    category: list[str] = Field(default_factory=list, description="Category slugs (repeatable)")
    families: bool = Field(False, description="true: aimed at families")


class SuggestionQuery(Schema):
    window_start: date = Field(
        ..., alias="from", ge=FIRST_DAY, le=LAST_DAY, description="First possible day (YYYY-MM-DD)"
    )
    window_end: date = Field(
        ..., alias="to", ge=FIRST_DAY, le=LAST_DAY, description="Last possible day (YYYY-MM-DD)"
    )
    days: int = Field(1, ge=1, le=31, description="Length of the event in days")
    municipality: str = Field(..., description="Municipality slug, e.g. weimar")
    visitors: int = Field(0, ge=0, le=10_000_000, description="Expected visitors")
    count: int = Field(5, ge=1, le=50, description="How many suggestions")
    weekday: list[int] = Field(
        default_factory=list, description="Allowed start weekdays, 0 = Monday … 6 = Sunday"
    )
    venue: int | None = Field(None, ge=1, le=MAX_ID, description="Place id of the venue, if known")
    category: list[str] = Field(default_factory=list, description="Category slugs (repeatable)")
    families: bool = Field(False, description="true: aimed at families")


class ConflictOut(Schema):
    code: str = Field(
        ...,
        description="blocked, venue_taken, major_event, busy_city, school_holiday, public_holiday",
    )
    penalty: int
    reason: str = Field(..., description="Plain-language explanation in the request's language")
    start: date
    end: date
    title: str
    ref: str | None = Field(None, description="event:<id>, hold:<id> or blocked:<id>")
    municipality: str | None


class AssessmentOut(Schema):
    start: date
    end: date
    municipality: str
    score: int = Field(..., description="100 = no conflict; lower is worse")
    penalty: int
    conflicts: list[ConflictOut]
