from typing import Any

from django import template

from impulsregion.common.i18n import pick

register = template.Library()


@register.filter
def localised_name(obj: Any) -> str:
    """The German or English name of a product, passenger type or recognised ticket."""
    return pick(obj, "name")


@register.filter
def localised_note(obj: Any) -> str:
    return pick(obj, "note")


@register.filter
def passenger_name(code: str, tariff_types: Any) -> str:
    found = tariff_types.get(code)
    return pick(found, "name") if found else code
