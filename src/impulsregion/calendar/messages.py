"""Translated sentences for the stable problem codes of the Django-free parsers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROBLEMS = {
    # whole file
    "empty": _("The file is empty."),
    "not-icalendar": _("The file is not a readable iCalendar file (%(detail)s)."),
    "no-calendar": _(
        "The file holds no iCalendar data: it has no line BEGIN:VCALENDAR or BEGIN:VEVENT."
    ),
    "web-page": _(
        "The file is a web page (HTML), not an iCalendar file: use the address of the calendar "
        "file itself, not of the page that links to it."
    ),
    "json-not-icalendar": _(
        "The file holds JSON, not iCalendar: import it with the format thuecat or destination-one."
    ),
    "truncated": _("The iCalendar file is incomplete: a calendar is opened but never closed."),
    "no-events": _("The file contains no events."),
    "unknown-format": _("Unknown format %(detail)s: use ics, thuecat, destination-one or csv."),
    "not-json": _("The file is not valid JSON (%(detail)s)."),
    "not-jsonld": _("The file is not a ThüCAT JSON-LD document (no @graph with nodes)."),
    "not-destination-one": _(
        "The file is not a destination.one search response (no list of items)."
    ),
    "csv-header": _("The CSV file lacks the required columns: %(detail)s."),
    "not-csv": _("The file is not a readable CSV file (%(detail)s)."),
    "binary-not-csv": _(
        "The file is not text but binary data, for example an Excel workbook: save the table "
        "as CSV (UTF-8) and import that file."
    ),
    "encoding": _("The file's character encoding could not be recognised."),
    "too-large": _("The source is larger than the limit of %(detail)s."),
    "unknown-json": _(
        "The file holds JSON, but neither ThüCAT JSON-LD nor a destination.one search answer."
    ),
    "fetch-failed": _("The address could not be fetched: %(detail)s."),
    "content-type": _("The address did not deliver a calendar file but %(detail)s."),
    # one record
    "no-title": _("The event has no title."),
    "no-id": _("The event has no identifier."),
    "no-start": _("The event has no start date."),
    "no-dates": _(
        "The event has no dates within the import period (one year back, two years ahead)."
    ),
    "bad-event": _("The event contains an unreadable value: %(detail)s."),
    "bad-recurrence": _("The recurrence rule cannot be read: %(detail)s."),
    "unsupported-frequency": _(
        "Series repeating more often than daily are not accepted (%(detail)s)."
    ),
    "no-usable-weekday": _("The series names no weekday a date can be derived from (%(detail)s)."),
    "bad-date": _("Row %(detail)s: the date is not a valid date (use DD.MM.YYYY)."),
    "weekday-mismatch": _(
        "Row %(detail)s: the weekday does not fit the date; please check which one is right."
    ),
    "bad-time": _("Row %(detail)s: the time is not valid (use HH:MM)."),
    "end-before-start": _("Row %(detail)s: the event ends before it starts."),
    "bad-url": _("Row %(detail)s: the link must start with http:// or https://."),
    "no-place": _("The event has no venue, so its municipality cannot be determined."),
    "no-postal-code": _("The venue has no postcode, so its municipality cannot be determined."),
    "outside-region": _("The venue lies outside the region (%(detail)s)."),
    "ambiguous-postal-code": _("The postcode belongs to several municipalities (%(detail)s)."),
}


def problem_message(code: str, detail: str = "") -> str:
    template = PROBLEMS.get(code)
    if template is None:
        return f"{code}: {detail}" if detail else code
    return str(template) % {"detail": detail or "–"}


FIELD_LABELS = {
    "title_de": _("title (German)"),
    "title_en": _("title (English)"),
    "organiser": _("organiser"),
    "url": _("website"),
    "licence": _("licence"),
    "price.text": _("price information"),
    "price.ticket_url": _("ticket link"),
    "price.currency": _("currency"),
    "place.name": _("venue"),
    "place.street": _("street and number"),
    "place.postal_code": _("postcode"),
    "place.locality": _("town"),
    "place.external_id": _("venue identifier"),
    "place.url": _("venue website"),
}


def too_long_message(field: str, length: int, limit: int) -> str:
    """Why an event with a text longer than its column is not imported."""
    return str(
        _('The field "%(field)s" has %(length)s characters; at most %(limit)s are allowed.')
        % {"field": FIELD_LABELS.get(field, field), "length": length, "limit": limit}
    )
