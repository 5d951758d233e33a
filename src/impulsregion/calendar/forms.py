"""The public filter form; it turns query parameters into a `queries.EventFilter`."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impulsregion.calendar.models import Category
from impulsregion.calendar.reads.filters import EventFilter
from impulsregion.region.models import Organisation

# what the calendar can be asked for: days from 1990 to 2200, ids of 64 bits
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2200, 12, 31)
MAX_ID = 2**63 - 1

PERIODS = [
    ("", _("any time")),
    ("today", _("today")),
    ("tomorrow", _("tomorrow")),
    ("weekend", _("this weekend")),
    ("week", _("next 7 days")),
    ("month", _("next 30 days")),
]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    period = forms.ChoiceField(
        label=pgettext_lazy("filter", "When"), required=False, choices=PERIODS
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
    )
    free = forms.BooleanField(label=_("Free entry"), required=False)
    accessible = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    families = forms.BooleanField(label=_("For families"), required=False)
    # kept from links (a member's own events, a museum night's programme), not offered as fields
    organisation = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )

    def __init__(self, *args: object, choices: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not choices:  # feeds: a key is taken as given (an unknown one matches nothing)
            self.fields["municipality"] = forms.SlugField(required=False, max_length=80)
            self.fields["category"] = forms.SlugField(required=False, max_length=40)
            return
        municipalities = (
            Organisation.objects.exclude(ags="").order_by("name").values_list("slug", "short_name")
        )
        self.fields["municipality"].choices = [("", _("all")), *municipalities]
        self.fields["category"].choices = [
            ("", _("all")),
            *((c.slug, c.name_de) for c in Category.objects.all()),
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date lies before the start date."))
        return data

    def to_filter(self) -> EventFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return EventFilter(
            municipality=data.get("municipality") or "",
            category=data.get("category") or "",
            start=data.get("start"),
            end=data.get("end"),
            period=data.get("period") or "",
            q=data.get("q") or "",
            free=bool(data.get("free")),
            accessible=bool(data.get("accessible")),
            families=bool(data.get("families")),
            organisation=data.get("organisation") or "",
            parent=data.get("parent"),
        )
