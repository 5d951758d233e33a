from django.apps import AppConfig
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "impulsregion.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        admin.site.site_header = _("Impulsregion back office")
        admin.site.site_title = _("Impulsregion back office")
        admin.site.index_title = _("Regional office")
