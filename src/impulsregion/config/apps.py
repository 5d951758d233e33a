from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project itself, installed last for the commands that need every app.

    ``config`` is the composition root: only it knows all apps (settings, URLs, the API).
    Its commands are ``export-openapi`` (the schema of ``config.api``) and ``load-demo``
    (every app's loader in order). It has no models.
    """

    name = "impulsregion.config"
    label = "config"

    def ready(self) -> None:
        from impulsregion.config import checks  # noqa: F401, PLC0415 - registers the deployment checks once the apps are ready
