"""The member organisation a place belongs to, from its official municipality key (AGS)."""

from __future__ import annotations

from impulsregion.calendar.domain.region import in_region
from impulsregion.region.enums import OrganisationKind
from impulsregion.region.models import Organisation


def region_keys() -> list[str]:
    """AGS prefixes of the region: a city's full key, a district's first five digits."""
    keys = []
    for kind, ags in Organisation.objects.exclude(ags="").values_list("kind", "ags"):
        keys.append(ags[:5] if kind == OrganisationKind.LANDKREIS else ags)
    return keys


def municipality_for(ags: str) -> Organisation | None:
    """The member organisation whose municipality or district contains `ags`."""
    if not ags:
        return None
    exact = Organisation.objects.filter(ags=ags).first()
    if exact is not None:
        return exact
    for organisation in Organisation.objects.filter(kind=OrganisationKind.LANDKREIS).exclude(
        ags=""
    ):
        if in_region(ags, [organisation.ags[:5]]):
            return organisation
    return None
