from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "impulsregion.calendar"
    label = "calendar"
    verbose_name = _("Culture calendar")
    default_auto_field = "django.db.models.BigAutoField"
