"""An event's dates in the back office: single dates (one row each) and a recurring rule
(weekly, monthly on the n-th weekday or on a day of the month) with a preview of its dates.

The rule is kept (`EventSeries`) and its dates become the event's dates when the event is
saved, replacing those it made before; dates entered by hand stay. German date and time
fields are the browser's own (``<input type="date">``, ``type="time"``), usable at 390 px.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.calendar.domain.recurrence import (
    MAX_SERIES_DATES,
    SeriesDates,
    SeriesProblem,
    parse_days,
    series_dates,
)
from impulsregion.calendar.domain.types import BERLIN, FIRST_YEAR, LAST_YEAR, Span
from impulsregion.calendar.enums import SeriesKind, Weekday, WeekOfMonth
from impulsregion.calendar.models import EventSeries, Occurrence
from impulsregion.calendar.services.series import (
    made_by,
    remove_series,
    rule_of,
    write_series_dates,
)
from impulsregion.region.admin_base import RoleInline

ASSETS = forms.Media(css={"all": ["calendar/admin_dates.css"]}, js=["calendar/admin_dates.js"])


class DayInput(forms.DateInput):
    """The browser's date picker; it shows TT.MM.JJJJ on German pages and sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ClockInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def _past(day: date) -> bool:
    return day < timezone.localdate()


PAST = gettext_lazy("This date lies in the past. Enter a date from today on.")
NO_TIME = gettext_lazy("Enter a start time, or tick “all day”.")


# --- single dates -------------------------------------------------------------------------


