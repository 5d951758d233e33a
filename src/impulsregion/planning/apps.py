from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "impulsregion.planning"
    label = "planning"
    verbose_name = _("Date coordination and annual overview")
    default_auto_field = "django.db.models.BigAutoField"
