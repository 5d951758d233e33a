from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from impulsregion.config.api import api

urlpatterns = [
    # the site's icon (four places, one of them highlighted), also where browsers look unasked
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("common/icon.svg"))),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("impulsregion.calendar.urls_plain")),
    path("", include("impulsregion.planning.urls_plain")),
    path("", include("impulsregion.transit.urls_plain")),
    path("", include("impulsregion.agreements.urls_plain")),
    path("", include("impulsregion.region.urls_plain")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("kalender/", include("impulsregion.calendar.urls")),
    path("tarif/", include("impulsregion.transit.urls")),
    path("verein/", include("impulsregion.agreements.urls")),
    path("", include("impulsregion.planning.urls")),
    path("", include("impulsregion.region.urls")),
    prefix_default_language=False,
)

if not settings.PRODUCTION:
    # uploaded images in development (`impulsregion serve`); in production nginx serves
    # /media/ from the shared folder (deploy/nginx/impulsregion.conf). Originals as uploaded
    # (with the camera's metadata) and calendar files uploaded for an import stay unserved.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?!event-originals/|imports/).+)$",
            lambda request, path: serve(request, path, document_root=settings.MEDIA_ROOT),
        )
    )