class OccurrenceForm(forms.ModelForm):  # type: ignore[type-arg]
    """One date: its day and times; an end day only for a date over several days. "All day"
    needs no time. Stored as the date's start and end (an all-day date ends at the
    following midnight)."""

    day = forms.DateField(label=gettext_lazy("day"), widget=DayInput)
    start_time = forms.TimeField(label=gettext_lazy("from"), required=False, widget=ClockInput)
    end_time = forms.TimeField(label=gettext_lazy("until"), required=False, widget=ClockInput)
    end_day = forms.DateField(
        label=gettext_lazy("last day"),
        required=False,
        widget=DayInput,
        help_text=gettext_lazy("Only for a date over several days."),
    )

    class Meta:
        model = Occurrence
        fields = ["day", "start_time", "end_time", "end_day", "all_day"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(_day_and_times(self.instance))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = cleaned.get("day")
        if day is None:
            return cleaned
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.add_error("day", _out_of_years())
            return cleaned
        if _past(day) and (not self.instance.pk or "day" in self.changed_data):
            self.add_error("day", PAST)
            return cleaned
        span = _span(cleaned)
        if span is None:
            self.add_error("start_time", NO_TIME)
        elif span.end is not None and span.end <= span.start:
            self.add_error("end_day", _("The date ends before it starts."))
        else:
            self.instance.start, self.instance.end = span.start, span.end
        return cleaned


def _out_of_years() -> str:
    return _("A date lies outside the years %(first)s to %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def _span(cleaned: dict[str, Any]) -> Span | None:
    day, last = cleaned["day"], cleaned.get("end_day") or cleaned["day"]
    if cleaned.get("all_day"):
        return Span(
            start=datetime.combine(day, time(0), tzinfo=BERLIN),
            end=datetime.combine(last + timedelta(days=1), time(0), tzinfo=BERLIN),
        )
    begins, ends = cleaned.get("start_time"), cleaned.get("end_time")
    if begins is None:
        return None
    start = datetime.combine(day, begins, tzinfo=BERLIN)
    if ends is None:
        return Span(start=start)
    end = datetime.combine(last, ends, tzinfo=BERLIN)
    if end <= start and not cleaned.get("end_day"):
        end += timedelta(days=1)  # 22:00 to 02:00 ends the next morning
    return Span(start=start, end=end)


def _day_and_times(occurrence: Occurrence) -> dict[str, Any]:
    start = occurrence.start.astimezone(BERLIN)
    end = occurrence.end.astimezone(BERLIN) if occurrence.end else None
    if occurrence.all_day:
        last = (end - timedelta(seconds=1)).date() if end else start.date()
        return {"day": start.date(), "end_day": last if last != start.date() else None}
    values: dict[str, Any] = {"day": start.date(), "start_time": start.time()}
    if end is not None:
        values["end_time"] = end.time()
        overnight = end.date() == start.date() + timedelta(days=1) and end.time() <= start.time()
        if end.date() != start.date() and not overnight:
            values["end_day"] = end.date()
    return values


class OccurrenceInline(RoleInline, admin.TabularInline):
    """The dates entered one by one (the rule's dates are listed with the rule)."""

    model = Occurrence
    form = OccurrenceForm
    fields = ["day", "start_time", "end_time", "end_day", "all_day"]
    extra = 1
    verbose_name = gettext_lazy("single date")
    verbose_name_plural = gettext_lazy("single dates")
    classes = ["occurrence-rows"]

    @property
    def media(self) -> forms.Media:
        return super().media + ASSETS

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(series_link__isnull=True)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """Whoever only reads the event reads the stored start and end."""
        if obj is not None and not self.has_change_permission(request, obj):
            return ["start", "end", "all_day"]
        return list(self.fields)


# --- the recurring rule -------------------------------------------------------------------


class PreviewButton(forms.Widget):
    """ "Show dates": asks the back office for the rule's dates and lists them below."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        return format_html(
            '<button type="button" class="button series-preview" data-url="{}">{}</button>'
            '<div class="series-dates" aria-live="polite"></div>',
            reverse("admin:calendar_event_series_preview"),
            _("Show dates"),
        )


SERIES_MESSAGES = {
    "unknown-kind": gettext_lazy("Choose how the dates repeat."),
    "bad-interval": gettext_lazy("Enter a number from 1 to 12 for “every”."),
    "no-weekday": gettext_lazy("Choose at least one weekday."),
    "no-week-of-month": gettext_lazy("Choose which one in the month: first, second, … or last."),
    "no-month-day": gettext_lazy("Enter a day of the month from 1 to 31."),
    "no-start-time": NO_TIME,
    "no-end": gettext_lazy("Give an end date or a number of dates."),
    "both-ends": gettext_lazy("Give either an end date or a number of dates, not both."),
    "until-before-first": gettext_lazy("The end date lies before the first date."),
    "no-dates": gettext_lazy(
        "The rule makes no date: check the weekdays, the end and the dates left out."
    ),
}


def series_message(problem: SeriesProblem) -> str:
    if problem.code == "too-many":
        return _(
            "The rule makes more than %(cap)s dates. Give an earlier end date or a smaller "
            "number of dates."
        ) % {"cap": MAX_SERIES_DATES}
    if problem.code == "out-of-years":
        return _out_of_years()
    return str(SERIES_MESSAGES.get(problem.code, SERIES_MESSAGES["unknown-kind"]))


RULE_PARTS = ("kind", "week_of_month", "month_day", "first_date", "start_time", "end_time")
RULE_PARTS += ("all_day", "until", "count")


class SeriesForm(forms.ModelForm):  # type: ignore[type-arg]
    kind = forms.ChoiceField(
        label=gettext_lazy("repeats"),
        choices=SeriesKind.choices,
        initial=SeriesKind.WEEKLY,
        widget=forms.RadioSelect,
    )
    interval = forms.IntegerField(
        label=gettext_lazy("every"),
        initial=1,
        min_value=1,
        max_value=12,
        help_text=gettext_lazy("1 = every week or month, 2 = every other, …"),
        widget=forms.NumberInput(attrs={"class": "vSmallField"}),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("on these weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "series-weekdays"}),
    )
    week_of_month = forms.TypedChoiceField(
        label=gettext_lazy("which one in the month"),
        choices=[("", "—"), *WeekOfMonth.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    month_day = forms.IntegerField(
        label=gettext_lazy("day of the month"),
        min_value=1,
        max_value=31,
        required=False,
        help_text=gettext_lazy("Months without this day are left out."),
        widget=forms.NumberInput(attrs={"class": "vSmallField"}),
    )
    first_date = forms.DateField(label=gettext_lazy("starting on"), widget=DayInput)
    start_time = forms.TimeField(
        label=gettext_lazy("start time"), required=False, widget=ClockInput
    )
    end_time = forms.TimeField(label=gettext_lazy("end time"), required=False, widget=ClockInput)
    until = forms.DateField(label=gettext_lazy("until"), required=False, widget=DayInput)
    count = forms.IntegerField(
        label=gettext_lazy("or number of dates"),
        min_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"class": "vSmallField"}),
    )
    exceptions = forms.CharField(
        label=gettext_lazy("left out"),
        required=False,
        help_text=gettext_lazy(
            "Days without the event, e.g. 24.12.2026, 31.12.2026 (separated by commas)."
        ),
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    preview = forms.CharField(label="", required=False, widget=PreviewButton)

    class Meta:
        model = EventSeries
        fields = [
            "kind",
            "interval",
            "weekdays",
            "week_of_month",
            "month_day",
            "first_date",
            "start_time",
            "end_time",
            "all_day",
            "until",
            "count",
            "exceptions",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["exceptions"] = ", ".join(
                formats.date_format(date.fromisoformat(day), "d.m.Y")
                for day in self.instance.exceptions
            )
        self.dates: SeriesDates | None = None

    def clean_exceptions(self) -> list[str]:
        days, bad = parse_days(self.cleaned_data.get("exceptions") or "")
        if bad:
            raise forms.ValidationError(
                _("“%(text)s” is not a date. Write dates as 24.12.2026, separated by commas.")
                % {"text": bad[0]}
            )
        return [day.isoformat() for day in days]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        first = cleaned["first_date"]
        if _past(first) and (not self.instance.pk or "first_date" in self.changed_data):
            self.add_error(
                "first_date", _("The first date lies in the past. Enter a date from today on.")
            )
            return cleaned
        series = EventSeries(
            **{name: cleaned.get(name) for name in RULE_PARTS},
            exceptions=cleaned.get("exceptions") or [],
        )
        series.interval = cleaned.get("interval") or 1
        series.weekdays = cleaned.get("weekdays") or []
        try:
            self.dates = series_dates(rule_of(series), BERLIN)
        except SeriesProblem as problem:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, series_message(problem))
        return cleaned


class SeriesFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Saving the rule writes its dates; deleting it deletes them."""

    def save(self, commit: bool = True) -> list[Any]:
        saved = super().save(commit)
        for form in self.forms:
            dates = getattr(form, "dates", None)
            keep = form.instance.pk and not self._should_delete_form(form)
            if commit and keep and dates is not None and form.has_changed():
                write_series_dates(form.instance, dates.spans)
        return saved

    def delete_existing(self, obj: EventSeries, commit: bool = True) -> None:
        if commit:
            remove_series(obj)


class EventSeriesInline(RoleInline, admin.StackedInline):
    model = EventSeries
    form = SeriesForm
    formset = SeriesFormSet
    extra = 1
    max_num = 1
    verbose_name = gettext_lazy("recurring dates")
    verbose_name_plural = gettext_lazy("recurring dates (rule)")
    classes = ["series-rule"]
    fieldsets = [
        (None, {"fields": ["kind", "interval", "weekdays", "week_of_month", "month_day"]}),
        (
            gettext_lazy("Time"),
            {"fields": ["first_date", ("start_time", "end_time"), "all_day"]},
        ),
        (
            gettext_lazy("End of the series"),
            {"fields": [("until", "count"), "exceptions", "preview"]},
        ),
        (None, {"fields": ["made_dates"]}),
    ]
    readonly_fields = ["made_dates"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:  # a new event: no saved rule yet
            return self.fieldsets[:-1]
        if not self.has_change_permission(request, obj):
            return [(None, {"fields": ["made_dates"]})]
        return self.fieldsets

    @admin.display(description=gettext_lazy("dates of the saved rule"))
    def made_dates(self, series: EventSeries) -> str:
        if not series.pk:
            return "–"
        shown = [_shown(Span(o.start, o.end, o.all_day)) for o in made_by(series)]
        return format_html_join("", "<div>{}</div>", ((text,) for text in shown)) or _("none")

    @property
    def media(self) -> forms.Media:
        return super().media + ASSETS


# --- the preview --------------------------------------------------------------------------


class SeriesPreviewMixin:
    """Mixed into the event admin: ``series-preview/`` answers the rule's dates as HTML
    (what the "Show dates" button puts below the rule), without saving anything."""

    admin_site: admin.AdminSite

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "series-preview/",
            self.admin_site.admin_view(self.series_preview_view),
            name="calendar_event_series_preview",
        )
        return [preview, *super().get_urls()]  # type: ignore[misc]

    def series_preview_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse(status=405)
        if not (self.has_add_permission(request) or self.has_change_permission(request)):  # type: ignore[attr-defined]
            raise PermissionDenied
        prefix = request.POST.get("prefix", "series-0")
        instance = EventSeries.objects.filter(
            pk=request.POST.get(f"{prefix}-id") or None,
            event__in=self.get_queryset(request),  # type: ignore[attr-defined]
        ).first()
        form = SeriesForm(request.POST, prefix=prefix, instance=instance)
        if not form.is_valid():
            form.dates = None
        context = {
            "errors": _error_sentences(form),
            "dates": [_shown(span) for span in form.dates.spans] if form.dates else [],
            "left_out": [_day(day) for day in (form.dates.left_out if form.dates else ())],
        }
        return HttpResponse(
            render_to_string("admin/calendar/event/series_preview.html", context, request)
        )


def _error_sentences(form: SeriesForm) -> list[str]:
    sentences = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            sentences.append(f"{label}: {error}" if label else str(error))
    return sentences


def _day(day: date) -> str:
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


def _shown(span: Span) -> str:
    start = span.start.astimezone(BERLIN)
    if span.all_day:
        return _("%(day)s, all day") % {"day": _day(start.date())}
    begins = formats.time_format(start.time(), "TIME_FORMAT")
    if span.end is None:
        return f"{_day(start.date())}, {begins}"
    ends = formats.time_format(span.end.astimezone(BERLIN).time(), "TIME_FORMAT")
    return f"{_day(start.date())}, {begins}–{ends}"
