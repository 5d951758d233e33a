from ninja import Field, Schema
from pydantic import ConfigDict


class StopRef(Schema):
    key: str
    name: str
    zones: list[str]


class StopOut(StopRef):
    lat: float | None
    lon: float | None


class ZoneOut(Schema):
    code: str
    name: str
    kind: str


class VersionOut(Schema):
    label: str
    valid_from: str
    valid_until: str | None


class LineOut(Schema):
    passenger: str
    count: int
    unit_price: str = Field(..., description="decimal string, euros")
    amount: str = Field(..., description="decimal string, euros")


class ProductOut(Schema):
    code: str
    name: str
    price: str = Field(..., description="total for the group, decimal string, euros")
    currency: str
    illustrative: bool = Field(
        ..., description="true: at least one price used is not from a verified source"
    )
    preisstufe: int
    zones: int
    family: str
    valid_until: str
    cards: int
    lines: list[LineOut]
    explanation: list[str]


class NotOfferedOut(Schema):
    code: str
    name: str
    reason: str


class RecognisedOut(Schema):
    code: str
    name: str
    note: str


class FareOut(Schema):
    from_: StopRef = Field(..., alias="from")
    to: StopRef
    via: list[StopRef]
    at: str
    passengers: dict[str, int]
    zones: list[ZoneOut]
    zones_counted: int
    preisstufe: int
    family: str
    family_name: str
    price_version: VersionOut
    explanation: list[str]
    products: list[ProductOut]
    not_offered: list[NotOfferedOut]
    recognised_tickets: list[RecognisedOut]

    model_config = ConfigDict(populate_by_name=True)
