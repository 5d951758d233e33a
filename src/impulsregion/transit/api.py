from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from impulsregion.common.api import ApiError, errors
from impulsregion.transit.presenters import quote_as_dict
from impulsregion.transit.queries import FareInputError, quote_trip, search_stops
from impulsregion.transit.schemas import FareOut, StopOut

router = Router(tags=["transit"])


class FareQuery(Schema):
    from_: str = Field(..., alias="from", max_length=150, description="origin stop: name or key")
    to: str = Field(..., max_length=150, description="destination stop: name or key")
    via: list[str] = Field(
        default_factory=list, description="stops travelled through, in order (repeat the parameter)"
    )
    at: str = Field(
        "",
        max_length=40,
        description="time of travel, ISO 8601 (local time if no offset); default now",
    )
    passengers: str = Field("adult", max_length=200, description="e.g. adult:2,child:1,infant:1")


class StopQuery(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="part of a stop name")
    limit: int = Field(10, ge=1, le=50)


@router.get(
    "/fares",
    response={200: FareOut, **errors(422)},
    by_alias=True,
    summary="Every valid VMT ticket for a trip",
)
def fares(request: HttpRequest, query: Query[FareQuery]) -> dict:
    """Preisstufe, tariff family, zones and every valid product with price (decimal strings),
    validity and explanation. Illustrative prices are flagged."""
    try:
        quote = quote_trip(
            origin=query.from_,
            destination=query.to,
            via=query.via,
            at=query.at or None,
            passengers=query.passengers,
        )
    except FareInputError as error:
        raise ApiError(error.message, field=error.field) from error
    return quote_as_dict(quote)


@router.get(
    "/stops", response={200: list[StopOut], **errors(422)}, summary="Stops whose name matches"
)
def stops(request: HttpRequest, query: Query[StopQuery]) -> list[StopOut]:
    return [
        StopOut(key=s.key, name=s.name, zones=list(s.zones), lat=s.lat, lon=s.lon)
        for s in search_stops(query.q, query.limit)
    ]
