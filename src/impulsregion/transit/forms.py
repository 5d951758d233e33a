from django import forms
from django.utils.translation import gettext_lazy as _


class FareForm(forms.Form):
    origin = forms.CharField(label=_("From"), max_length=150)
    destination = forms.CharField(label=_("To"), max_length=150)
    at = forms.DateTimeField(
        label=_("Date and time of travel"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: now."),
    )
    # an empty count means nobody of that kind travels
    adults = forms.IntegerField(
        label=_("Adults"), min_value=0, max_value=99, initial=1, required=False
    )
    children = forms.IntegerField(
        label=_("Children 6–14"), min_value=0, max_value=99, initial=0, required=False
    )
    infants = forms.IntegerField(
        label=_("Children under 6 (free)"), min_value=0, max_value=99, initial=0, required=False
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        persons = sum(data.get(f) or 0 for f in ("adults", "children", "infants"))
        if not self.errors and persons < 1:
            raise forms.ValidationError(_("At least one passenger must travel."))
        return data

    def passengers(self) -> dict[str, int]:
        data = self.cleaned_data
        return {
            "adult": data["adults"] or 0,
            "child": data["children"] or 0,
            "infant": data["infants"] or 0,
        }
