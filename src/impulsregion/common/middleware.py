from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from impulsregion.common.api import as_api_error

PUBLIC_SECONDS = 10  # how long a front cache or browser may keep an anonymous page: an edit
# shows to visitors behind a front cache within seconds, and the cache still takes the peaks
STALE_SECONDS = 30  # … and serve it once more while it asks for a fresh one
HOME_PATHS = frozenset({"/", "/en/"})  # kept for PUBLIC_SECONDS on the server too
API = "/api/"
API_DOCS = "/api/v1/docs"


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view whose pages other sites may frame (`SecurityHeadersMiddleware`); the
    outermost decorator, so the URL resolver hands the mark on."""
    view.embeddable = True  # type: ignore[attr-defined]
    return view


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a content security policy and a permissions policy.

    Other sites may frame the pages of views marked `embeddable` (the members' calendar
    widget): ``frame-ancestors`` is relaxed for them, asked of the view, not of the response,
    which the page cache rebuilds from its kept copy. The API's interactive docs (Swagger
    UI from our own static files) are stricter still: no images from elsewhere (theirs are
    ``data:`` URIs) and no inline styles.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        view = getattr(getattr(request, "resolver_match", None), "func", None)
        ancestors = "*" if getattr(view, "embeddable", False) else "'none'"
        if request.path_info.startswith(API_DOCS):
            images, styles = "'self' data:", "'self'"
        else:
            images, styles = "'self' https: data:", "'self' 'unsafe-inline'"
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; img-src {images}; style-src {styles}; script-src 'self'; "
            f"frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'",
        )
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
        )
        return response


class ClientLanguageMiddleware:
    """The API and feeds answer in the client's language (Accept-Language), German by default.

    Pages use the URL prefix (``/en/…``); LocaleMiddleware would pin every unprefixed URL,
    the API's too, to German. The API's refusals that no operation made (no such address,
    method not allowed) get its error body in that language too (`common.api.as_api_error`).
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
            response = self.get_response(request)
            return as_api_error(response) if request.path_info.startswith(API) else response


class PageCacheMiddleware:
    """Who may keep a page, and for how long.

    - A signed-in user's page is kept by no one (``private, no-store``): editors see drafts.
    - An anonymous GET of an HTML page that sets no cookie may be kept by anyone for
      `PUBLIC_SECONDS` (``public``, plus ``stale-while-revalidate``), with an ETag: the
      view's own (the calendar's pages name the data version, see ``calendar.views``) or a
      hash of the body, and 304 to a request naming it.
    - Anything else (feeds, the API, downloads, pages setting a cookie, pages that set their
      own ``Cache-Control``) is left as the view made it.

    ``Vary: Cookie`` keeps a signed-in visitor from meeting an anonymous copy. A page's
    language is its URL's prefix (German pages have none; Django then ignores the browser's
    languages), so ``Accept-Language``, which LocaleMiddleware adds to every German page,
    is taken out of ``Vary`` again: it would split a front cache's copy of each page by every
    browser's language list for nothing. Sits above the session and CSRF middleware, so it
    sees the cookies they set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # on the home page, the most visited, a visitor without cookies (no session, no form
        # token) gets what any such visitor got in the last seconds: the page as rendered,
        # with every header the stack set (its members and board change a few times a year)
        key = f"home-page:{request.path}" if _cookieless_home(request) else None
        kept = cache.get(key) if key else None
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers.items():
                response.headers[name] = value
        else:
            response = self.get_response(request)
        if response.has_header("Cache-Control") or not _is_page(request, response):
            return response
        if key and kept is None and self._worth_keeping(request, response):
            cache.set(key, (response.content, dict(response.headers)), PUBLIC_SECONDS)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            return response
        if not self._is_public(request, response):
            return response
        patch_cache_control(
            response, public=True, max_age=PUBLIC_SECONDS, stale_while_revalidate=STALE_SECONDS
        )
        patch_vary_headers(response, ("Cookie",))
        if not request.path_info.startswith(ClientLanguageMiddleware.prefixes):  # API docs
            _drop_vary(response, "Accept-Language")
        if response.status_code == 304:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _worth_keeping(self, request: HttpRequest, response: HttpResponse) -> bool:
        """Pages the calendar keeps itself by data version (`versioned`) are left to it: their
        changes show at once, where this copy may be `PUBLIC_SECONDS` old."""
        return (
            self._is_public(request, response)
            and response.status_code == 200
            and not getattr(response, "versioned", False)
        )

    @staticmethod
    def _is_public(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and response.status_code in (200, 304)
            and not response.cookies
            and not response.streaming
        )


def _cookieless_home(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.COOKIES and request.path in HOME_PATHS


def _is_page(request: HttpRequest, response: HttpResponse) -> bool:
    """An HTML page, or the 304 a page's ETag answered (it has no content type; the feeds and
    the API answer their own 304s)."""
    if response.status_code == 304:
        plain = request.path_info.startswith(ClientLanguageMiddleware.prefixes)
        return response.has_header("ETag") and not plain
    return response.get("Content-Type", "").startswith("text/html")


def _drop_vary(response: HttpResponse, header: str) -> None:
    kept = [
        name.strip()
        for name in response.get("Vary", "").split(",")
        if name.strip() and name.strip().lower() != header.lower()
    ]
    response.headers["Vary"] = ", ".join(kept)
