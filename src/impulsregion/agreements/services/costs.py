"""Cost statements of agreements and membership fees, computed by the pure allocation rules."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.agreements.domain.allocation import (
    CostKey,
    KeyKind,
    PartyInput,
    Statement,
    allocate,
)
from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import (
    Agreement,
    CostStatement,
    CostYear,
    FeeAssessment,
    StatementLine,
    Statute,
)
from impulsregion.agreements.queries import voting_members
from impulsregion.agreements.texts import describe_key, error_text
from impulsregion.common import audit
from impulsregion.common.domain.spreadsheet import SafeWriter
from impulsregion.region.models import KeyFigure, Organisation


def check_key(key: CostKey) -> None:
    try:
        key.validate()
    except RuleError as error:
        raise AgreementsError(error_text(error), field="key") from error


def _allocate(
    total: Decimal, key: CostKey, parties: list[PartyInput], on: dt.date | None
) -> Statement:
    try:
        return allocate(total, key, parties, on)
    except RuleError as error:
        raise AgreementsError(error_text(error)) from error


def cost_year(agreement: Agreement, year: int) -> CostYear:
    found = agreement.cost_years.filter(year=year).first()
    if found is None:
        raise AgreementsError(
            _(
                "No cost figures are recorded for “%(agreement)s” in %(year)d; enter the total and the inputs first."
            )
            % {"agreement": agreement.title_de, "year": year},
            field="year",
        )
    return found


def compute_statement(agreement: Agreement, year: int) -> tuple[Statement, dict[str, Organisation]]:
    """The statement of ``year`` computed from the recorded inputs (nothing is stored)."""
    check_key(agreement.cost_key())
    figures = cost_year(agreement, year)
    inputs = {i.organisation_id: i for i in figures.inputs.all()}
    kinds = {c.kind for c in agreement.cost_key().components}
    if kinds & {KeyKind.POPULATION, KeyKind.USAGE} and not inputs:
        raise AgreementsError(
            _(
                "No inputs are recorded for “%(agreement)s” in %(year)d; enter population or usage figures first."
            )
            % {"agreement": agreement.title_de, "year": year},
            field="year",
        )
    organisations: dict[str, Organisation] = {}
    parties = []
    for party in agreement.parties.select_related("organisation"):
        org = party.organisation
        organisations[org.name] = org
        given = inputs.get(org.pk)
        parties.append(
            PartyInput(
                org.name,
                population=given.population if given else None,
                usage=given.usage if given else None,
                fixed_percent=party.fixed_percent,
            )
        )
    statement = _allocate(
        figures.total, agreement.cost_key(), parties, figures.population_reference_date
    )
    return statement, organisations


COMPONENT_LABELS = {
    KeyKind.EQUAL: gettext_lazy("in equal shares"),
    KeyKind.POPULATION: gettext_lazy("by population"),
    KeyKind.USAGE: gettext_lazy("by usage"),
    KeyKind.FIXED: gettext_lazy("by fixed percentages"),
}


def _q(value: Decimal, places: str) -> str:
    return str(value.quantize(Decimal(places)))


def statement_data(statement: Statement) -> dict[str, Any]:
    """The statement with every step, as JSON-ready data (amounts as strings)."""
    return {
        "total": str(statement.total),
        "key": describe_key(statement.key),
        "reference_date": statement.reference_date.isoformat()
        if statement.reference_date
        else None,
        "steps": [
            {
                "component": step.component.kind.value,
                "component_label": str(COMPONENT_LABELS[step.component.kind]),
                "percent": str(step.component.percent),
                "amount": _q(step.amount, "0.0001"),
                "total_weight": str(step.total_weight),
                "lines": [
                    {
                        "party": line.party,
                        "weight": str(line.weight),
                        "fraction": _q(line.fraction, "0.00000001"),
                        "contribution_percent": _q(line.contribution, "0.000001"),
                        "exact_amount": _q(line.exact_amount, "0.0001"),
                    }
                    for line in step.lines
                ],
            }
            for step in statement.steps
        ],
        "shares": [
            {
                "party": share.party,
                "percent": _q(share.percent, "0.000001"),
                "exact_amount": _q(share.exact_amount, "0.0001"),
                "rounded_down": str(share.floor_amount),
                "extra_cent": str(share.extra_cent),
                "amount": str(share.amount),
            }
            for share in statement.shares
        ],
        "sum": str(statement.allocated),
    }


def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=";")
    writer.writerow(
        ["party", "share_percent", "exact_amount", "rounded_down", "extra_cent", "amount_eur"]
    )
    for share in statement_data(statement)["shares"]:
        writer.writerow(
            [
                share["party"],
                share["percent"],
                share["exact_amount"],
                share["rounded_down"],
                share["extra_cent"],
                share["amount"],
            ]
        )
    writer.writerow(["total", "100", statement.total, "", "", statement.allocated])
    return out.getvalue()


def _store(
    statement: Statement, organisations: dict[str, Organisation], now: dt.datetime, **target: Any
) -> CostStatement:
    stored = CostStatement.objects.create(
        issued_at=now,
        total=statement.total,
        key_description=describe_key(statement.key)[:300],
        steps=statement_data(statement),
        **target,
    )
    lines = StatementLine.objects.bulk_create(
        StatementLine(
            statement=stored,
            organisation=organisations[share.party],
            percent=share.percent.quantize(Decimal("0.00000001")),
            amount=share.amount,
        )
        for share in statement.shares
    )
    audit.log_bulk(
        StatementLine,
        action=audit.CREATE,
        count=len(lines),
        changes={"statement": ["", str(stored.pk)]},
    )
    return stored


@transaction.atomic
def issue_statement(
    *, agreement: Agreement, year: int, now: dt.datetime, user: Any = None
) -> CostStatement:
    """Compute and keep the statement of ``year``; earlier issues stay as history."""
    statement, organisations = compute_statement(agreement, year)
    return _store(statement, organisations, now, cost_year=cost_year(agreement, year))


def _population_on(organisation: Organisation, on: dt.date) -> int | None:
    figure = (
        KeyFigure.objects.filter(
            organisation=organisation, kind="population", reference_date__lte=on
        )
        .order_by("-reference_date")
        .first()
    )
    return int(figure.value) if figure else None


def compute_fees(
    *, year: int, total: Decimal, statute: Statute, reference_date: dt.date
) -> tuple[Statement, dict[str, Organisation]]:
    """Membership fees of ``year`` among the voting members on 1 January, by the fee key."""
    check_key(statute.cost_key())
    members = list(voting_members(dt.date(year, 1, 1)))
    if not members:
        raise AgreementsError(
            _("The association has no members in %(year)d.") % {"year": year}, field="year"
        )
    parties = [PartyInput(m.name, population=_population_on(m, reference_date)) for m in members]
    statement = _allocate(total, statute.cost_key(), parties, reference_date)
    return statement, {m.name: m for m in members}


@transaction.atomic
def assess_fees(
    *,
    year: int,
    total: Decimal,
    statute: Statute,
    reference_date: dt.date,
    now: dt.datetime,
    user: Any = None,
) -> FeeAssessment:
    if FeeAssessment.objects.filter(year=year).exists():
        raise AgreementsError(
            _("Fees for %(year)d are already assessed.") % {"year": year}, field="year"
        )
    statement, organisations = compute_fees(
        year=year, total=total, statute=statute, reference_date=reference_date
    )
    assessment = FeeAssessment.objects.create(
        year=year, total=total, statute=statute, population_reference_date=reference_date
    )
    _store(statement, organisations, now, fee_assessment=assessment)
    return assessment


ProgressCallback = Callable[[int, int], None]
