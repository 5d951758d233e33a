"""Turn the domain's reason and problem codes into translated sentences."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from impulsregion.common.i18n import pick
from impulsregion.transit.domain.fares import Reason
from impulsregion.transit.domain.prices import CsvProblem, NoPriceVersionError

FAMILY_NAMES = {
    "city": pgettext_lazy("tariff family", "City"),
    "regio": pgettext_lazy("tariff family", "Regio"),
    "cityregio": pgettext_lazy("tariff family", "CityRegio"),
}

REASONS = {
    "zones_fewest": gettext_lazy(
        "The trip crosses %(count)s zone(s) on the shortest way through the zone plan: %(zones)s."
    ),
    "zones_route": gettext_lazy(
        "The route travelled touches %(count)s distinct zone(s), each counted once: %(zones)s."
    ),
    "relation": gettext_lazy(
        "The relation table fixes Preisstufe %(preisstufe)s for this pair of stops. %(note)s"
    ),
    "capped_regio": gettext_lazy(
        "%(counted)s Regio zones: from Preisstufe 6 on the ticket covers the whole Regio area, so Preisstufe %(preisstufe)s applies."
    ),
    "capped_cityregio": gettext_lazy(
        "%(counted)s zones: from Preisstufe 12 on the ticket covers the whole network, so Preisstufe %(preisstufe)s applies."
    ),
    "family_city": gettext_lazy(
        "One City zone only: tariff family City, Preisstufe %(preisstufe)s."
    ),
    "family_regio": gettext_lazy(
        "Regio zones only: tariff family Regio, Preisstufe %(preisstufe)s."
    ),
    "family_cityregio": gettext_lazy(
        "City and Regio zones: tariff family CityRegio, Preisstufe %(preisstufe)s."
    ),
    "version": gettext_lazy("Prices of the version %(label)s (valid from %(valid_from)s)."),
    "valid_minutes": gettext_lazy(
        "Valid %(minutes)s minutes from the start at Preisstufe %(preisstufe)s."
    ),
    "valid_next_day": gettext_lazy("Valid until 3:00 on the following day."),
    "valid_days": gettext_lazy("Valid for %(days)s calendar days including the first day."),
    "valid_month": gettext_lazy("Valid until the same day of the next month."),
    "rides": gettext_lazy("%(rides)s rides; each ride is valid like a single ticket."),
    "group_cards": gettext_lazy(
        "%(cards)s card(s) for the group, each for up to %(max_persons)s persons."
    ),
    "window_ok": gettext_lazy(
        "Valid Monday to Friday from %(weekday_from)s, all day at weekends and on public holidays."
    ),
    "free_passengers": gettext_lazy("%(count)s child(ren) under 6 travel free."),
    "illustrative": gettext_lazy(
        "At least one price used here is illustrative, not an official VMT price."
    ),
    "not_family": gettext_lazy("Not available in this tariff family."),
    "too_few_zones": gettext_lazy("Only for trips of at least %(min_zones)s zones."),
    "too_many_zones": gettext_lazy("Only for trips of at most %(max_zones)s zones."),
    "time_window": gettext_lazy(
        "Monday to Friday only from %(weekday_from)s (all day at weekends and on public holidays)."
    ),
    "group_too_small": gettext_lazy("Only for groups of two or more paying persons."),
    "no_price": gettext_lazy("No price is published for this passenger type (%(passenger)s)."),
}

PROBLEMS = {
    "missing_column": gettext_lazy("the column is missing"),
    "missing": gettext_lazy("a value is required"),
    "bad_date": gettext_lazy("%(value)r is not a date (YYYY-MM-DD)"),
    "period_inverted": gettext_lazy("%(value)s lies before valid_from"),
    "unknown_product": gettext_lazy("unknown product %(value)r"),
    "unknown_passenger": gettext_lazy("unknown passenger type %(value)r"),
    "bad_family": gettext_lazy("%(value)r is not a tariff family (city, regio, cityregio or *)"),
    "bad_preisstufe": gettext_lazy("%(value)r is not a Preisstufe (a whole number from 1, or *)"),
    "bad_decimal": gettext_lazy("%(value)r is not a number"),
    "negative": gettext_lazy("%(value)s is negative"),
    "too_precise": gettext_lazy("%(value)s has fractions of a cent"),
    "bad_flag": gettext_lazy("%(value)r is not yes or no"),
    "duplicate": gettext_lazy("the same price is already given in row %(value)s"),
    "empty": gettext_lazy("the file has no price rows"),
    "version_end_differs": gettext_lazy("the existing version %(value)s ends on another day"),
    "period_disagrees": gettext_lazy(
        "rows of the version starting %(value)s give different last days"
    ),
    "version_overlaps": gettext_lazy("the new version would overlap the version %(value)s"),
}


def reason_text(reason: Reason) -> str:
    values: dict[str, Any] = dict(reason.params)
    if "family" in values:
        values["family"] = FAMILY_NAMES.get(values["family"], values["family"])
    if "valid_from" in values:
        values["valid_from"] = _localised_date(values["valid_from"])
    template = REASONS.get(reason.code)
    if template is None:
        return reason.code
    return (str(template) % values).strip()


def _localised_date(iso: str) -> str:
    return formats.date_format(date.fromisoformat(iso), "SHORT_DATE_FORMAT")


def problem_message(problem: CsvProblem) -> str:
    text = str(PROBLEMS.get(problem.code, problem.code)) % {"value": problem.value}
    if problem.column:
        return _("Row %(row)s, column %(column)s: %(problem)s.") % {
            "row": problem.row,
            "column": problem.column,
            "problem": text,
        }
    return _("Row %(row)s: %(problem)s.") % {"row": problem.row, "problem": text}


class _Period(Protocol):
    """A price version, as the domain's ``PriceVersion`` or as a model row."""

    @property
    def label(self) -> str: ...
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_until(self) -> date | None: ...


def version_text(version: _Period) -> str:
    """``label (from start)`` or ``label (start – end)``, dates in the short local format."""
    start = formats.date_format(version.valid_from, "SHORT_DATE_FORMAT")
    if version.valid_until is None:
        return _("%(label)s (from %(start)s)") % {"label": version.label, "start": start}
    end = formats.date_format(version.valid_until, "SHORT_DATE_FORMAT")
    return _("%(label)s (%(start)s – %(end)s)") % {
        "label": version.label,
        "start": start,
        "end": end,
    }


def no_version_text(error: NoPriceVersionError) -> str:
    day = formats.date_format(error.day, "SHORT_DATE_FORMAT")
    versions = "; ".join(version_text(v) for v in error.versions) or _("none")
    return _("No price version covers %(day)s. Price versions: %(versions)s.") % {
        "day": day,
        "versions": versions,
    }


def family_name(family: str) -> str:
    return str(FAMILY_NAMES.get(family, family))


def name_of(obj: Any) -> str:
    """The bilingual name of a domain product/passenger type/recognised ticket."""
    return pick(obj, "name")
