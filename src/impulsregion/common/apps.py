from django.apps import AppConfig
from django.contrib import admin
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished


class CommonConfig(AppConfig):
    name = "impulsregion.common"
    label = "common"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Common")

    def ready(self) -> None:
        # every app's jobs (its tasks.py) are declared before a worker or scheduler looks
        autodiscover_modules("tasks")
        from impulsregion.common.jobs.retry import retry_failed  # noqa: PLC0415 - it imports the job table's model: only once the apps are ready

        task_finished.connect(retry_failed, dispatch_uid="impulsregion-retry-failed")
        admin.site.site_header = _("Impulsregion back office")
        admin.site.site_title = _("Impulsregion back office")
        admin.site.index_title = _("Regional office")
