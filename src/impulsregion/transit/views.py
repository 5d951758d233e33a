from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from impulsregion.transit.explain import family_name, reason_text
from impulsregion.transit.forms import FareForm
from impulsregion.transit.queries import FareInputError, current_tariff, quote_trip

FIELD_OF = {"from": "origin", "to": "destination", "at": "at", "passengers": None, "via": None}


def index(request: HttpRequest) -> HttpResponse:
    """The public fare calculator: a GET form, so every result has a shareable address."""
    tariff = current_tariff()
    form = FareForm(request.GET or None, initial={"adults": 1, "children": 0, "infants": 0})
    result = None
    if form.is_bound and form.is_valid():
        try:
            quote = quote_trip(
                origin=form.cleaned_data["origin"],
                destination=form.cleaned_data["destination"],
                at=form.cleaned_data["at"],
                passengers=form.passengers(),
                tariff=tariff,
            )
        except FareInputError as error:
            form.add_error(FIELD_OF.get(error.field), error.message)
        else:
            result = _result(quote)
    stops = sorted(stop.name for stop in tariff.network.stops.values() if stop.zones)
    context = {
        "form": form,
        "result": result,
        "stop_names": stops,
        "quote_types": tariff.passenger_types,
    }
    return render(request, "transit/index.html", context)


def _result(quote):  # type: ignore[no-untyped-def]
    return {
        "quote": quote,
        "family": family_name(quote.level.family.value),
        "explanation": [reason_text(r) for r in quote.reasons],
        "offers": [
            {
                "offer": o,
                "valid_until": quote.valid_until(o),
                "explanation": [reason_text(r) for r in o.reasons],
            }
            for o in quote.offers
        ],
        "unavailable": [
            {"product": u.product, "reason": reason_text(u.reason)} for u in quote.unavailable
        ],
        "any_illustrative": any(o.illustrative for o in quote.offers),
    }
