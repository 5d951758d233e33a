"""A quote as plain data for JSON (API, ``fare --json``): prices as decimal strings."""

from __future__ import annotations

from typing import Any

from impulsregion.common.i18n import pick
from impulsregion.transit.domain.fares import Quote
from impulsregion.transit.explain import family_name, reason_text


def quote_as_dict(quote: Quote) -> dict[str, Any]:
    return {
        "from": _stop(quote.origin),
        "to": _stop(quote.destination),
        "via": [_stop(s) for s in quote.route[1:-1]],
        "at": quote.at.isoformat(),
        "passengers": dict(quote.passengers),
        "zones": [{"code": z.code, "name": z.name, "kind": z.kind.value} for z in quote.zones],
        "zones_counted": quote.level.counted,
        "preisstufe": quote.level.preisstufe,
        "family": quote.level.family.value,
        "family_name": family_name(quote.level.family.value),
        "price_version": {
            "label": quote.version.label,
            "valid_from": quote.version.valid_from.isoformat(),
            "valid_until": quote.version.valid_until.isoformat()
            if quote.version.valid_until
            else None,
        },
        "explanation": [reason_text(r) for r in quote.reasons],
        "products": [
            {
                "code": o.product.code,
                "name": pick(o.product, "name"),
                "price": str(o.total),
                "currency": "EUR",
                "illustrative": o.illustrative,
                "preisstufe": quote.level.preisstufe,
                "zones": quote.level.counted,
                "family": quote.level.family.value,
                "valid_until": quote.valid_until(o).isoformat(),
                "cards": o.cards,
                "lines": [
                    {
                        "passenger": line.passenger,
                        "count": line.count,
                        "unit_price": str(line.unit_price),
                        "amount": str(line.amount),
                    }
                    for line in o.lines
                ],
                "explanation": [reason_text(r) for r in o.reasons],
            }
            for o in quote.offers
        ],
        "not_offered": [
            {
                "code": u.product.code,
                "name": pick(u.product, "name"),
                "reason": reason_text(u.reason),
            }
            for u in quote.unavailable
        ],
        "recognised_tickets": [
            {"code": t.code, "name": pick(t, "name"), "note": pick(t, "note")}
            for t in quote.recognised
        ],
    }


def _stop(stop: Any) -> dict[str, Any]:
    return {"key": stop.key, "name": stop.name, "zones": list(stop.zones)}
