from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a content security policy and a permissions policy.

    Pages may embed the calendar widget elsewhere (``frame-ancestors`` is relaxed for
    responses that set ``response.embeddable = True``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            return response  # the interactive docs load their assets from a CDN
        ancestors = "*" if getattr(response, "embeddable", False) else "'none'"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; "
            f"script-src 'self'; frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'",
        )
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
        )
        return response


class ClientLanguageMiddleware:
    """The API and feeds answer in the client's language (Accept-Language), German by default.

    Pages use the URL prefix (``/en/…``); LocaleMiddleware would pin every unprefixed URL,
    the API's too, to German.
    """

    prefixes = ("/api/", "/feeds/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(self.prefixes):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        request.LANGUAGE_CODE = language
        # only for this request: the thread's next work must not inherit the client's language
        with translation.override(language):
            return self.get_response(request)
