from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("region:home", _("Home")),
    ("region:about", _("About the region")),
    ("calendar:index", _("Culture calendar")),
    ("transit:index", _("Fares")),
    ("agreements:index", _("Association")),
]


def site(request: HttpRequest) -> dict[str, object]:
    return {"navigation": NAVIGATION, "site_name": "Impulsregion"}
