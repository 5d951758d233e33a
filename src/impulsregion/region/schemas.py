import datetime as dt
from decimal import Decimal

from ninja import Schema


class KeyFigureOut(Schema):
    kind: str
    value: Decimal
    reference_date: dt.date
    source: str
    confirmed: bool


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    legal_form: str
    ags: str | None
    city: str
    website: str
    is_member: bool
    key_figures: list[KeyFigureOut]


class PersonRef(Schema):
    name: str
    given_name: str
    family_name: str


class OrganisationRef(Schema):
    slug: str
    name: str


class BoardPositionOut(Schema):
    role: str
    person: PersonRef
    organisation: OrganisationRef
    confirmed: bool


class BoardOut(Schema):
    year: int
    chair: BoardPositionOut | None
    deputy: BoardPositionOut | None
    positions: list[BoardPositionOut]
    confirmed: bool
    source: str


class MilestoneOut(Schema):
    year: int
    date: dt.date | None
    title_de: str
    title_en: str
    text_de: str
    text_en: str
    confirmed: bool
    source: str
