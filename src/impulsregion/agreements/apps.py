from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "impulsregion.agreements"
    label = "agreements"
    verbose_name = _("Association and agreements")
    default_auto_field = "django.db.models.BigAutoField"
