"""Plain factory functions for the region app: explicit defaults, no surprises."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from impulsregion.region.models import ASSOCIATION_SLUG, Membership, Organisation, StaffRole


def make_organisation(slug: str = "musterstadt", **fields: Any) -> Organisation:
    defaults = {
        "name": f"Stadt {slug.title()}",
        "short_name": slug.title(),
        "kind": "kreisfreie_stadt",
    }
    defaults.update(fields)
    return Organisation.objects.create(slug=slug, **defaults)


def association() -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        slug=ASSOCIATION_SLUG,
        defaults={
            "name": "Impulsregion e. V.",
            "short_name": "Impulsregion",
            "kind": "association",
        },
    )
    return org


def make_member(
    slug: str = "musterstadt", admitted_on: dt.date = dt.date(2016, 12, 5), **fields: Any
) -> Organisation:
    org = Organisation.objects.filter(slug=slug).first() or make_organisation(slug, **fields)
    Membership.objects.create(organisation=org, body=association(), admitted_on=admitted_on)
    return org


def make_user(
    username: str,
    *,
    role: str | None = None,
    organisation: Organisation | None = None,
    **fields: Any,
) -> Any:
    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, is_staff=True, **fields
    )
    if role:
        StaffRole.objects.create(user=user, organisation=organisation or association(), role=role)
    return user
