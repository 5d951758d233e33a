"""Shared argument parsing and output for the coordination commands."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from impulsregion.planning import queries
from impulsregion.planning.domain.clashes import Assessment
from impulsregion.planning.reasons import describe
from impulsregion.planning.services import ProposalInput


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date; write it as YYYY-MM-DD.") from error


def add_proposal_arguments(parser: CommandParser) -> None:
    parser.add_argument("--municipality", required=True, help="municipality slug, e.g. weimar")
    parser.add_argument("--visitors", type=int, default=0, help="expected visitors")
    parser.add_argument("--venue", type=int, default=None, help="place id of the venue")
    parser.add_argument(
        "--category", action="append", default=[], help="category slug (repeatable)"
    )
    parser.add_argument("--families", action="store_true", help="aimed at families")
    parser.add_argument(
        "--today", type=iso_date, default=None, help="the day to plan from (default: today)"
    )


def proposal_input(options: dict[str, Any], start: date, end: date) -> ProposalInput:
    return ProposalInput(
        start=start,
        end=end,
        municipality=options["municipality"],
        visitors=options["visitors"],
        venue=options["venue"],
        categories=options["category"],
        families=options["families"],
    )


def write_assessment(stdout: Any, assessment: Assessment, *, heading: str) -> None:
    names = queries.municipality_names()
    categories = queries.category_names()
    stdout.write(f"{heading}: score {assessment.score}/100")
    if not assessment.conflicts:
        stdout.write("  no conflicts")
    for conflict in assessment.conflicts:
        stdout.write(f"  -{conflict.penalty:>3}  {describe(conflict, names, categories)}")
