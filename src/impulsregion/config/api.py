"""The JSON API at /api/v1/: one ninja router per app."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from impulsregion.agreements.api import router as agreements_router
from impulsregion.calendar.api import router as calendar_router
from impulsregion.common.api import ApiError, ApiParser, refused_request, validation_detail
from impulsregion.planning.api import router as planning_router
from impulsregion.region.api import router as region_router
from impulsregion.transit.api import router as transit_router

api = NinjaAPI(
    title="Impulsregion API",
    version="1",
    description=(
        "Open data of the Impulsregion Erfurt–Weimar–Jena–Weimarer Land: the cooperation's "
        "members and board, the regional culture calendar and the joint fare.\n\n"
        "Every error answer has the body `ErrorOut`, with messages in the client's language "
        "(`Accept-Language`: German by default, English with `en`). A query parameter that "
        "takes one value may be given only once."
    ),
    urls_namespace="api-1",
    parser=ApiParser(),
    # Swagger UI from our own static files (ninja is an installed app), without the online
    # validator's badge: the docs page makes no request beyond this site
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return api.create_response(request, {"detail": [error.as_detail()]}, status=error.status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": validation_detail(error.errors)}, status=422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return on_api_error(request, refused_request(error.status_code))


api.add_router("", region_router)
api.add_router("", calendar_router)
api.add_router("", planning_router)
api.add_router("", transit_router)
api.add_router("", agreements_router)
