"""Plain factory functions for the agreements app: explicit defaults, no surprises."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from impulsregion.agreements.models import (
    AgendaItem,
    Agreement,
    AgreementParty,
    Attendance,
    Body,
    CostInput,
    CostYear,
    Meeting,
    Resolution,
    Statute,
)
from impulsregion.region.models import Organisation
from tests.factories.region import make_member

MEETING_AT = dt.datetime(2025, 5, 20, 14, 0, tzinfo=dt.UTC)


def make_statute(**fields: Any) -> Statute:
    defaults: dict[str, Any] = {
        "title": "Mustersatzung",
        "valid_from": dt.date(2016, 12, 5),
        "illustrative": True,
        "quorum_numerator": 1,
        "quorum_denominator": 2,
        "quorum_more_than": True,
        "notice_days": 14,
        "key_population": Decimal(100),
    }
    defaults.update(fields)
    return Statute.objects.create(**defaults)


def make_body(kind: str = "general_assembly") -> Body:
    body, _ = Body.objects.get_or_create(
        kind=kind, defaults={"name_de": "Mitgliederversammlung", "name_en": "General assembly"}
    )
    return body


def make_meeting(statute: Statute | None = None, **fields: Any) -> Meeting:
    defaults: dict[str, Any] = {
        "body": make_body(),
        "title_de": "Ordentliche Mitgliederversammlung 2025",
        "starts_at": MEETING_AT,
        "invitation_sent_on": dt.date(2025, 5, 1),
        "place": "Rathaus Erfurt",
        "statute": statute or make_statute(),
    }
    defaults.update(fields)
    return Meeting.objects.create(**defaults)


def make_agenda_item(meeting: Meeting, number: str = "1", **fields: Any) -> AgendaItem:
    defaults: dict[str, Any] = {
        "title_de": f"Tagesordnungspunkt {number}",
        "position": int(number.split(".")[0]),
    }
    defaults.update(fields)
    return AgendaItem.objects.create(meeting=meeting, number=number, **defaults)


def make_members(count: int = 8) -> list[Organisation]:
    return [make_member(f"mitglied-{i}", name=f"Mitglied {i}") for i in range(1, count + 1)]


def make_present(meeting: Meeting, members: list[Organisation]) -> None:
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, organisation=m, state="present") for m in members
    )


def make_assembly(
    count: int = 8, number: str = "3", **item_fields: Any
) -> tuple[Meeting, AgendaItem, list[Organisation]]:
    """A meeting with `count` members present and one agenda item `number`."""
    members = make_members(count)
    meeting = make_meeting()
    make_present(meeting, members)
    return meeting, make_agenda_item(meeting, number, **item_fields), members


def make_resolution(
    meeting: Meeting, item: AgendaItem, number: str = "MV-2025-1", **fields: Any
) -> Resolution:
    defaults: dict[str, Any] = {
        "title_de": "Änderung der Satzung",
        "motion_de": "Die Mitgliederversammlung beschließt die Änderung von § 5.",
        "subject": "statute_change",
        "statute": meeting.statute,
        "procedure": "meeting",
    }
    defaults.update(fields)
    return Resolution.objects.create(number=number, meeting=meeting, agenda_item=item, **defaults)


def make_agreement(
    slug: str = "restabfall", parties: list[Organisation] | None = None, **fields: Any
) -> Agreement:
    defaults: dict[str, Any] = {
        "kind": "zweckvereinbarung",
        "title_de": "Zweckvereinbarung Restabfall",
        "title_en": "Residual waste agreement",
        "key_population": Decimal(100),
        "public": True,
    }
    defaults.update(fields)
    agreement = Agreement.objects.create(slug=slug, **defaults)
    for org in parties or []:
        AgreementParty.objects.create(agreement=agreement, organisation=org)
    return agreement


def make_cost_year(
    agreement: Agreement,
    year: int = 2024,
    total: str = "100000.00",
    inputs: dict[Organisation, tuple[int | None, str | None]] | None = None,
) -> CostYear:
    cost_year = CostYear.objects.create(
        agreement=agreement,
        year=year,
        total=Decimal(total),
        population_reference_date=dt.date(2022, 12, 31),
    )
    for org, (population, usage) in (inputs or {}).items():
        CostInput.objects.create(
            cost_year=cost_year,
            organisation=org,
            population=population,
            usage=Decimal(usage) if usage else None,
        )
    return cost_year
