"""Bulk writes of the agreements services leave one audit entry each, with their count."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from impulsregion.agreements.models import RegisterFiling, StatementLine
from impulsregion.agreements.services.admissions import remind_filings
from impulsregion.agreements.services.costs import issue_statement
from tests.factories.agreements import make_agreement, make_cost_year
from tests.factories.region import make_organisation

pytestmark = pytest.mark.integration


def _bulk_entries(model: type) -> list[dict[str, list[str]]]:
    kind = ContentType.objects.get_for_model(model)
    return [e.changes_dict for e in LogEntry.objects.filter(content_type=kind, object_pk="")]


def test_issued_statement_logs_its_lines_once(db) -> None:
    erfurt, weimar = make_organisation("erfurt"), make_organisation("weimar")
    agreement = make_agreement(parties=[erfurt, weimar])
    make_cost_year(agreement, inputs={erfurt: (213981, None), weimar: (65138, None)})

    stored = issue_statement(agreement=agreement, year=2024, now=timezone.now())

    assert _bulk_entries(StatementLine) == [
        {"count": ["0", "2"], "statement": ["", str(stored.pk)]}
    ]


def test_filing_reminders_log_one_entry(db) -> None:
    RegisterFiling.objects.create(
        kind="board_change", description="Vorstand 2025", due_on=dt.date(2025, 2, 1)
    )

    remind_filings(today=dt.date(2025, 2, 10))
    remind_filings(today=dt.date(2025, 2, 10))

    assert _bulk_entries(RegisterFiling) == [
        {"count": ["0", "1"], "reminded_on": ["", "2025-02-10"]}
    ]
