"""Writes to the registry that are more than one save()."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from impulsregion.common.progress import ProgressCallback, noop_progress
from impulsregion.region.models import (
    BoardPosition,
    BoardTerm,
    KeyFigure,
    Mandate,
    Membership,
    Milestone,
    Organisation,
    Person,
)

M = TypeVar("M", bound=models.Model)

REGION_DATA = Path(__file__).resolve().parent / "data" / "region.json"


class RegionDataError(Exception):
    """The region data file cannot be loaded; nothing was written."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[kind] = bucket.get(kind, 0) + 1


def check_membership_overlap(membership: Membership) -> None:
    """Refuse a membership period that overlaps another one of the same organisation and body."""
    if not (membership.organisation_id and membership.body_id and membership.admitted_on):
        return
    if membership.organisation_id == membership.body_id:
        raise ValidationError({"body": _("An organisation cannot be a member of itself.")})
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, body_id=membership.body_id
    )
    if membership.pk:
        others = others.exclude(pk=membership.pk)
    overlap = Q(left_on__isnull=True) | Q(left_on__gt=membership.admitted_on)
    if membership.left_on:
        overlap &= Q(admitted_on__lt=membership.left_on)
    clash = others.filter(overlap).first()
    if clash:
        raise ValidationError(
            _("This period overlaps the membership from %(start)s.")
            % {"start": clash.admitted_on.isoformat()}
        )


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, bool]:
    """update_or_create that validates (fields and constraints) before writing."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if obj is None:
        obj = model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj, created


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def read_region_data(path: Path = REGION_DATA) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise RegionDataError(
            _("The region data file %(path)s does not exist.") % {"path": path}
        ) from error
    except json.JSONDecodeError as error:
        raise RegionDataError(
            _("The region data file %(path)s is not valid JSON (line %(line)s): %(reason)s")
            % {"path": path, "line": error.lineno, "reason": error.msg}
        ) from error
    missing = [key for key in ("organisations", "memberships", "milestones") if key not in data]
    if missing:
        raise RegionDataError(
            _("The region data file lacks the section %(section)s.") % {"section": missing[0]}
        )
    return data


def _sourced(row: dict[str, Any]) -> dict[str, Any]:
    return {"source": row["source"], "confirmed": row["confirmed"]}


_SECTIONS = (
    "organisations",
    "key_figures",
    "memberships",
    "persons",
    "mandates",
    "board_terms",
    "milestones",
)

_Step = Callable[[str, bool], None]
"""Counts one loaded record of a section as created (True) or updated (False)."""


def load_region(
    *, data: dict[str, Any] | None = None, progress: ProgressCallback = noop_progress
) -> LoadReport:
    """Load (or update) the region's facts idempotently and validated, in one transaction."""
    data = data if data is not None else read_region_data()
    report = LoadReport()
    total = sum(len(data.get(section, [])) for section in _SECTIONS)
    done = 0

    def step(kind: str, created: bool) -> None:
        nonlocal done
        report.count(kind, created)
        done += 1
        progress(done, total)

    try:
        with transaction.atomic():
            _load_sections(data, step)
    except KeyError as error:
        raise RegionDataError(
            _("A record in the region data lacks the field %(field)s.") % {"field": error}
        ) from error
    except ValidationError as error:
        raise RegionDataError(
            _("The region data is invalid: %(errors)s") % {"errors": "; ".join(error.messages)}
        ) from error
    return report


def _load_sections(data: dict[str, Any], step: _Step) -> None:
    orgs = _load_organisations(data["organisations"], step)
    _load_key_figures(data.get("key_figures", []), orgs, step)
    _load_memberships(data["memberships"], orgs, step)
    persons = _load_persons(data.get("persons", []), step)
    _load_mandates(data.get("mandates", []), orgs, persons, step)
    _load_board_terms(data.get("board_terms", []), orgs, persons, step)
    _load_milestones(data["milestones"], step)


def _organisation(orgs: dict[str, Organisation], slug: str) -> Organisation:
    if slug not in orgs:
        raise RegionDataError(
            _("Unknown organisation %(slug)s in the region data.") % {"slug": slug}
        )
    return orgs[slug]


def _load_organisations(rows: list[dict[str, Any]], step: _Step) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for row in rows:
        org, created = _upsert(
            Organisation,
            {"slug": row["slug"]},
            {k: v for k, v in row.items() if k != "slug"},
        )
        orgs[org.slug] = org
        step("organisations", created)
    return orgs


def _load_key_figures(
    rows: list[dict[str, Any]], orgs: dict[str, Organisation], step: _Step
) -> None:
    for row in rows:
        lookup = {
            "organisation": _organisation(orgs, row["organisation"]),
            "kind": row["kind"],
            "reference_date": _date(row["reference_date"]),
        }
        values = {"value": Decimal(row["value"]), **_sourced(row)}
        step("key_figures", _upsert(KeyFigure, lookup, values)[1])


def _load_memberships(
    rows: list[dict[str, Any]], orgs: dict[str, Organisation], step: _Step
) -> None:
    for row in rows:
        lookup = {
            "organisation": _organisation(orgs, row["organisation"]),
            "body": _organisation(orgs, row["body"]),
            "admitted_on": _date(row["admitted_on"]),
        }
        values = {
            "left_on": _date(row.get("left_on")),
            "voting_right": row.get("voting_right", True),
            **_sourced(row),
        }
        step("memberships", _upsert(Membership, lookup, values)[1])


def _load_persons(rows: list[dict[str, Any]], step: _Step) -> dict[str, Person]:
    persons: dict[str, Person] = {}
    for row in rows:
        lookup = {"given_name": row["given_name"], "family_name": row["family_name"]}
        persons[row["key"]], created = _upsert(
            Person, lookup, {"honorific": row["honorific"], **_sourced(row)}
        )
        step("persons", created)
    return persons


def _load_mandates(
    rows: list[dict[str, Any]],
    orgs: dict[str, Organisation],
    persons: dict[str, Person],
    step: _Step,
) -> None:
    for row in rows:
        lookup = {
            "person": persons[row["person"]],
            "organisation": _organisation(orgs, row["organisation"]),
            "starts_on": _date(row["starts_on"]),
        }
        values = {
            "office_de": row["office_de"],
            "office_en": row["office_en"],
            "ends_on": _date(row.get("ends_on")),
            **_sourced(row),
        }
        step("mandates", _upsert(Mandate, lookup, values)[1])


def _load_board_terms(
    rows: list[dict[str, Any]],
    orgs: dict[str, Organisation],
    persons: dict[str, Person],
    step: _Step,
) -> None:
    for row in rows:
        values = {
            "starts_on": _date(row.get("starts_on")),
            "ends_on": _date(row.get("ends_on")),
            **_sourced(row),
        }
        term, created = _upsert(BoardTerm, {"year": row["year"]}, values)
        for position in row.get("positions", []):
            lookup = {
                "term": term,
                "role": position["role"],
                "person": persons[position["person"]],
            }
            _upsert(
                BoardPosition,
                lookup,
                {
                    "organisation": _organisation(orgs, position["organisation"]),
                    **_sourced(position),
                },
            )
        step("board_terms", created)


def _load_milestones(rows: list[dict[str, Any]], step: _Step) -> None:
    for row in rows:
        values = {k: v for k, v in row.items() if k != "key"} | {"date": _date(row.get("date"))}
        step("milestones", _upsert(Milestone, {"key": row["key"]}, values)[1])
