"""Validation shared by the admin, the price import and the models."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from impulsregion.transit.domain.prices import PriceVersion as DomainVersion
from impulsregion.transit.domain.prices import overlapping_versions
from impulsregion.transit.explain import version_text


def as_domain_version(version: Any) -> DomainVersion:
    return DomainVersion(version.label, version.valid_from, version.valid_until, version.source)


def validate_version_period(version: Any) -> None:
    """Refuse a price version whose period overlaps another version's."""
    from impulsregion.transit.models import PriceVersion  # noqa: PLC0415 - circular: models imports this module for PriceVersion.clean

    if version.valid_from is None:
        return
    if version.valid_until is not None and version.valid_until < version.valid_from:
        raise ValidationError({"valid_until": _("The last day must not lie before the first day.")})
    others = PriceVersion.objects.exclude(pk=version.pk)
    mine = as_domain_version(version)
    for other in others:
        if overlapping_versions([mine, as_domain_version(other)]):
            raise ValidationError(
                {
                    "valid_from": _("The period overlaps the price version %(other)s.")
                    % {"other": version_text(other)}
                }
            )
