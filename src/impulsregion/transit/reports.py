"""The revenue-sharing report (Einnahmeaufteilung): inputs, key, every step, shares.

Rendered as HTML (with an accessible bar chart), CSV and tagged PDF (typst, PDF/UA-1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from impulsregion.common.domain.spreadsheet import SafeWriter
from impulsregion.common.pdf import render_typst_pdf
from impulsregion.transit.domain.revenue import (
    RevenueInputError,
    SalesSummary,
    SharingKey,
    SharingResult,
    parse_usage,
    share_revenue,
    summarise_sales,
)
from impulsregion.transit.explain import problem_message
from impulsregion.transit.models import Operator

TEMPLATES = Path(__file__).resolve().parent / "templates" / "transit"
MEASURE_NAMES = {
    "passenger_km": gettext_lazy("passenger-km"),
    "seat_km": gettext_lazy("seat-km"),
    "boarding_km": gettext_lazy("fixed amount per boarding plus amount per passenger-km"),
}


class RevenueReportError(Exception):
    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class RevenueReport:
    sales_file: str
    counts_file: str
    sales: SalesSummary
    result: SharingResult
    operators: dict[str, Any]
    created: Any


def build_report(sales_path: Path, counts_path: Path, key: SharingKey) -> RevenueReport:
    """Read both files, share the sales total by ``key``; problems are listed by row and column."""
    try:
        with sales_path.open(encoding="utf-8-sig", newline="") as handle:
            sales = summarise_sales(handle)
        with counts_path.open(encoding="utf-8-sig", newline="") as handle:
            usage = parse_usage(handle)
    except RevenueInputError as error:
        source = sales_path.name if error.source == "sales" else counts_path.name
        raise RevenueReportError(
            _("%(file)s cannot be used:") % {"file": source},
            [problem_message(p) for p in error.problems],
        ) from error
    except OSError as error:
        raise RevenueReportError(
            _("Cannot read the input: %(error)s") % {"error": error}
        ) from error
    try:
        result = share_revenue(sales.total, usage, key)
    except ValueError as error:
        raise RevenueReportError(str(error)) from error
    operators = {o.code: o for o in Operator.objects.filter(code__in=result.operators)}
    return RevenueReport(
        sales_path.name, counts_path.name, sales, result, operators, timezone.localtime()
    )


def _percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01')) if whole else Decimal(0)}"


def report_data(report: RevenueReport) -> dict[str, Any]:
    """Everything the three formats show, as plain strings."""
    result = report.result
    weight_sum = sum(result.weights.values(), Decimal(0))

    def operator_name(code: str) -> str:
        operator = report.operators.get(code)
        return operator.name if operator else code

    def unconfirmed(code: str) -> bool:
        operator = report.operators.get(code)
        return operator is None or not operator.confirmed

    steps = [
        {
            "measure": str(MEASURE_NAMES[part.measure.value]),
            "weight": str(part.weight),
            "lines": [
                {
                    "operator": operator_name(op),
                    "value": f"{result.measures[part.measure].get(op, Decimal(0)):.2f}",
                    "fraction": _percent(result.fractions[part.measure][op], Decimal(1)),
                }
                for op in result.operators
            ],
        }
        for part in result.key.parts
    ]
    shares = [
        {
            "code": op,
            "operator": operator_name(op),
            "unconfirmed": unconfirmed(op),
            "weight": f"{result.weights[op]:.6f}",
            "percent": _percent(result.weights[op], weight_sum),
            "amount": str(result.shares[op]),
            "bar": float(result.shares[op] / result.total * 100) if result.total else 0.0,
        }
        for op in result.operators
    ]
    return {
        "title": _("Revenue sharing of the Verbundtarif"),
        "created": formats.date_format(report.created, "SHORT_DATETIME_FORMAT"),
        "sales_file": report.sales_file,
        "counts_file": report.counts_file,
        "rows": report.sales.rows,
        "total": str(result.total),
        "sum": str(sum(result.shares.values(), Decimal(0))),
        "key": result.key.describe(),
        "fixed_per_boarding": str(result.key.fixed_per_boarding),
        "per_km": str(result.key.per_km),
        "by_product": [{"name": k, "amount": str(v)} for k, v in report.sales.by_product.items()],
        "by_channel": [{"name": k, "amount": str(v)} for k, v in report.sales.by_channel.items()],
        "by_preisstufe": [
            {"name": k, "amount": str(v)} for k, v in report.sales.by_preisstufe.items()
        ],
        "steps": steps,
        "shares": shares,
        "any_unconfirmed": any(s["unconfirmed"] for s in shares),
    }


def render_html(report: RevenueReport, language: str = "de") -> str:
    with override(language):
        return render_to_string(
            "transit/revenue_report.html", {"data": report_data(report), "language": language}
        )


def render_csv(report: RevenueReport) -> str:
    data = report_data(report)
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(["operator_code", "operator", "confirmed", "weight", "percent", "amount_eur"])
    for share in data["shares"]:
        writer.writerow(
            [
                share["code"],
                share["operator"],
                "no" if share["unconfirmed"] else "yes",
                share["weight"],
                share["percent"],
                share["amount"],
            ]
        )
    writer.writerow(["total", "", "", "", "100.00", data["total"]])
    return out.getvalue()


def render_pdf(report: RevenueReport, language: str = "de") -> bytes:
    with override(language):
        data = report_data(report)
        data["lang"] = language
        data["labels"] = {
            "inputs": _("Inputs"), "sales": _("Ticket sales"), "counts": _("Count and survey data"),
            "rows": _("Sales rows"), "total": _("Revenue to share"), "key": _("Key"),
            "rates": _("Rates for boardings"), "created": _("Created"), "step": _("Step"),
            "operator": _("Operator"), "value": _("Value"), "fraction": _("Share of the measure in %"),
            "weight": _("Weight"), "percent": _("Share in %"), "amount": _("Amount in €"), "sum": _("Sum"),
            "product": _("Product"), "channel": _("Sales channel"), "preisstufe": _("Preisstufe"),
            "unconfirmed": _("* participation not confirmed"),
            "method": _("Each operator's exact share is rounded down to the cent; the cents left over go to the largest remainders, so the amounts add up exactly to the total."),
        }  # fmt: skip
        return render_typst_pdf(TEMPLATES / "revenue_report.typ", data)
