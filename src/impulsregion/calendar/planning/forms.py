from __future__ import annotations

from typing import Any

from django import forms

from impulsregion.calendar.planning import services
from impulsregion.calendar.planning.models import Hold


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
