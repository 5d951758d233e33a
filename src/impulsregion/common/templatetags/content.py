from datetime import datetime

from django import template
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language

from impulsregion.common.i18n import pick

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """``{{ milestone|localized:"title" }}``: the active language's text, German as fallback."""
    return pick(obj, field)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


_LONG_DATE = {"de": "l, j.\xa0F Y", "en": "l, j\xa0F Y"}
_DAY_DATE = {"de": "j.\xa0F Y", "en": "j\xa0F Y"}


def _language() -> str:
    return (get_language() or "de")[:2]


def _format(value: object, patterns: dict[str, str], suffix: str = "") -> str:
    """`value` in the active language's pattern. An aware date-time is read in the current
    time zone (Europe/Berlin), so an all-day date, which begins at local midnight (the evening
    before in UTC), keeps its day."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and is_aware(value):
        value = localtime(value)
    return date_format(value, patterns.get(_language(), patterns["de"]) + suffix)


@register.filter
def long_date(value: object, with_time: str = "") -> str:
    """``Samstag, 15. Mai 2027`` / ``Saturday, 15 May 2027`` (``|long_date:"time"`` adds 18:00)."""
    return _format(value, _LONG_DATE, ", H:i" if with_time else "")


@register.filter
def day_date(value: object) -> str:
    """``15. Mai 2027`` / ``15 May 2027``."""
    return _format(value, _DAY_DATE)


@register.simple_tag
def clock_suffix() -> str:
    """German times read "18:00 Uhr"; English ones need no suffix."""
    return "Uhr" if _language() == "de" else ""
