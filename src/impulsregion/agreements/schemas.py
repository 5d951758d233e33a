"""API schemas of the agreements app."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import StrictInt

from impulsregion.agreements.enums import Subject


class PartyOut(Schema):
    slug: str
    name: str
    role: str
    fixed_percent: Decimal | None


class AgreementOut(Schema):
    slug: str
    kind: str
    title: str
    title_de: str
    title_en: str
    legal_basis: str
    tasks: str
    signed_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    notice: str
    approved_on: dt.date | None
    published_on: dt.date | None
    dates_confirmed: bool
    source: str
    key: str
    usage_unit: str
    parties: list[PartyOut]
    statement_years: list[int]


class StepLineOut(Schema):
    party: str
    weight: str
    fraction: str
    contribution_percent: str
    exact_amount: str


class StepOut(Schema):
    component: str
    component_label: str
    percent: str
    amount: str
    total_weight: str
    lines: list[StepLineOut]


class ShareOut(Schema):
    party: str
    percent: str
    exact_amount: str
    rounded_down: str
    extra_cent: str
    amount: str


class StatementOut(Schema):
    agreement: str
    year: int
    total: str
    key: str
    reference_date: str | None
    illustrative: bool
    source: str
    steps: list[StepOut]
    shares: list[ShareOut]
    sum: str


class EvaluateIn(Schema):
    subject: Subject = Field(
        Subject.ORDINARY, description="What the resolution decides; selects the majority."
    )
    yes: StrictInt = Field(..., ge=0, le=10000)
    no: StrictInt = Field(..., ge=0, le=10000)
    abstain: StrictInt = Field(0, ge=0, le=10000)
    members: StrictInt = Field(..., ge=1, le=10000, description="Members entitled to vote.")
    present: StrictInt | None = Field(
        None, ge=0, le=10000, description="Present or represented; default all."
    )
    written_consents: StrictInt = Field(
        0,
        ge=0,
        le=10000,
        description="Absent members who consented in text form (change of purpose).",
    )


class EvaluateOut(Schema):
    accepted: bool
    rule: str
    yes: int
    no: int
    abstain: int
    cast: int
    required: int
    reason: str
    reason_de: str
    reason_en: str


class ResolutionOut(Schema):
    number: str
    title: str
    subject: str
    procedure: str
    meeting: str | None
    agenda_item: str | None
    decided_on: dt.date | None
    accepted: bool | None
    yes: int
    no: int
    abstain: int
    reason: str


class AgendaItemOut(Schema):
    number: str
    title: str
    in_invitation: bool


class MeetingOut(Schema):
    id: int
    body: str
    title: str
    starts_at: dt.datetime
    mode: str
    place: str
    invitation_sent_on: dt.date | None
    state: str
    agenda: list[AgendaItemOut]


class ChairOut(Schema):
    year: int
    person: str
    organisation: str


class ChairProposalOut(Schema):
    year: int
    organisation: str
    reason: str


OParlObject = dict[str, Any]
