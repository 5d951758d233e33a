from django.apps import AppConfig
from django.contrib import admin


class ProjectConfig(AppConfig):
    """The project itself, installed last for the commands that need every app.

    ``config`` is the composition root: only it knows all apps (settings, URLs, the API).
    Its commands are ``export-openapi`` (the schema of ``config.api``) and ``load-demo``
    (every app's loader in order); the back office's start page shows its desk, which reads
    every app (``config.desk``). It has no models.
    """

    name = "impulsregion.config"
    label = "config"

    def ready(self) -> None:
        from impulsregion.config import checks  # noqa: F401, PLC0415 - registers the deployment checks once the apps are ready

        # the start page opens with the desk (config.desk), above the list of apps
        admin.site.index_template = "config/admin_index.html"
        # pickers name a record as its admin says (a venue with its address)
        from impulsregion.region.admin_base import labelled_autocomplete  # noqa: PLC0415 - admin classes load once the apps are ready

        admin.site.autocomplete_view = labelled_autocomplete(admin.site)  # type: ignore[method-assign]
