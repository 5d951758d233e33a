"""Reusable reads of the registry."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from impulsregion.region.models import (
    ASSOCIATION_SLUG,
    BoardPosition,
    BoardTerm,
    KeyFigure,
    Membership,
    Organisation,
)


def current_members(on: dt.date | None = None) -> QuerySet[Organisation]:
    """Organisations that are members of the association on ``on`` (default: today)."""
    member_ids = Membership.objects.of_association().current(on).values("organisation_id")
    return Organisation.objects.filter(pk__in=member_ids).order_by("name")


def organisations_with_figures(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Prefetch the key figures, newest first, as ``figures``."""
    return queryset.prefetch_related(
        Prefetch(
            "key_figures",
            queryset=KeyFigure.objects.order_by("kind", "-reference_date"),
            to_attr="figures",
        )
    )


def latest_figures(organisation: Organisation) -> dict[str, KeyFigure]:
    """The newest figure of each kind (needs ``organisations_with_figures``)."""
    latest: dict[str, KeyFigure] = {}
    for figure in getattr(
        organisation, "figures", organisation.key_figures.order_by("kind", "-reference_date")
    ):
        latest.setdefault(figure.kind, figure)
    return latest


def board_terms() -> QuerySet[BoardTerm]:
    """All board terms, newest first, with positions, persons and organisations."""
    positions = BoardPosition.objects.select_related("person", "organisation").order_by("role")
    return BoardTerm.objects.prefetch_related(Prefetch("positions", queryset=positions)).order_by(
        "-year"
    )


def board_for_year(year: int) -> BoardTerm | None:
    return board_terms().filter(year=year).first()


def association() -> Organisation | None:
    return Organisation.objects.filter(slug=ASSOCIATION_SLUG).first()
