from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionConfig(AppConfig):
    name = "impulsregion.region"
    label = "region"
    verbose_name = _("Region")
    default_auto_field = "django.db.models.BigAutoField"
