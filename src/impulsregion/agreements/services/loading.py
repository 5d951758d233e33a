"""Load the app's compiled facts (agreements/data/agreements.json); idempotent."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from impulsregion.agreements.enums import AttendanceState, Choice
from impulsregion.agreements.errors import AgreementsError
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
    RotationEntry,
    Statute,
    Vote,
)
from impulsregion.agreements.queries import voting_members
from impulsregion.agreements.services.resolutions import decide_resolution
from impulsregion.common import audit
from impulsregion.common.progress import ProgressCallback, noop_progress
from impulsregion.region.models import KeyFigure, Organisation

DATA = Path(__file__).resolve().parent.parent / "data" / "agreements.json"
DEMO_RESOLUTION = "DEMO-MV-2025-3"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _organisation(slug: str) -> Organisation:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise AgreementsError(
            _(
                "The organisation “%(slug)s” is missing; load the region's data first (impulsregion load-region)."
            )
            % {"slug": slug}
        )
    return org


def _key_fields(key: dict[str, str]) -> dict[str, Decimal]:
    return {
        f"key_{kind}": Decimal(key.get(kind, "0"))
        for kind in ("equal", "population", "usage", "fixed")
    }


def _load_statute(data: dict[str, Any], report: LoadReport) -> Statute:
    s = data["statute"]
    majorities = s["majorities"]
    statute, created = Statute.objects.update_or_create(
        title=s["title"],
        defaults={
            "valid_from": _date(s["valid_from"]),
            "illustrative": s["illustrative"],
            "quorum_numerator": s["quorum"]["numerator"],
            "quorum_denominator": s["quorum"]["denominator"],
            "quorum_more_than": s["quorum"]["more_than"],
            "majority_ordinary": majorities["ordinary"],
            "majority_statute_change": majorities["statute_change"],
            "majority_dissolution": majorities["dissolution"],
            "majority_change_of_purpose": majorities["change_of_purpose"],
            "notice_days": s["notice_days"],
            "convened_by": s["convened_by"],
            "proxies_allowed": s["proxies_allowed"],
            "max_proxies": s["max_proxies"],
            "source": s["source"],
            **_key_fields(s["fee_key"]),
        },
    )
    report.count("statute", created)
    return statute


def _population(org: Organisation, on: dt.date | None) -> int | None:
    figures = KeyFigure.objects.filter(organisation=org, kind="population")
    if on:
        figures = figures.filter(reference_date__lte=on)
    figure = figures.order_by("-reference_date").first()
    return int(figure.value) if figure else None


def _load_agreement(entry: dict[str, Any], report: LoadReport) -> None:
    fields = {
        k: entry[k]
        for k in (
            "kind",
            "title_de",
            "title_en",
            "legal_basis",
            "tasks_de",
            "tasks_en",
            "notice_de",
            "notice_en",
        )
    }
    dates = {
        k: _date(entry[k])
        for k in ("signed_on", "starts_on", "ends_on", "approved_on", "published_on")
    }
    agreement, created = Agreement.objects.update_or_create(
        slug=entry["slug"],
        defaults={
            **fields,
            **dates,
            **_key_fields(entry["key"]),
            "dates_confirmed": entry["dates_confirmed"],
            "source": entry["source"],
            "public": entry["public"],
        },
    )
    report.count("agreement", created)
    for party in entry["parties"]:
        fixed = party.get("fixed_percent")
        _, created = AgreementParty.objects.update_or_create(
            agreement=agreement,
            organisation=_organisation(party["organisation"]),
            defaults={
                "fixed_percent": Decimal(fixed) if fixed else None,
                "role": party.get("role", ""),
            },
        )
        report.count("party", created)
    for year in entry.get("cost_years", []):
        reference = _date(year.get("population_reference_date"))
        cost_year, created = CostYear.objects.update_or_create(
            agreement=agreement,
            year=year["year"],
            defaults={
                "total": Decimal(year["total"]),
                "population_reference_date": reference,
                "source": year["source"],
                "illustrative": year["illustrative"],
            },
        )
        report.count("cost year", created)
        if agreement.key_population:
            for party in agreement.parties.select_related("organisation"):
                CostInput.objects.update_or_create(
                    cost_year=cost_year,
                    organisation=party.organisation,
                    defaults={"population": _population(party.organisation, reference)},
                )


def _load_demo_meeting(statute: Statute, report: LoadReport) -> None:
    """An illustrative general assembly (not public) showing attendance, votes and minutes."""
    starts = dt.datetime(2025, 5, 20, 14, 0, tzinfo=dt.UTC)
    members = list(voting_members(starts.date()))
    if not members or Resolution.objects.filter(number=DEMO_RESOLUTION).exists():
        return
    meeting, created = Meeting.objects.get_or_create(
        title_de="Mitgliederversammlung 2025 (Beispiel)",
        defaults={
            "title_en": "General assembly 2025 (example)",
            "body": Body.objects.get(kind="general_assembly"),
            "starts_at": starts,
            "place": "Erfurt (Beispielort)",
            "invitation_sent_on": dt.date(2025, 4, 29),
            "state": "held",
            "statute": statute,
        },
    )
    report.count("meeting", created)
    for number, title_de, title_en in [
        ("1", "Eröffnung und Feststellung der Beschlussfähigkeit", "Opening and quorum"),
        ("2", "Bericht des Vorstands", "Report of the board"),
        ("3", "Änderung der Satzung (§ 5 Beiträge)", "Change of the statute (§ 5 fees)"),
    ]:
        AgendaItem.objects.get_or_create(
            meeting=meeting,
            number=number,
            defaults={"title_de": title_de, "title_en": title_en, "position": int(number)},
        )
    for org in members:
        Attendance.objects.get_or_create(
            meeting=meeting, organisation=org, defaults={"state": AttendanceState.PRESENT}
        )
    resolution = Resolution.objects.create(
        number=DEMO_RESOLUTION,
        meeting=meeting,
        agenda_item=meeting.agenda_items.get(number="3"),
        statute=statute,
        subject="statute_change",
        title_de="Änderung von § 5 der Satzung (Beispiel)",
        title_en="Change of § 5 of the statute (example)",
        motion_de="Die Mitgliederversammlung beschließt, die Beiträge künftig zur Hälfte zu gleichen Teilen und zur Hälfte nach Einwohnern aufzuteilen.",
        motion_en="The general assembly resolves to split the fees half equally and half by population in future.",
    )
    choices = [Choice.YES] * 6 + [Choice.NO, Choice.ABSTAIN]
    for org, choice in zip(members, choices, strict=False):
        Vote.objects.create(resolution=resolution, organisation=org, choice=choice)
    decide_resolution(resolution=resolution)
    report.count("resolution", True)


@transaction.atomic
def load_agreements(
    *, data: dict[str, Any] | None = None, progress: ProgressCallback = noop_progress
) -> LoadReport:
    data = data or json.loads(DATA.read_text(encoding="utf-8"))
    report = LoadReport()
    steps = 3 + len(data["agreements"])
    statute = _load_statute(data, report)
    for body in data["bodies"]:
        _, created = Body.objects.update_or_create(
            kind=body["kind"], defaults={"name_de": body["name_de"], "name_en": body["name_en"]}
        )
        report.count("body", created)
    progress(1, steps)
    orgs = [_organisation(slug) for slug in data["rotation_order"]]
    RotationEntry.objects.all().delete()
    rotation = RotationEntry.objects.bulk_create(
        RotationEntry(position=i, organisation=o) for i, o in enumerate(orgs, start=1)
    )
    audit.log_bulk(RotationEntry, action=audit.CREATE, count=len(rotation))
    progress(2, steps)
    for done, entry in enumerate(data["agreements"], start=3):
        _load_agreement(entry, report)
        progress(done, steps)
    _load_demo_meeting(statute, report)
    progress(steps, steps)
    return report
