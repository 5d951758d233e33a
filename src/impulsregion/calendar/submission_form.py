"""The public submission form: what the office needs to review an event of an organiser who is
not a member. Each error is one sentence at its field, linked to it (``aria-describedby``)
and listed in the summary at the top of the page."""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impulsregion.calendar.domain.sanitize import plain_text, web_link
from impulsregion.calendar.domain.submissions import HORIZON, date_problem, span_of
from impulsregion.calendar.models import Category, Place
from impulsregion.calendar.services.public_submissions import venue_problem
from impulsregion.common.i18n import pick

HONEYPOT = "website_2"  # people never see it; a robot that fills it is told "sent"
DATE_ROWS = 10
DATE_ROWS_SHOWN = 3
POSTCODE = re.compile(r"\d{5}")


def _required(message: Any) -> dict[str, Any]:
    return {"required": message}


class Described:
    """Marks each field's widget with what describes it (help text, errors) and whether it is
    invalid, for screen readers; call after validation."""

    def describe(self: Any) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.auto_id}_helptext"] if field.help_text else []
            if bound.errors:
                ids.append(f"{bound.auto_id}_errors")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class DateForm(Described, forms.Form):
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            **_required(_("Enter the day of this date.")),
            "invalid": _("Enter the day as a date, e.g. 24.05.2026."),
        },
    )
    start = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            **_required(_("Enter the start time of this date.")),
            "invalid": _("Enter the start time as hours and minutes, e.g. 19:30."),
        },
    )
    end = forms.TimeField(
        label=_("End time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter the end time as hours and minutes, e.g. 22:00.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("day") and data.get("start"):
            span = span_of(data["day"], data["start"], data.get("end"))
            problem = date_problem(span, timezone.now())
            if problem == "past":
                self.add_error("day", _("This date lies in the past."))
            elif problem == "too-far":
                last = (timezone.now() + HORIZON).date()
                self.add_error(
                    "day",
                    _("The calendar takes dates up to %(last)s; this one lies further ahead.")
                    % {"last": last.strftime("%d.%m.%Y")},
                )
            data["span"] = span
        return data


class BaseDateFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.cleaned_data.get("span")]
        if not filled:
            raise forms.ValidationError(_("Enter at least one date."), code="too_few_forms")

    def spans(self) -> list[Any]:
        return [form.cleaned_data["span"] for form in self.forms if form.cleaned_data.get("span")]


DateFormSet = forms.formset_factory(
    DateForm, formset=BaseDateFormSet, extra=DATE_ROWS, max_num=DATE_ROWS, absolute_max=DATE_ROWS
)


def place_choices() -> list[Any]:
    """The register's venues in the region, grouped by town."""
    places = (
        Place.objects.filter(municipality__isnull=False)
        .order_by("locality", "name")
        .only("pk", "name", "locality")
    )
    groups = [
        (town or "–", [(str(place.pk), place.name) for place in rows])
        for town, rows in groupby(places, key=lambda place: place.locality)
    ]
    return [("", _("– not in the list –")), *groups]


class SubmissionForm(Described, forms.Form):
    organiser = forms.CharField(
        label=_("Organiser"),
        help_text=_("Your club, gallery or company, as the calendar should name it."),
        max_length=200,
        error_messages=_required(_("Enter the name of the organiser.")),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "We send the confirmation link there. The regional office may write to you about "
            "this event; the address is not published."
        ),
        max_length=254,
        error_messages={
            **_required(_("Enter your e-mail address.")),
            "invalid": _("Enter an e-mail address like name@example.org."),
        },
    )
    phone = forms.CharField(
        label=_("Telephone (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    title = forms.CharField(
        label=_("Title of the event"),
        max_length=300,
        error_messages=_required(_("Enter the title of the event.")),
    )
    short = forms.CharField(
        label=_("Short text (optional)"),
        help_text=_("One or two sentences for the list of events (up to 300 characters)."),
        required=False,
        max_length=300,
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        help_text=_("Plain text; an empty line starts a new paragraph."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    place = forms.ChoiceField(label=_("Venue from the register"), required=False)
    venue_name = forms.CharField(label=_("Name of the venue"), required=False, max_length=200)
    venue_street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    venue_postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    venue_town = forms.CharField(label=_("Town"), required=False, max_length=100)
    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    price_text = forms.CharField(
        label=_("Admission and prices (optional)"),
        help_text=_("For example: free, or 12 €, reduced 8 €."),
        required=False,
        max_length=500,
    )
    url = forms.URLField(
        label=_("Website (optional)"),
        help_text=_("A page with more about the event, beginning with https://."),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter the website's full address, e.g. https://example.org.")
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are processed to review and publish this event."),
        help_text=_(
            "We use your details only to review and publish this event and to ask you about it; "
            "your e-mail address and telephone number are not published. Without confirmation "
            "everything is deleted after 48 hours."
        ),
        error_messages=_required(
            _(
                "Please agree to the processing of your details; without it we cannot review the event."
            )
        ),
    )
    website_2 = forms.CharField(
        label=pgettext_lazy("honeypot", "Leave this field empty"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices()
        self.fields["categories"].choices = [
            (category.slug, pick(category, "name")) for category in Category.objects.all()
        ]

    def clean_title(self) -> str:
        title = plain_text(self.cleaned_data["title"], 300)
        if not title:
            raise forms.ValidationError(_("Enter the title of the event."))
        return title

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url") or ""
        if url and not web_link(url):
            raise forms.ValidationError(
                _("Enter the website's full address, e.g. https://example.org.")
            )
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new = [
            data.get(name)
            for name in ("venue_name", "venue_street", "venue_postcode", "venue_town")
        ]
        if data.get("place") and any(new):
            self.add_error(
                "place", _("Choose a venue from the register or enter a new one, not both.")
            )
        elif not data.get("place") and not any(new):
            self.add_error(
                "place",
                _("Choose a venue from the register, or enter the name and address of a new one."),
            )
        elif not data.get("place"):
            self._clean_new_venue(data)
        return data

    def _clean_new_venue(self, data: dict[str, Any]) -> None:
        for name, message in (
            ("venue_name", _("Enter the name of the venue.")),
            ("venue_street", _("Enter the street and number of the venue.")),
            ("venue_postcode", _("Enter the postcode of the venue.")),
            ("venue_town", _("Enter the town of the venue.")),
        ):
            if not (data.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, message)
        code = (data.get("venue_postcode") or "").strip()
        if code and not POSTCODE.fullmatch(code):
            self.add_error("venue_postcode", _("A German postcode has five digits."))
        elif code and data.get("venue_town"):
            problem = venue_problem(code, data["venue_town"].strip())
            if problem:
                self.add_error("venue_postcode", problem)

    def venue(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data.get("place"):
            return {"place_id": int(data["place"])}
        return {
            "name": plain_text(data["venue_name"], 200),
            "street": plain_text(data["venue_street"], 200),
            "postal_code": data["venue_postcode"].strip(),
            "locality": plain_text(data["venue_town"], 100),
        }
