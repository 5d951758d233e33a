from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitConfig(AppConfig):
    name = "impulsregion.transit"
    label = "transit"
    verbose_name = _("Joint fare")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from impulsregion.transit import signals  # noqa: PLC0415 - AppConfig.ready: signals imports the models, which cannot load before the app registry

        signals.connect()
