"""Reusable read queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from impulsregion.agreements.models import Agreement, Meeting, Resolution, Statute
from impulsregion.region.models import BoardPosition, Membership, Organisation


def voting_members(on: dt.date) -> QuerySet[Organisation]:
    """Organisations that are members of the association with a voting right on ``on``."""
    ids = (
        Membership.objects.of_association()
        .current(on=on)
        .filter(voting_right=True)
        .values_list("organisation_id", flat=True)
    )
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def current_statute(on: dt.date) -> Statute | None:
    return Statute.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def public_resolutions() -> QuerySet[Resolution]:
    return Resolution.objects.filter(public=True, decided=True).select_related(
        "meeting", "meeting__body"
    )


def public_agreements() -> QuerySet[Agreement]:
    return Agreement.objects.filter(public=True).prefetch_related("parties__organisation")


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(public=True).select_related("body")


def chair_history() -> list[BoardPosition]:
    return list(
        BoardPosition.objects.filter(role="chair")
        .select_related("term", "person", "organisation")
        .order_by("-term__year")
    )
