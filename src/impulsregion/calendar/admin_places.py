"""The venue form of the back office: an editor creates a venue from the event form (the "+"
beside the venue picker), the municipality follows from postcode and town, and a venue
outside the region is refused with the reason."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.calendar.domain.region import in_region, in_thuringia, municipality_of_address
from impulsregion.calendar.models import Place
from impulsregion.calendar.services.municipalities import municipality_for, region_keys


def place_label(place: Place) -> str:
    """ "Name, street, postcode town": what the venue picker shows (the town once)."""
    return ", ".join(part for part in (place.name, place.address) if part)


class CoordinateField(forms.DecimalField):
    """A coordinate as a map shows it: "50.9271" or "50,9271"."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Enter the coordinate as a decimal number, e.g. 50.9271.")
            ) from None


ADDRESS_PROBLEMS = {
    "no-postal-code": gettext_lazy(
        "Enter the postcode: the town alone does not say which municipality it is."
    ),
    "bad-postal-code": gettext_lazy("A German postcode has five digits, e.g. 07743."),
    "ambiguous-postal-code": gettext_lazy(
        "This postcode belongs to several municipalities: enter the town as well."
    ),
}


class PlaceForm(forms.ModelForm):  # type: ignore[type-arg]
    latitude = CoordinateField(
        label=gettext_lazy("latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=gettext_lazy("Optional, e.g. 50.9271 (from a map)."),
    )
    longitude = CoordinateField(
        label=gettext_lazy("longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=gettext_lazy("Optional, e.g. 11.5836."),
    )

    url = forms.URLField(
        label=gettext_lazy("website"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "street",
            "postal_code",
            "locality",
            "latitude",
            "longitude",
            "url",
            "capacity",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        self._check_coordinates(cleaned)
        self._check_twin(cleaned)
        address_changed = {"postal_code", "locality"} & set(self.changed_data)
        if not self.instance.pk or address_changed or not self.instance.ags:
            self._resolve_municipality(cleaned)
        return cleaned

    def _resolve_municipality(self, cleaned: dict[str, Any]) -> None:
        code, town = cleaned.get("postal_code", ""), cleaned.get("locality", "")
        found = municipality_of_address(code, town)
        if found.problem in ADDRESS_PROBLEMS:
            self.add_error("postal_code", str(ADDRESS_PROBLEMS[found.problem]))
            return
        if found.problem or not in_region(found.ags, region_keys()):
            self.add_error(
                "postal_code",
                _(
                    "%(address)s lies outside the Impulsregion (Erfurt, Weimar, Jena, Weimarer "
                    "Land): the calendar takes only venues in the region."
                )
                % {"address": f"{code} {town}".strip()},
            )
            return
        self.instance.ags = found.ags
        self.instance.municipality = municipality_for(found.ags)

    def _check_coordinates(self, cleaned: dict[str, Any]) -> None:
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None and longitude is None:
            return
        if latitude is None or longitude is None:
            self.add_error("longitude", _("Enter both latitude and longitude, or neither."))
            return
        try:
            inside = in_thuringia(float(latitude), float(longitude))
        except (InvalidOperation, ValueError):
            inside = False
        if not inside:
            self.add_error(
                "latitude",
                _(
                    "These coordinates lie outside Thuringia. Check them (the region lies "
                    "about latitude 50.9, longitude 11.4) or leave them empty."
                ),
            )

    def _check_twin(self, cleaned: dict[str, Any]) -> None:
        twin = (
            Place.objects.filter(
                name__iexact=cleaned.get("name", "").strip(),
                postal_code=cleaned.get("postal_code", "").strip(),
            )
            .exclude(pk=self.instance.pk)
            .first()
        )
        if twin is not None:
            self.add_error(
                "name",
                _("This venue exists already: %(venue)s. Choose it in the venue search.")
                % {"venue": place_label(twin)},
            )
