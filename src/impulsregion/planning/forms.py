from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsregion.planning import services
from impulsregion.planning.models import Hold


class HoldForm(forms.ModelForm):
    """Checks a new hold as the service will (dates, municipality, deadline)."""

    class Meta:
        model = Hold
        fields = [
            "organisation",
            "title",
            "start",
            "end",
            "municipality",
            "place",
            "categories",
            "expected_visitors",
            "deadline",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, municipality = data.get("start"), data.get("end"), data.get("municipality")
        if self.instance.pk or not (start and end and municipality):
            return data
        today = services.today_local()
        proposal = services.ProposalInput(
            start, end, municipality.slug, data.get("expected_visitors") or 0
        )
        try:
            services.check_clashes(proposal, user=None, today=today)
        except services.PlanningError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        deadline = data.get("deadline")
        if deadline and (deadline < today or deadline > start):
            self.add_error("deadline", services.deadline_message())
        return data


class PicksForm(forms.Form):
    """The visitor's picks of a joint event's programme (checkboxes, works without JS)."""

    item = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = choices


class RadarForm(forms.Form):
    """The clash radar and free-date search of the back office (one form, two buttons)."""

    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = forms.ChoiceField(label=_("Municipality"))
    visitors = forms.IntegerField(label=_("Expected visitors"), min_value=0, initial=0)
    category = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    families = forms.BooleanField(label=_("Aimed at families"), required=False)
    window_end = forms.DateField(
        label=_("Search free dates until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Fill in to get suggestions between the first day and this day."),
    )
    days = forms.IntegerField(label=_("Length in days"), min_value=1, max_value=31, initial=2)
    weekend = forms.BooleanField(label=_("Start on a Friday or Saturday"), required=False)

    def __init__(
        self,
        *args: Any,
        municipalities: list[tuple[str, str]],
        categories: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipalities
        self.fields["category"].choices = categories
