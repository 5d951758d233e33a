from typing import Any

from django import template

from impulsregion.common.i18n import pick as pick_value

register = template.Library()


@register.simple_tag
def pick(obj: Any, field: str) -> str:
    """``{% pick obj "title" %}``: the active language's value, German as fallback."""
    return pick_value(obj, field)
