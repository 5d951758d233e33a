from django import template

from impulsregion.common.i18n import pick

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """``{{ milestone|localized:"title" }}``: the active language's text, German as fallback."""
    return pick(obj, field)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)
