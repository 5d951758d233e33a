"""Plain-language, translated sentences for the domain's conflicts and input problems."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from impulsregion.common.domain.holidays import SchoolSeason
from impulsregion.planning.domain.clashes import (
    BookingKind,
    Conflict,
    ConflictCode,
    ProposalError,
    ProposalProblem,
)
from impulsregion.planning.domain.suggestions import MAX_SUGGESTIONS, MAX_WINDOW_DAYS
from impulsregion.planning.domain.typography import Lang, format_date_range


def active_lang() -> Lang:
    return Lang.EN if (get_language() or "de").startswith("en") else Lang.DE


def dates_text(conflict: Conflict) -> str:
    return format_date_range(conflict.start, conflict.end, active_lang())


def describe(
    conflict: Conflict, names: Mapping[str, str], categories: Mapping[str, str] | None = None
) -> str:
    """One sentence explaining ``conflict``.

    ``names`` maps municipality slugs and ``categories`` category slugs to display names.
    """
    categories = categories or {}
    shared = ", ".join(categories.get(c, c) for c in conflict.shared_categories)
    city = names.get(conflict.municipality or "", conflict.municipality or "")
    values: dict[str, Any] = {
        "title": conflict.title,
        "dates": dates_text(conflict),
        "city": city,
        "visitors": number_format(conflict.expected_visitors, force_grouping=True),
        "count": conflict.count,
        "organisation": conflict.organisation or "",
        "categories": shared,
    }
    code = conflict.code
    if code == ConflictCode.BLOCKED:
        if conflict.municipality is None:
            return _("Blocked date for the whole region: %(title)s (%(dates)s).") % values
        return _("Blocked date in %(city)s: %(title)s (%(dates)s).") % values
    if code == ConflictCode.VENUE_TAKEN:
        return _("The venue is already booked: “%(title)s” (%(dates)s).") % values
    if code == ConflictCode.MAJOR_EVENT:
        return _major_sentence(conflict, values)
    if code == ConflictCode.BUSY_CITY:
        return (
            _(
                "%(count)s smaller events of the same kind (%(categories)s) in %(city)s on these days."
            )
            % values
        )
    holiday = conflict.holiday
    assert holiday is not None
    values["title"] = holiday.name_en if active_lang() == Lang.EN else holiday.name_de
    if code == ConflictCode.PUBLIC_HOLIDAY:
        return _("Public holiday in Thuringia: %(title)s (%(dates)s).") % values
    if holiday.season == SchoolSeason.SUMMER:
        return _("Thuringian %(title)s (%(dates)s): many families are away.") % values
    return _("Thuringian school holidays: %(title)s (%(dates)s).") % values


def _major_sentence(conflict: Conflict, values: dict[str, Any]) -> str:
    if conflict.kind == BookingKind.HOLD:
        text = _(
            "%(organisation)s has reserved the same days for “%(title)s” in %(city)s "
            "(%(dates)s, about %(visitors)s visitors expected)."
        )
    else:
        text = _(
            "Major event “%(title)s” in %(city)s on the same days "
            "(%(dates)s, about %(visitors)s visitors expected)."
        )
    parts = [text % values]
    if conflict.same_municipality:
        parts.append(_("Same town: the same hotels, streets and audience."))
    if conflict.shared_categories:
        parts.append(_("Same kind of event: %(categories)s.") % values)
    if conflict.shared_audiences:
        parts.append(_("Same audience."))
    return " ".join(parts)


def problem_message(error: ProposalError, value: object = None, **extra: Any) -> str:
    """The translated sentence for a rejected proposal or search window."""
    problem = error.problem
    if problem == ProposalProblem.IN_PAST:
        return _("The date lies in the past; choose a day from today on.")
    if problem == ProposalProblem.END_BEFORE_START:
        return _("The end lies before the start.")
    if problem == ProposalProblem.UNKNOWN_MUNICIPALITY:
        return _("Unknown municipality “%(value)s”; choose one of: %(choices)s.") % {
            "value": value,
            "choices": extra.get("choices", ""),
        }
    if problem == ProposalProblem.EMPTY_WINDOW:
        return _(
            "The window holds no possible date: it is shorter than the event "
            "or contains none of the chosen weekdays."
        )
    if problem == ProposalProblem.BAD_COUNT:
        return _("Ask for between 1 and %(max)s suggestions.") % {"max": MAX_SUGGESTIONS}
    if problem == ProposalProblem.BAD_VISITORS:
        return _("Expected visitors cannot be negative.")
    if error.field_name == "days":
        return _("An event lasts between 1 and 31 days.")
    if error.field_name == "to":
        return _("The search window may span at most %(days)s days.") % {"days": MAX_WINDOW_DAYS}
    return _("A proposed date range may span at most 31 days.")
