"""Dates and quotation marks as a typesetter would write them, in German and English.

German: „Anführungszeichen“, ``19.–20. Juni 2027`` with non-breaking spaces so a date never
breaks across lines; English: “quotes”, ``19–20 June 2027``. Month names are kept here so the
domain needs no locale.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum

NBSP = "\u00a0"
EN_DASH = "–"


class Lang(StrEnum):
    DE = "de"
    EN = "en"


MONTHS: dict[Lang, tuple[str, ...]] = {
    Lang.DE: (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    Lang.EN: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    Lang.DE: ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    Lang.EN: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
QUOTES: dict[Lang, tuple[str, str]] = {Lang.DE: ("„", "“"), Lang.EN: ("“", "”")}


def month_name(month: int, lang: Lang) -> str:
    return MONTHS[lang][month - 1]


def _day_month(day: date, lang: Lang) -> str:
    if lang == Lang.DE:
        return f"{day.day}.{NBSP}{month_name(day.month, lang)}"
    return f"{day.day}{NBSP}{month_name(day.month, lang)}"


def format_date(day: date, lang: Lang, *, weekday: bool = False) -> str:
    """``Sa, 19. Juni 2027`` / ``Sat 19 June 2027`` (spaces inside the date non-breaking)."""
    text = f"{_day_month(day, lang)}{NBSP}{day.year}"
    if weekday:
        separator = "," if lang == Lang.DE else ""
        text = f"{WEEKDAYS[lang][day.weekday()]}{separator}{NBSP}{text}"
    return text


def format_date_range(start: date, end: date, lang: Lang) -> str:
    """A compact inclusive range: ``19.–20. Juni 2027``, ``30. Juni – 2. Juli 2027``."""
    if end <= start:
        return format_date(start, lang)
    if start.year != end.year:
        return f"{format_date(start, lang)} {EN_DASH} {format_date(end, lang)}"
    if start.month != end.month:
        return f"{_day_month(start, lang)} {EN_DASH} {format_date(end, lang)}"
    first = f"{start.day}." if lang == Lang.DE else str(start.day)
    return f"{first}{EN_DASH}{format_date(end, lang)}"


def format_time(moment: time, lang: Lang) -> str:
    """``19:30 Uhr`` / ``19:30`` (24-hour clock in both editions)."""
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{text}{NBSP}Uhr" if lang == Lang.DE else text


_DOUBLE = re.compile(r'"([^"\n]*)"')
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def typographic_quotes(text: str, lang: Lang) -> str:
    """Replace pairs of straight double quotes and in-word apostrophes by typographic ones."""
    opening, closing = QUOTES[lang]
    text = _DOUBLE.sub(lambda m: f"{opening}{m.group(1)}{closing}", text)
    return _APOSTROPHE.sub("’", text)
